package io.sse4j.bench.e2e;

import io.sse4j.bench.Workload;
import io.sse4j.bench.Workloads;
import io.sse4j.bench.server.StreamServer;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.ByteBuffer;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The ceiling of any SSE library on {@code java.net.http}, sse4j included: the stream of
 * {@link E2eBenchmark} received by the JDK's {@link HttpClient}, configured as in the sse4j
 * harnesses, into a body subscriber that only counts bytes and blank lines (no parsing, no
 * strings, one buffer list requested at a time as sse4j does). With the JDK's default executor,
 * with {@code executor(Runnable::run)} and with a fixed pool of 2 threads.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 2, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@State(Scope.Benchmark)
public class JdkClientBaselineBenchmark {

    /** The JDK's default executor. */
    public static final String DEFAULT_EXECUTOR = "default";
    /** {@code executor(Runnable::run)}. */
    public static final String DIRECT_EXECUTOR = "direct";

    /** A fixed pool of 2 threads. */
    public static final String FIXED2_EXECUTOR = "fixed2";

    @Param({DEFAULT_EXECUTOR, DIRECT_EXECUTOR, FIXED2_EXECUTOR})
    public String executor;

    @Param({Workloads.LLM})
    public String workload;

    private StreamServer server;
    private ExecutorService pool;
    private HttpClient client;
    private HttpRequest request;
    private Workload input;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        server = StreamServer.start();
        client = switch (executor) {
            case DEFAULT_EXECUTOR -> Sse4jClients.newClient();
            case DIRECT_EXECUTOR -> Sse4jClients.newDirectClient();
            case FIXED2_EXECUTOR -> Sse4jClients.newPooledClient(pool = Sse4jClients.newFixedPool(2));
            default -> throw new IllegalArgumentException("no executor " + executor);
        };
        input = Workloads.of(workload);
        request = Sse4jClients.request(server.workloadUri(workload, 1));
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        if (pool != null) {
            pool.shutdown();
        }
        server.close();
    }

    @Benchmark
    public long read() throws IOException, InterruptedException {
        Counter counter = new Counter();
        long bytes = client.send(request, info -> new BufferSubscriber<>(counter::count, () -> counter.bytes)).body();
        if (bytes != input.bytes().length) {
            throw new IllegalStateException("expected " + input.bytes().length + " bytes, got " + bytes);
        }
        input.expectEvents(counter.blankLines);
        return bytes;
    }

    /** Counts the body's bytes and its LF LF pairs. */
    private static final class Counter {
        private long bytes;
        private int blankLines;
        private boolean lastWasLf;

        void count(ByteBuffer buffer) {
            for (int i = buffer.position(); i < buffer.limit(); i++) {
                if (buffer.get(i) == '\n') {
                    if (lastWasLf) {
                        blankLines++;
                    }
                    lastWasLf = !lastWasLf;
                } else {
                    lastWasLf = false;
                }
            }
            bytes += buffer.remaining();
        }
    }
}
