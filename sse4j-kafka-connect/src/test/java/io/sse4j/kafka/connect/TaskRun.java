package io.sse4j.kafka.connect;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.kafka.common.metrics.PluginMetrics;
import org.apache.kafka.connect.json.JsonConverter;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTaskContext;
import org.apache.kafka.connect.source.TransactionContext;
import org.apache.kafka.connect.storage.OffsetStorageReader;

/**
 * An {@link SseSourceTask} run by hand, for tests of the task alone: the context Connect would
 * give it, with committed offsets and, optionally, a transaction context that records what the
 * task asks for. The end-to-end tests run the task in a real worker instead.
 *
 * <p>Offsets are kept as a worker keeps them: by the JSON of {@code [connector, partition]} that
 * the worker's internal {@link JsonConverter} writes, so a partition's key order counts here as
 * it does in the offsets topic, and two equal partitions in different orders are two entries.
 */
final class TaskRun implements AutoCloseable {

    final SseSourceTask task = new SseSourceTask();
    private static final JsonConverter KEYS = new JsonConverter();

    static {
        KEYS.configure(Map.of("schemas.enable", "false"), true);
    }

    /** The stored offsets, by their key's JSON. */
    private final Map<String, Map<String, Object>> stored = new HashMap<>();
    final RecordingTransactions transactions;

    TaskRun(boolean connectorTransactions) {
        this.transactions = connectorTransactions ? new RecordingTransactions() : null;
        task.initialize(new SourceTaskContext() {
            @Override
            public Map<String, String> configs() {
                return Map.of();
            }

            @Override
            public OffsetStorageReader offsetStorageReader() {
                return new OffsetStorageReader() {
                    @Override
                    public <T> Map<String, Object> offset(Map<String, T> partition) {
                        return stored.get(key(partition));
                    }

                    @Override
                    public <T> Map<Map<String, T>, Map<String, Object>> offsets(Collection<Map<String, T>> partitions) {
                        Map<Map<String, T>, Map<String, Object>> found = new HashMap<>();
                        // As Connect does: one answer per key asked for, keyed by the map asked
                        // with, so equal maps in different orders collide and the last one wins.
                        partitions.forEach(p -> found.put(p, stored.get(key(p))));
                        return found;
                    }
                };
            }

            @Override
            public TransactionContext transactionContext() {
                return transactions;
            }

            @Override
            public PluginMetrics pluginMetrics() {
                throw new UnsupportedOperationException("the task has no metrics of its own");
            }
        });
    }

    /**
     * Stores {@code offset} for {@code partition}, under the key its order gives, as a worker
     * would after the task (or an earlier build, or the REST API) committed it; a null offset
     * removes it, as a tombstone does.
     */
    TaskRun commit(Map<String, ?> partition, Map<String, ?> offset) {
        if (offset == null) {
            stored.remove(key(partition));
        } else {
            stored.put(key(partition), new HashMap<>(offset));
        }
        return this;
    }

    /** The JSON of the offsets topic's key for {@code partition}, in its iteration order. */
    static String key(Map<String, ?> partition) {
        return new String(KEYS.fromConnectData("", null, Arrays.asList("task-run", partition)), StandardCharsets.UTF_8);
    }

    /** Starts the task with {@code config} as its own (all streams in this task). */
    TaskRun start(Map<String, String> config) {
        Map<String, String> props = new HashMap<>(config);
        props.putIfAbsent(SseSourceConfig.TASK_STREAMS, props.get(SseSourceConfig.STREAMS));
        task.start(props);
        return this;
    }

    /** Polls until {@code done} holds for all records polled so far; fails after {@code timeout}. */
    List<SourceRecord> pollUntil(Predicate<List<SourceRecord>> done, Duration timeout) throws InterruptedException {
        List<SourceRecord> records = new ArrayList<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!done.test(records)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + timeout + " with " + records.size() + " records");
            }
            List<SourceRecord> batch = task.poll();
            if (batch != null) {
                records.addAll(batch);
            }
        }
        return records;
    }

    @Override
    public void close() {
        task.stop();
    }

    /** What the task asked of the transaction context, in order. */
    static final class RecordingTransactions implements TransactionContext {
        final List<Object> requests = new ArrayList<>();

        @Override
        public void commitTransaction() {
            requests.add("commit batch");
        }

        @Override
        public void commitTransaction(SourceRecord record) {
            requests.add(record);
        }

        @Override
        public void abortTransaction() {
            requests.add("abort batch");
        }

        @Override
        public void abortTransaction(SourceRecord record) {
            requests.add("abort " + record);
        }
    }
}
