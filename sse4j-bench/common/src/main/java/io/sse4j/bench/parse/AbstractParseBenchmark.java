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
 * Parser throughput: one operation parses a whole {@link Workloads workload} held in memory,
 * delivered in chunks of {@code chunkSize} bytes, and consumes every event's type, data and ID.
 * MB/s and events/s are ops/s times the workload's bytes and events ({@code ResultsTable}).
 *
 * <p>Each benchmark jar has one subclass, which declares the {@code library} parameter with the
 * libraries on its classpath and makes their harnesses; settings, workloads, chunk sizes and the
 * measured operation are the same for every jar. JMH finds the {@code @Benchmark} method here
 * through the subclass and names it after the subclass. Each parameter combination runs in its own
 * forked JVM, so each library's code is compiled and profiled alone.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 2, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@State(Scope.Thread)
public abstract class AbstractParseBenchmark {

    @Param({Workloads.LLM, Workloads.CRLF, Workloads.LARGE})
    public String workload;

    @Param({"8192", "64"})
    public int chunkSize;

    private ParserHarness harness;
    private Workload input;

    /**
     * A new harness for the library named by the subclass's {@code library} parameter.
     *
     * @return the harness
     * @throws IllegalArgumentException if this jar has no harness for that library
     */
    protected abstract ParserHarness harness();

    @Setup
    public void setUp() {
        harness = harness();
        input = Workloads.of(workload);
    }

    @Benchmark
    public void parse(Blackhole blackhole) throws Exception {
        input.expectEvents(harness.parse(input.bytes(), chunkSize, new BlackholeSink(blackhole)));
    }
}
