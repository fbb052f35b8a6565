package io.sse4j.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sse4j.EventSource;
import io.sse4j.RetryPolicy;
import io.sse4j.ServerSentEvent;
import io.sse4j.testkit.MockResponse;
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
 * real loopback server. Each source's first response ends at once, so it reconnects; its second
 * stalls, so a connection that {@code close()} failed to abort would stay open for ever. The
 * source is closed the moment its reconnect starts, from another thread, while the JDK sends.
 * Afterwards no connection is left open and no attempt was opened after {@code close()} returned.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class CloseRaceStressTest extends LoopbackTest {

    private static final int SOURCES = 10_000;
    private static final int AT_ONCE = 32;

    @Test
    void tenThousandClosesRacingReconnectsLeaveNoConnectionAndNoAttemptAfterClose() throws Exception {
        Map<String, AtomicInteger> served = new ConcurrentHashMap<>();
        server.setDispatcher((RecordedRequest request) -> {
            int n = served.computeIfAbsent(request.path(), path -> new AtomicInteger()).incrementAndGet();
            MockResponse.Builder response = MockResponse.newBuilder().event(ServerSentEvent.of("message", "e", "1"));
            return n == 1 ? response.build() : response.stall().build();
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
        server.awaitOpenConnections(0, Duration.ofSeconds(60));
        assertEquals(0, opensAfterClose.get(), "attempts opened after close() returned");
        assertTrue(opens.get() >= 2 * SOURCES, "every source reconnected at least once: " + opens.get());
        assertTrue(server.requestCount() <= opens.get(),
                () -> "no request the sources did not make (the JDK resending a leaked one): " + server.requestCount()
                        + " requests for " + opens.get() + " attempts");
    }
}
