package io.sse4j.kafka.connect;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Executors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * The connector's benchmark, for BENCHMARKS.md: events per second from a local stream into Kafka
 * through a real worker and broker, exactly-once off and on, and the heap a stream takes in a
 * task. Not a test; run it with
 * {@code mvn -B -q -pl sse4j-kafka-connect -am test-compile exec:java -Dexec.mainClass=io.sse4j.kafka.connect.ConnectorBench}
 * (arguments: {@code -Dexec.args="events streams"}, by default 200000 and 200).
 */
public final class ConnectorBench {

    /** 100 characters of payload, as a small JSON change event might have. */
    private static final String PAYLOAD = "x".repeat(100);

    private ConnectorBench() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 2 && args[0].equals("serve")) {
            // The streams of the heap measurement, in a JVM of their own so that their heap is not counted.
            FastStream stream = FastStream.start(Integer.parseInt(args[1]));
            System.out.println(stream.uri());
            return;
        }
        int events = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
        int streams = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        System.out.println("java " + System.getProperty("java.version") + ", " + Runtime.getRuntime().availableProcessors()
                + " cores, max heap " + Runtime.getRuntime().maxMemory() / (1024 * 1024) + " MiB, load average "
                + ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        heapPerStream(streams);
        try (TestBroker broker = TestBroker.start(); FastStream stream = FastStream.start(events)) {
            for (boolean exactlyOnce : new boolean[] {false, true, false, true}) {
                throughput(broker, stream, events, exactlyOnce);
            }
        }
        System.exit(0); // The HTTP client's and Kafka's non-daemon threads.
    }

    /** One connector, one stream of {@code events} events, until a read_committed consumer has them all. */
    private static void throughput(TestBroker broker, FastStream stream, int events, boolean exactlyOnce) throws Exception {
        String name = "bench-" + (exactlyOnce ? "eos" : "plain") + "-" + System.nanoTime();
        broker.createTopics(name);
        try (TestWorker worker = TestWorker.start(broker.workerProps(name, exactlyOnce));
                KafkaConsumer<byte[], byte[]> reader = reader(broker, name)) {
            Map<String, String> config = new HashMap<>();
            config.put("connector.class", SseSourceConnector.class.getName());
            config.put("streams", "fast");
            config.put("stream.fast.url", stream.uri().toString());
            config.put("topic", name);
            if (exactlyOnce) {
                config.put("exactly.once.support", "required");
            }
            long start = System.nanoTime();
            worker.putConnector(name, config);
            long first = -1;
            long firstTimestamp = -1;
            long lastTimestamp = -1;
            int read = 0;
            while (read < events) {
                if (System.nanoTime() - start > Duration.ofMinutes(5).toNanos()) {
                    throw new IllegalStateException("only " + read + " of " + events + " events in 5 minutes");
                }
                for (ConsumerRecord<byte[], byte[]> record : reader.poll(Duration.ofMillis(200))) {
                    if (first < 0) {
                        first = System.nanoTime();
                        firstTimestamp = record.timestamp();
                    }
                    lastTimestamp = record.timestamp();
                    read++;
                }
            }
            long end = System.nanoTime();
            double received = (events - 1) * 1000.0 / Math.max(1, lastTimestamp - firstTimestamp);
            double visible = (events - 1) * 1e9 / (end - first);
            System.out.printf("throughput exactlyOnce=%s: %d events; received by the task at %.0f events/s;"
                    + " visible to a read_committed consumer at %.0f events/s (first record %.1f s after the connector"
                    + " was created)%n", exactlyOnce, events, received, visible, (first - start) / 1e9);
        }
    }

    private static KafkaConsumer<byte[], byte[]> reader(TestBroker broker, String topic) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "bench-" + System.nanoTime());
        KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        consumer.subscribe(List.of(topic));
        return consumer;
    }

    /**
     * The heap {@code streams} streams take in one task: open and idle, then with their buffers
     * full ({@code buffer.events.per.stream} events waiting, the default 1000, and the event
     * source's own), as when Kafka is slower than the servers.
     */
    private static void heapPerStream(int streams) throws Exception {
        for (boolean full : new boolean[] {false, true}) {
            Process server = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", classPath(), ConnectorBench.class.getName(), "serve",
                    full ? "5000" : "0").redirectError(ProcessBuilder.Redirect.INHERIT).start();
            try {
                URI uri = URI.create(new java.io.BufferedReader(new java.io.InputStreamReader(server.getInputStream(),
                        StandardCharsets.UTF_8)).readLine());
                long before = usedHeap();
                try (TaskRun run = new TaskRun(false)) {
                    Map<String, String> config = new HashMap<>();
                    StringBuilder names = new StringBuilder();
                    for (int i = 0; i < streams; i++) {
                        names.append(i == 0 ? "" : ",").append("s").append(i);
                        config.put("stream.s" + i + ".url", uri + "?stream=" + i);
                    }
                    config.put("streams", names.toString());
                    config.put("topic", "heap");
                    run.start(config);
                    // Not polled: let the streams connect and fill what they may buffer (or stay idle).
                    Thread.sleep(full ? 8000 : 5000);
                    long after = usedHeap();
                    System.out.printf("heap per stream (%s): %.1f KiB (%d streams, %.1f MiB in all)%n",
                            full ? "1000 events of 125 bytes waiting in the task, not polled" : "connected, idle",
                            (after - before) / 1024.0 / streams, streams, (after - before) / 1048576.0);
                }
            } finally {
                server.destroy();
            }
        }
    }

    /** This class's class path: exec:java loads it with a class loader of its own, not the JVM's class path. */
    private static String classPath() {
        if (ConnectorBench.class.getClassLoader() instanceof java.net.URLClassLoader loader) {
            StringBuilder path = new StringBuilder();
            for (java.net.URL url : loader.getURLs()) {
                path.append(path.length() == 0 ? "" : java.io.File.pathSeparator).append(Path.of(URI.create(url.toString())));
            }
            return path.toString();
        }
        return System.getProperty("java.class.path");
    }

    private static long usedHeap() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(200);
        }
        Runtime runtime = Runtime.getRuntime();
        return runtime.totalMemory() - runtime.freeMemory();
    }

    /**
     * A local event stream as fast as loopback allows: events 1 to N with IDs and about 125
     * bytes of data, resuming after {@code Last-Event-ID}, 204 once the client has them all.
     * With N = 0, it sends a comment and stays open: an idle stream.
     */
    static final class FastStream implements AutoCloseable {
        private final HttpServer server;
        private final int events;

        private FastStream(HttpServer server, int events) {
            this.server = server;
            this.events = events;
        }

        static FastStream start(int events) throws IOException {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1024);
            FastStream stream = new FastStream(server, events);
            server.setExecutor(Executors.newCachedThreadPool());
            server.createContext("/", stream::serve);
            server.start();
            return stream;
        }

        URI uri() {
            return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/events");
        }

        private void serve(HttpExchange exchange) throws IOException {
            String lastEventId = exchange.getRequestHeaders().getFirst("Last-Event-ID");
            int next = lastEventId == null ? 1 : Integer.parseInt(lastEventId) + 1;
            if (events > 0 && next > events) {
                exchange.sendResponseHeaders(204, -1);
                exchange.close();
                return;
            }
            exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream out = new BufferedOutputStream(exchange.getResponseBody(), 64 * 1024)) {
                out.write("retry: 100\n\n".getBytes(StandardCharsets.UTF_8));
                while (events == 0) { // Idle, with a heartbeat a second, until the client leaves.
                    out.write(": idle\n\n".getBytes(StandardCharsets.UTF_8));
                    out.flush();
                    Thread.sleep(1000);
                }
                for (int n = next; n <= events; n++) {
                    out.write(("id: " + n + "\ndata: {\"n\":" + n + ",\"payload\":\"" + PAYLOAD + "\"}\n\n")
                            .getBytes(StandardCharsets.UTF_8));
                }
            } catch (IOException | InterruptedException clientLeft) {
                // The client closed, or the server stops: nothing to do.
            }
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }
}
