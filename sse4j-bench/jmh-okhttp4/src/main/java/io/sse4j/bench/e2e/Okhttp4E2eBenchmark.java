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
 * End-to-end throughput for the peers that need OkHttp 4 on their classpath; otherwise the same
 * benchmark, with the same settings and server, as {@code E2eBenchmark} in the main benchmarks jar.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 2, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@State(Scope.Benchmark)
public class Okhttp4E2eBenchmark {

    /** Bounds one operation; a library that stalls fails the run instead of hanging it. */
    static final Duration TIMEOUT = Duration.ofSeconds(60);

    @Param({Okhttp4Libraries.LAUNCHDARKLY_BLOCKING, Okhttp4Libraries.LAUNCHDARKLY_BACKGROUND})
    public String library;

    @Param({Workloads.LLM})
    public String workload;

    private StreamServer server;
    private StreamHarness harness;
    private Workload input;
    private URI uri;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        server = StreamServer.start();
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
