package io.sse4j.kafka.connect;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
     * Accepts offsets that a user alters through the REST API if they look like this connector's:
     * a partition with {@code url} and {@code method}, an offset with a string
     * {@code last_event_id} (or none, to reset the stream to its start).
     */
    @Override
    public boolean alterOffsets(Map<String, String> connectorConfig, Map<Map<String, ?>, Map<String, ?>> offsets) {
        offsets.forEach((partition, offset) -> {
            if (!(partition.get(StreamSpec.PARTITION_URL) instanceof String)
                    || !(partition.get(StreamSpec.PARTITION_METHOD) instanceof String)) {
                throw new ConnectException("source partition " + partition + " is not one of this connector's: it has"
                        + " the string keys \"url\" and \"method\" (and \"body_sha256\" for a request with a body)");
            }
            if (offset != null && !(offset.get(StreamSpec.OFFSET_LAST_EVENT_ID) instanceof String)) {
                throw new ConnectException("source offset " + offset + " is not one of this connector's: it has the"
                        + " string key \"last_event_id\"");
            }
        });
        return true;
    }
}
