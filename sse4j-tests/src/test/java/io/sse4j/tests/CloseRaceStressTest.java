package io.sse4j.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sse4j.EventSource;
import io.sse4j.RetryPolicy;
import io.sse4j.ServerSentEvent;
import io.sse4j.testkit.MockResponse;
import io.sse4j.testkit.MockSseServer;
import io.sse4j.testkit.RecordedRequest;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * 10,000 {@code close()} calls racing reconnects, on the real scheduler, the JDK's client and a
 * real loopback server. Each source's first response ends at once, so it reconnects; the server
 * never answers the second. Each source is closed the moment its reconnect starts, from another
 * thread, while the JDK sends. A request that {@code close()} failed to abort stays in flight:
 * when the server then goes down and comes back on the same port, the JDK sends it again. So
 * afterwards: no attempt was opened after {@code close()} returned, no connection is left open,
 * and the server, back, hears nothing.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class CloseRaceStressTest extends LoopbackTest {

    private static final int SOURCES = 10_000;
    private static final int AT_ONCE = 32;

    @Test
    void tenThousandClosesRacingReconnectsLeaveNoConnectionAndNoAttemptAfterClose() throws Exception {
        Map<String, AtomicInteger> served = new ConcurrentHashMap<>();
        CountDownLatch never = new CountDownLatch(1);
        server.setDispatcher((RecordedRequest request) -> {
            int n = served.computeIfAbsent(request.path(), path -> new AtomicInteger()).incrementAndGet();
            MockResponse.Builder response = MockResponse.newBuilder();
            if (n > 1) {
                response.awaitBeforeHead(never);
            }
            return response.event(ServerSentEvent.of("message", "e", "1")).build();
        });
        RetryPolicy immediately = context -> Optional.of(Duration.ZERO);
        AtomicInteger opens = new AtomicInteger();
        AtomicInteger opensAfterClose = new AtomicInteger();
        ExecutorService workers = Executors.newFixedThreadPool(AT_ONCE);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < SOURCES; i++) {
                String path = "/s" + i;
                done.add(workers.submit(() -> {
                    CountDownLatch reconnecting = new CountDownLatch(1);
                    AtomicBoolean closed = new AtomicBoolean();
                    HttpRequest request = get(path);
                    // The request hook runs as each attempt is sent: it counts them, and starts the race.
                    EventSource source = EventSource.newBuilder(client, attempt -> {
                        opens.incrementAndGet();
                        if (closed.get()) {
                            opensAfterClose.incrementAndGet();
                        }
                        if (attempt.number() == 2) {
                            reconnecting.countDown(); // The worker closes now, racing this send.
                        }
                        return request;
                    }).retryPolicy(immediately).build();
                    try {
                        assertTrue(reconnecting.await(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS), "reconnects");
                    } finally {
                        source.close();
                        closed.set(true);
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get(TIMEOUT.toSeconds() * 6, TimeUnit.SECONDS);
            }
        } finally {
            workers.shutdownNow();
        }
        assertEquals(0, opensAfterClose.get(), "attempts opened after close() returned");
        assertTrue(opens.get() >= 2 * SOURCES, "every source reconnected at least once: " + opens.get());
        assertTrue(server.requestCount() <= opens.get(), "no request the sources did not make");
        // The server goes down, dropping every request it held, and comes back on its port.
        int port = server.port();
        server.close();
        server = MockSseServer.start(port);
        // Nothing should come: wait a bounded while for the resend of a request close() left in flight.
        CountDownLatch resent = new CountDownLatch(1);
        server.setDispatcher(request -> {
            resent.countDown();
            return MockResponse.newBuilder().status(503).build();
        });
        assertFalse(resent.await(3, TimeUnit.SECONDS),
                () -> server.requestCount() + " requests reached the server after every source was closed");
        assertEquals(0, server.openConnections(), "connections open after every source was closed");
    }
}
