package io.sse4j.bench.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.sse4j.bench.ClientLibraries;
import io.sse4j.bench.HarnessChecks;
import io.sse4j.bench.StreamHarness;
import io.sse4j.bench.server.StreamServer;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.openjdk.jmh.annotations.Param;

/**
 * Every library an end-to-end benchmark measures receives every event of the workload over HTTP,
 * by count and content, twice on one client; and delivers a paced stream in order, as the latency
 * run needs. The libraries are read from the benchmark's own {@code @Param}, and looked up the way
 * the benchmark and the command-line runs look them up. Each benchmark jar's test extends this
 * with its benchmark class.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class AbstractE2eBenchmarkTest {

    private final Class<? extends AbstractE2eBenchmark> benchmark;
    private StreamServer server;

    AbstractE2eBenchmarkTest(Class<? extends AbstractE2eBenchmark> benchmark) {
        this.benchmark = benchmark;
    }

    @BeforeAll
    void startServer() throws Exception {
        server = StreamServer.start();
    }

    @AfterAll
    void stopServer() {
        server.close();
    }

    List<String> libraries() throws NoSuchFieldException {
        return List.of(params(benchmark, "library"));
    }

    static String[] params(Class<?> benchmark, String field) throws NoSuchFieldException {
        return benchmark.getField(field).getAnnotation(Param.class).value();
    }

    @ParameterizedTest(name = "{0} receives every event of each workload")
    @MethodSource("libraries")
    void harnessDeliversEveryEventOverHttp(String library) throws Exception {
        try (StreamHarness harness = ClientLibraries.allStreaming().get(library).get()) {
            for (String workload : params(benchmark, "workload")) {
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
}
