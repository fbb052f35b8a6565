package io.sse4j.bench.parse;

import io.sse4j.bench.BlackholeSink;
import io.sse4j.bench.ParserHarness;
import io.sse4j.bench.Workload;
import io.sse4j.bench.Workloads;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Parser throughput for the peers that need OkHttp 4 on their classpath; otherwise the same
 * benchmark, with the same settings, as {@code ParseBenchmark} in the main benchmarks jar.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 2, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@State(Scope.Thread)
public class Okhttp4ParseBenchmark {

    /** The only library here; a parameter so results tables read the same as the main jar's. */
    @Param({"launchdarkly"})
    public String library;

    @Param({Workloads.LLM, Workloads.CRLF, Workloads.LARGE})
    public String workload;

    @Param({"8192", "64"})
    public int chunkSize;

    private ParserHarness harness;
    private Workload input;

    @Setup
    public void setUp() {
        if (!library.equals("launchdarkly")) {
            throw new IllegalArgumentException("no harness for library " + library);
        }
        harness = new LaunchDarklyHarness();
        input = Workloads.of(workload);
    }

    @Benchmark
    public void parse(Blackhole blackhole) throws Exception {
        input.expectEvents(harness.parse(input.bytes(), chunkSize, new BlackholeSink(blackhole)));
    }
}
