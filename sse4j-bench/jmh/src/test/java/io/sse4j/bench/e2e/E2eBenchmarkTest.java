package io.sse4j.bench.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.sse4j.bench.ClientLibraries;
import io.sse4j.bench.HarnessChecks;
import io.sse4j.bench.StreamHarness;
import io.sse4j.bench.server.StreamServer;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.openjdk.jmh.annotations.Param;

/**
 * Every library {@link E2eBenchmark} measures receives every event of the workload over HTTP, by
 * count and content, twice on one client; and delivers a paced stream in order, as the latency run
 * needs. The baselines read every byte and count every event too. The libraries are read from the benchmark's own {@code @Param}, and looked up the way the
 * benchmark and the command-line runs look them up.
 */
class E2eBenchmarkTest {

    private static StreamServer server;

    @BeforeAll
    static void startServer() throws Exception {
        server = StreamServer.start();
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    static List<String> libraries() throws NoSuchFieldException {
        return List.of(params(E2eBenchmark.class, "library"));
    }

    static String[] params(Class<?> benchmark, String field) throws NoSuchFieldException {
        return benchmark.getField(field).getAnnotation(Param.class).value();
    }

    @ParameterizedTest(name = "{0} receives every event of each workload")
    @MethodSource("libraries")
    void harnessDeliversEveryEventOverHttp(String library) throws Exception {
        try (StreamHarness harness = ClientLibraries.allStreaming().get(library).get()) {
            for (String workload : params(E2eBenchmark.class, "workload")) {
                HarnessChecks.deliversWorkload(harness, server, workload);
            }
        }
    }

    @ParameterizedTest(name = "{0} delivers a paced stream in order")
    @MethodSource("libraries")
    void harnessDeliversPacedEventsInOrder(String library) throws Exception {
        try (StreamHarness harness = ClientLibraries.allStreaming().get(library).get()) {
            HarnessChecks.deliversPacedEvents(harness, server);
        }
    }

    @Test
    void everyStreamingLibraryOnTheClasspathIsMeasured() throws NoSuchFieldException {
        assertEquals(ClientLibraries.allStreaming().keySet(), new TreeSet<>(libraries()));
    }

    @Test
    void theServerBaselineReadsTheWholeWorkloadFromEachServer() throws Exception {
        for (String name : params(ServerBaselineBenchmark.class, "server")) {
            ServerBaselineBenchmark benchmark = new ServerBaselineBenchmark();
            benchmark.server = name;
            benchmark.workload = params(ServerBaselineBenchmark.class, "workload")[0];
            benchmark.setUp();
            try {
                // read() itself checks the byte and event counts.
                benchmark.read();
                benchmark.read();
            } finally {
                benchmark.tearDown();
            }
        }
        assertEquals(Set.of(ServerBaselineBenchmark.STREAM_SERVER, ServerBaselineBenchmark.MOCK_SSE_SERVER),
                Set.of(params(ServerBaselineBenchmark.class, "server")));
    }

    @Test
    void theJdkClientBaselineReadsTheWholeWorkloadWithEachExecutor() throws Exception {
        for (String executor : params(JdkClientBaselineBenchmark.class, "executor")) {
            JdkClientBaselineBenchmark benchmark = new JdkClientBaselineBenchmark();
            benchmark.executor = executor;
            benchmark.workload = params(JdkClientBaselineBenchmark.class, "workload")[0];
            benchmark.setUp();
            try {
                // read() itself checks the byte and event counts.
                benchmark.read();
                benchmark.read();
            } finally {
                benchmark.tearDown();
            }
        }
    }
}
