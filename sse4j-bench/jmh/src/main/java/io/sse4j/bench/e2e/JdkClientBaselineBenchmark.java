package io.sse4j.bench.e2e;

import io.sse4j.bench.Workload;
import io.sse4j.bench.Workloads;
import io.sse4j.bench.server.StreamServer;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
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
 * strings, one buffer list requested at a time as sse4j does). With the JDK's default executor and
 * with {@code executor(Runnable::run)}.
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

    @Param({DEFAULT_EXECUTOR, DIRECT_EXECUTOR})
    public String executor;

    @Param({Workloads.LLM})
    public String workload;

    private StreamServer server;
    private HttpClient client;
    private HttpRequest request;
    private Workload input;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        server = StreamServer.start();
        client = switch (executor) {
            case DEFAULT_EXECUTOR -> Sse4jClients.newClient();
            case DIRECT_EXECUTOR -> Sse4jClients.newDirectClient();
            default -> throw new IllegalArgumentException("no executor " + executor);
        };
        input = Workloads.of(workload);
        request = Sse4jClients.request(server.workloadUri(workload, 1));
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        server.close();
    }

    @Benchmark
    public long read() throws IOException, InterruptedException {
        Counter counter = new Counter();
        long bytes = client.send(request, info -> counter).body();
        if (bytes != input.bytes().length) {
            throw new IllegalStateException("expected " + input.bytes().length + " bytes, got " + bytes);
        }
        input.expectEvents(counter.blankLines);
        return bytes;
    }

    /** Counts the body's bytes and its LF LF pairs, requesting one buffer list at a time. */
    private static final class Counter implements HttpResponse.BodySubscriber<Long> {
        private final CompletableFuture<Long> body = new CompletableFuture<>();
        private Flow.Subscription subscription;
        private long bytes;
        private int blankLines;
        private boolean lastWasLf;

        @Override
        public CompletionStage<Long> getBody() {
            return body;
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            s.request(1);
        }

        @Override
        public void onNext(List<ByteBuffer> buffers) {
            for (ByteBuffer buffer : buffers) {
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
            subscription.request(1);
        }

        @Override
        public void onError(Throwable throwable) {
            body.completeExceptionally(throwable);
        }

        @Override
        public void onComplete() {
            body.complete(bytes);
        }
    }
}
