package io.sse4j.kafka.connect;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.source.ConnectorTransactionBoundaries;
import org.apache.kafka.connect.source.ExactlyOnceSupport;
import org.apache.kafka.connect.source.SourceConnector;
import org.apache.kafka.connect.util.ConnectorUtils;

/**
 * A Kafka Connect source for Server-Sent Events streams: each event becomes a record, and each
 * stream's last event ID is its source offset, so a task that restarts, or moves to another
 * worker, resumes with {@code Last-Event-ID} where the committed records end.
 *
 * <h2>Tasks</h2>
 * The streams are spread over at most {@code tasks.max} tasks, in the order listed, in
 * contiguous groups of nearly equal size; with {@code tasks.max} at least the number of streams,
 * each stream has its own task, so a stream that fails (a 401, say) fails only its own task.
 *
 * <h2>Exactly once</h2>
 * With the worker's {@code exactly.once.source.support=enabled}, records and offsets are written
 * in one transaction, and since a server resumes after the {@code Last-Event-ID} it is sent, every
 * event with an ID lands once. The default transaction boundary ({@code poll}) suits streams
 * whose every event carries an ID; {@code transaction.boundary=connector} ends transactions only
 * where every stream of the task is at an event with an ID of its own, for streams that set IDs
 * on some events only. See {@code docs/kafka-connect.md} for what streams without IDs get.
 *
 * <h2>Offsets</h2>
 * Each stream's source partition is {@code {"method": …, "url": …}} (plus {@code "body_sha256"}
 * for a request with a body), its offset {@code {"last_event_id": …}}, stored in the key order
 * that Connect's REST API reads: {@code GET /connectors/<name>/offsets} shows each stream's ID,
 * and {@code PATCH} and {@code DELETE} take effect on the tasks' next start
 * ({@link #alterOffsets} checks what is written). Offsets stored URL first by earlier builds are
 * still read; {@code StoredOffsets} says which wins.
 */
public final class SseSourceConnector extends SourceConnector {

    private Map<String, String> props;
    private SseSourceConfig config;

    @Override
    public String version() {
        return Version.VERSION;
    }

    @Override
    public ConfigDef config() {
        return SseSourceConfig.CONFIG_DEF;
    }

    @Override
    public void start(Map<String, String> props) {
        try {
            this.config = new SseSourceConfig(props);
        } catch (ConfigException e) {
            throw new ConnectException(e.getMessage(), e);
        }
        this.props = Map.copyOf(props);
    }

    @Override
    public Class<? extends Task> taskClass() {
        return SseSourceTask.class;
    }

    /**
     * One configuration per task: the connector's own, keys unchanged (so that Connect stores
     * references to config providers rather than the secrets they resolve to), and the names of
     * the task's streams.
     */
    @Override
    public List<Map<String, String>> taskConfigs(int maxTasks) {
        List<String> names = new ArrayList<>();
        config.streams().forEach(s -> names.add(s.name()));
        List<Map<String, String>> configs = new ArrayList<>();
        for (List<String> group : ConnectorUtils.groupPartitions(names, Math.min(maxTasks, names.size()))) {
            Map<String, String> task = new HashMap<>(props);
            task.put(SseSourceConfig.TASK_STREAMS, String.join(",", group));
            configs.add(task);
        }
        return configs;
    }

    @Override
    public void stop() {
        // Nothing to release: the tasks hold the connections.
    }

    /**
     * Checks the fixed settings and every stream's: a URL that is not an absolute http or https
     * URL, a method or header name that is not a token, a header value with a line break, a
     * header the HTTP client refuses, a topic pattern with an unknown placeholder or a character
     * no topic may have, a stream setting for a stream not listed. Values of secret headers are
     * never echoed.
     */
    @Override
    public Config validate(Map<String, String> connectorConfigs) {
        Config config = super.validate(connectorConfigs);
        Map<String, ConfigValue> byName = new HashMap<>();
        for (ConfigValue value : config.configValues()) {
            byName.put(value.name(), value);
        }
        ConfigValue streams = byName.get(SseSourceConfig.STREAMS);
        if (streams == null || !streams.errorMessages().isEmpty() || !(streams.value() instanceof List)) {
            return config;
        }
        @SuppressWarnings("unchecked")
        List<String> names = (List<String>) streams.value();
        List<ConfigValue> values = new ArrayList<>(config.configValues());
        SseSourceConfig.streamProblems(connectorConfigs, names).forEach((key, messages) -> {
            ConfigValue value = new ConfigValue(key, SseSourceConfig.isSecret(key) ? null : connectorConfigs.get(key),
                    List.of(), new ArrayList<>());
            messages.forEach(value::addErrorMessage);
            values.add(value);
        });
        return new Config(values);
    }

