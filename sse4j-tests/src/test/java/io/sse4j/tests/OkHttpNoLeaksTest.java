package io.sse4j.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.sse4j.EventStream;
import io.sse4j.ServerSentEvent;
import io.sse4j.okhttp.OkHttpSse;
import io.sse4j.testkit.MockResponse;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

/**
 * A thousand streams opened and closed over OkHttp leave no connection in the client's pool or at
 * the server, and no thread reading: the pool's connection count, the dispatcher's busy threads
 * and the JVM's live threads come back to where they were.
 */
class OkHttpNoLeaksTest extends OkHttpLoopbackTest {

    private static final int STREAMS = 1000;

    @Test
    void aThousandStreamsOpenedAndClosedReturnConnectionsAndThreadsToBaseline() throws Exception {
        // Half the streams are closed mid-event (the server then stalls), half after the end;
        // the ended ones are kept alive, so their connections go back to the pool and are reused.
        server.setDispatcher(request -> request.path().equals("/mid")
                ? MockResponse.newBuilder().event(ServerSentEvent.of("whole")).raw("data: half").stall().build()
                : MockResponse.newBuilder().chunkedEncoding().keepAlive().event(ServerSentEvent.of("whole")).build());
        readOne("/end");
        int baselineThreads = Thread.activeCount();
        int baselinePool = client.connectionPool().connectionCount();

        for (int i = 0; i < STREAMS; i++) {
            readOne(i % 2 == 0 ? "/mid" : "/end");
        }

        awaitAtMost("connections in the pool", () -> client.connectionPool().connectionCount(), Math.max(1, baselinePool));
        awaitAtMost("busy dispatcher threads", () -> executor.getActiveCount(), 0);
        awaitAtMost("running calls", () -> client.dispatcher().runningCallsCount(), 0);
        client.connectionPool().evictAll(); // The idle one kept for reuse; then the server sees none.
        server.awaitOpenConnections(0, TIMEOUT);
        // The dispatcher's idle threads may outlive the test by their keep-alive: the pool's size
        // is what it was, and no thread of ours exists.
        awaitAtMost("live threads", () -> Thread.activeCount() - executor.getPoolSize(), baselineThreads);
        assertEquals(STREAMS + 1, server.requestCount());
    }

    private void readOne(String path) throws Exception {
        try (EventStream stream = OkHttpSse.connect(client, get(path))) {
            assertEquals("whole", stream.read().orElseThrow().data());
        }
    }

    private interface Count {
        int get();
    }

    /** Waits, with a bound, for {@code count} to come down to {@code most}. */
    private static void awaitAtMost(String what, Count count, int most) throws Exception {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (count.get() > most) {
            if (System.nanoTime() > deadline) {
                throw new TimeoutException(what + ": " + count.get() + " > " + most + ": " + Thread.getAllStackTraces().keySet());
            }
            LockSupport.parkNanos(10_000_000); // Poll; the deadline bounds the wait.
        }
    }
}
