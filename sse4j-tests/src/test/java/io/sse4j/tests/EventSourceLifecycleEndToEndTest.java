package io.sse4j.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sse4j.EventSource;
import io.sse4j.EventSourceListener;
import io.sse4j.RetryPolicy;
import io.sse4j.ServerSentEvent;
import io.sse4j.testkit.MockResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Closing sources on the real scheduler, in each phase: nothing streams on, nothing reconnects,
 * each listener ends once, and no thread is left behind but the one scheduler thread all sources
 * share.
 */
class EventSourceLifecycleEndToEndTest extends LoopbackTest {

    private static long threadsNamed(String prefix) {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().startsWith(prefix)).count();
    }

    @Test
    void closingFiftySourcesInEveryPhaseLeavesNoConnectionNoReconnectAndNoThread() throws Exception {
        CountDownLatch never = new CountDownLatch(1);
        AtomicInteger served = new AtomicInteger();
        server.setDispatcher(request -> {
            int n = served.getAndIncrement();
            switch (n % 3) {
                case 0: // Reading: an open stream.
                    return MockResponse.newBuilder().event(ServerSentEvent.of("a")).stall().build();
                case 1: // Connecting: headers never come.
                    return MockResponse.newBuilder().awaitBeforeHead(never).build();
                default: // Waiting to reconnect: the stream ends at once, the retry is far off.
                    return MockResponse.newBuilder().retry(Duration.ofHours(1)).build();
            }
        });
        List<EventSource> sources = new ArrayList<>();
        AtomicInteger terminals = new AtomicInteger();
        AtomicInteger afterTerminal = new AtomicInteger();
        CountDownLatch ended = new CountDownLatch(50);
        for (int i = 0; i < 50; i++) {
            EventSource source = EventSource.newBuilder(client, get("/s" + i))
                    .retryPolicy(RetryPolicy.reconnectionTime()).build();
            source.listen(new EventSourceListener() {
                private volatile boolean done;

                @Override
                public void onEvent(ServerSentEvent event) {
                    if (done) {
                        afterTerminal.incrementAndGet();
                    }
                }

                @Override
                public void onClosed() {
                    done = true;
                    terminals.incrementAndGet();
                    ended.countDown();
                }

                @Override
                public void onError(Throwable error) {
                    done = true;
                    terminals.incrementAndGet();
                    ended.countDown();
                }
            });
            sources.add(source);
        }
        for (int i = 0; i < 50; i++) {
            server.takeRequest(TIMEOUT); // Every source's first request has arrived.
        }
        server.awaitOpenConnections(34, TIMEOUT); // The reconnect-waiting third have closed theirs.
        int requests = server.requestCount();
        assertEquals(50, requests, "no reconnect yet: the wait is 30 s");
        sources.forEach(EventSource::close);
        assertTrue(ended.await(TIMEOUT.toSeconds(), TimeUnit.SECONDS));
        server.awaitOpenConnections(0, TIMEOUT);
        sources.forEach(s -> assertEquals(EventSource.ReadyState.CLOSED, s.readyState()));
        sources.forEach(EventSource::close); // Idempotent.
        assertEquals(50, terminals.get(), "one terminal call each");
        assertEquals(0, afterTerminal.get());
        assertEquals(requests, server.requestCount(), "no reconnect after close");
        assertTrue(threadsNamed("sse4j-scheduler") <= 1, "one shared scheduler thread at most");
        never.countDown();
    }
}
