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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.openjdk.jmh.annotations.Param;

/** Every library {@link Okhttp4E2eBenchmark} measures receives every event, as in the main jar's test. */
class Okhttp4E2eBenchmarkTest {

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
        return List.of(params("library"));
    }

    private static String[] params(String field) throws NoSuchFieldException {
        return Okhttp4E2eBenchmark.class.getField(field).getAnnotation(Param.class).value();
    }

    @ParameterizedTest(name = "{0} receives every event of each workload")
    @MethodSource("libraries")
    void harnessDeliversEveryEventOverHttp(String library) throws Exception {
        try (StreamHarness harness = ClientLibraries.allStreaming().get(library).get()) {
            for (String workload : params("workload")) {
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
