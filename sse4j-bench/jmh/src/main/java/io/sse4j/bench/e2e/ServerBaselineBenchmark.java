package io.sse4j.bench.e2e;

import io.sse4j.bench.Workload;
import io.sse4j.bench.Workloads;
import io.sse4j.bench.server.StreamServer;
import io.sse4j.testkit.MockResponse;
import io.sse4j.testkit.MockSseServer;
import java.io.IOException;
import java.net.URI;
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
 * The ceiling of {@link E2eBenchmark}: the same stream read by {@link RawHttpReader}, which does
 * less than any SSE library could (no strings, no events), from the benchmark's own
 * {@link StreamServer} and, for comparison, from the testkit's {@link MockSseServer} sending the
 * same bytes in the same chunk size. If a library came close to this rate, the server or the
 * loopback would be limiting it, not the library.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 2, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@State(Scope.Benchmark)
public class ServerBaselineBenchmark {

    /** The benchmark's {@link StreamServer}. */
    public static final String STREAM_SERVER = "stream-server";
    /** The testkit's {@link MockSseServer}. */
    public static final String MOCK_SSE_SERVER = "mock-sse-server";

    private static final int READ_TIMEOUT_MILLIS = 60_000;

    @Param({STREAM_SERVER, MOCK_SSE_SERVER})
    public String server;

    @Param({Workloads.LLM})
    public String workload;

    private AutoCloseable running;
    private URI uri;
    private Workload input;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        input = Workloads.of(workload);
        switch (server) {
            case STREAM_SERVER -> {
                StreamServer streamServer = StreamServer.start();
                uri = streamServer.workloadUri(workload, 1);
                running = streamServer;
            }
            case MOCK_SSE_SERVER -> {
                MockSseServer mock = MockSseServer.start();
                MockResponse response = MockResponse.newBuilder()
                        .raw(input.bytes())
                        .chunkedEncoding()
                        .chunkSize(StreamServer.WORKLOAD_CHUNK_SIZE)
                        .build();
                mock.setDispatcher(request -> response);
                uri = mock.url("/workload");
                running = mock;
            }
            default -> throw new IllegalArgumentException("no server " + server);
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        running.close();
    }

    @Benchmark
    public long read() throws IOException {
        RawHttpReader.Result result = RawHttpReader.read(uri, READ_TIMEOUT_MILLIS);
        if (result.bodyBytes() != input.bytes().length) {
            throw new IllegalStateException("expected " + input.bytes().length + " bytes, got " + result.bodyBytes());
        }
        input.expectEvents(result.blankLines());
        return result.bodyBytes();
    }
}
