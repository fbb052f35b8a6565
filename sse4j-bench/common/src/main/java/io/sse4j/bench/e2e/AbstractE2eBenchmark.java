package io.sse4j.bench.e2e;

import io.sse4j.bench.BlackholeSink;
import io.sse4j.bench.ClientLibraries;
import io.sse4j.bench.StreamHarness;
import io.sse4j.bench.Workload;
import io.sse4j.bench.Workloads;
import io.sse4j.bench.server.StreamServer;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
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
import org.openjdk.jmh.infra.Blackhole;

/**
 * End-to-end throughput over loopback HTTP/1.1: one operation opens a stream from a
 * {@link StreamServer} in this JVM, receives the whole {@code llm} workload (100,000 events) through
 * the library's public client API, and consumes every event's type, data and ID. Events/s is ops/s
 * times the workload's events ({@code StreamResultsTable}).
 *
 * <p>The harness, and so the client, is made once per fork and shared by all operations, as an
 * application shares its client. The server writes pre-framed bytes; {@code ServerBaselineBenchmark}
 * in the main benchmarks jar shows how much faster than any library it can go.
 *
 * <p>Each benchmark jar has one subclass, which declares the {@code library} parameter with the
 * streaming libraries its jar registers in {@link ClientLibraries}; settings, server and the
 * measured operation are the same for every jar. JMH finds the {@code @Benchmark} method here
 * through the subclass and names it after the subclass.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 2, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@State(Scope.Benchmark)
public abstract class AbstractE2eBenchmark {

    /** Bounds one operation; a library that stalls fails the run instead of hanging it. */
    static final Duration TIMEOUT = Duration.ofSeconds(60);

    @Param({Workloads.LLM})
    public String workload;

    private StreamServer server;
    private StreamHarness harness;
    private Workload input;
    private URI uri;

    /**
     * The value of the subclass's {@code library} parameter: a streaming library's name in
     * {@link ClientLibraries}.
     *
     * @return the library this trial measures
     */
    protected abstract String library();

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        server = StreamServer.start();
        String library = library();
        Supplier<StreamHarness> factory = ClientLibraries.allStreaming().get(library);
        if (factory == null) {
            throw new IllegalArgumentException("no harness for library " + library + "; known: "
                    + ClientLibraries.allStreaming().keySet());
        }
        harness = factory.get();
        input = Workloads.of(workload);
        uri = server.workloadUri(workload, 1);
        server.framedWorkload(workload);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        harness.close();
        server.close();
    }

    @Benchmark
    public void stream(Blackhole blackhole) throws Exception {
        input.expectEvents(harness.stream(uri, new BlackholeSink(blackhole), TIMEOUT));
    }
}
