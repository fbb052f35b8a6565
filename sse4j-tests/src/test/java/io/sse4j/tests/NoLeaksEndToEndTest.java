package io.sse4j.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sse4j.EventStream;
import io.sse4j.ServerSentEvent;
import io.sse4j.testkit.MockResponse;
import io.sse4j.testkit.MockSseServer;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

/** Opening and closing many streams leaves no threads and no connections behind. */
class NoLeaksEndToEndTest {

    private static final int STREAMS = 1000;
    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    @Test
    void aThousandStreamsOpenedAndClosedReturnThreadsAndConnectionsToBaseline() throws Exception {
        ExecutorService executor = Executors.newFixedThreadPool(4);
        HttpClient client = HttpClient.newBuilder().executor(executor).build();
        try (MockSseServer server = MockSseServer.start()) {
            // Half the streams are closed mid-event (the server then stalls), half after the end.
            server.setDispatcher(request -> request.path().equals("/mid")
                    ? MockResponse.newBuilder().event(ServerSentEvent.of("whole")).raw("data: half").stall().build()
                    : MockResponse.newBuilder().event(ServerSentEvent.of("whole")).build());
            readOne(client, server, "/end");
            server.awaitOpenConnections(0, TIMEOUT);
            int baselineThreads = liveThreads();

            for (int i = 0; i < STREAMS; i++) {
                readOne(client, server, i % 2 == 0 ? "/mid" : "/end");
            }

            server.awaitOpenConnections(0, TIMEOUT);
            awaitThreadsAtMost(baselineThreads);
            assertEquals(STREAMS + 1, server.requestCount());
        } finally {
            executor.shutdownNow();
        }
    }

    private static void readOne(HttpClient client, MockSseServer server, String path) throws Exception {
        try (EventStream stream = EventStream.connect(client, HttpRequest.newBuilder(server.url(path)).build())) {
            assertEquals("whole", stream.read().orElseThrow().data());
        }
    }

    private static int liveThreads() {
        return Thread.activeCount();
    }

    /** Waits, with a bound, for the live thread count to come back to the baseline. */
    private static void awaitThreadsAtMost(int baseline) throws Exception {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (liveThreads() > baseline) {
            if (System.nanoTime() > deadline) {
                throw new TimeoutException("live threads " + liveThreads() + " > baseline " + baseline + ": "
                        + Thread.getAllStackTraces().keySet());
            }
            LockSupport.parkNanos(Duration.ofMillis(10).toNanos()); // Poll; the deadline bounds the wait.
        }
        assertTrue(liveThreads() <= baseline);
    }
}