    /** Every event with an ID lands once, as the server resumes after the committed ID. */
    @Override
    public ExactlyOnceSupport exactlyOnceSupport(Map<String, String> connectorConfig) {
        return ExactlyOnceSupport.SUPPORTED;
    }

    /** Tasks end transactions where every stream is at an event with an ID of its own. */
    @Override
    public ConnectorTransactionBoundaries canDefineTransactionBoundaries(Map<String, String> connectorConfig) {
        return ConnectorTransactionBoundaries.SUPPORTED;
    }

    /**
     * Checks offsets that an operator writes through Connect's REST API
     * ({@code PATCH /connectors/<name>/offsets} while the connector is stopped, or
     * {@code DELETE} to reset them all), before Connect writes them. Accepted:
     * <ul>
     *   <li>a partition with the string keys {@code method} and {@code url}, plus
     *       {@code body_sha256} for a request with a body, and no other key: as
     *       {@code GET /connectors/<name>/offsets} shows them;</li>
     *   <li>an offset {@code {"last_event_id": "1234"}}: the stream resumes after that ID on its next
     *       start. The ID must be a string (in quotes) that can be sent as a header: printable
     *       ASCII without leading or trailing spaces;</li>
     *   <li>an offset {@code {"last_event_id": null}}: the stream starts again from its
     *       {@code last.event.id}, and so does a null offset, as {@code DELETE} writes.</li>
     * </ul>
     * An offset for a partition that none of the connector's streams has would never be read,
     * so it is refused too, with the partitions that the streams have; a reset of such a
     * partition is accepted, to clear up after a stream that was removed.
     *
     * @return {@code true}: what passes is applied on the tasks' next start
     * @throws ConnectException naming the partition or offset and what is wrong with it
     */
    @Override
    public boolean alterOffsets(Map<String, String> connectorConfig, Map<Map<String, ?>, Map<String, ?>> offsets) {
        List<StreamSpec> streams = configuredStreams(connectorConfig);
        for (Map.Entry<Map<String, ?>, Map<String, ?>> entry : offsets.entrySet()) {
            Map<String, ?> partition = entry.getKey();
            Map<String, ?> offset = entry.getValue();
            Optional<String> problem = StoredOffsets.partitionProblem(partition);
            if (problem.isPresent()) {
                throw new ConnectException("source partition " + partition + " is not one of this connector's: "
                        + problem.get());
            }
            if (offset == null) {
                continue;
            }
            problem = StoredOffsets.offsetProblem(offset, true);
            if (problem.isPresent()) {
                throw new ConnectException("source offset " + offset + " for partition " + partition
                        + " is not one of this connector's: " + problem.get());
            }
            if (streams != null && streams.stream().noneMatch(s -> s.partition().equals(partition))) {
                throw new ConnectException("no stream of this connector has the source partition " + partition
                        + ", so its offset would never be read; the streams' partitions are "
                        + streams.stream().map(s -> s.partition() + " ('" + s.name() + "')")
                                .collect(Collectors.joining(", "))
                        + ". Copy the partition from GET /connectors/<name>/offsets");
            }
        }
        return true;
    }

    /** The streams of {@code connectorConfig}, or null if it does not parse (it is checked elsewhere). */
    private static List<StreamSpec> configuredStreams(Map<String, String> connectorConfig) {
        try {
            return new SseSourceConfig(connectorConfig).streams();
        } catch (ConfigException e) {
            return null;
        }
    }
}
