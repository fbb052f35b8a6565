package io.sse4j.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sse4j.EventSource;
import io.sse4j.EventSourceListener;
import io.sse4j.RetryPolicy;
import io.sse4j.ServerSentEvent;
import io.sse4j.testkit.MockSseServer;
import io.sse4j.testkit.ResumableScenario;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Chaos over loopback, for any transport: the testkit's resumable scenario drops connections at
 * random byte offsets (mid-line, mid-UTF-8 character, between CR and LF, with FIN and with RST),
 * and the source must deliver every event exactly once and in order, through each consumer style.
 * Together the three runs make well over a thousand drops. Reconnects are immediate, so a run
 * takes seconds. The test classes give the server and how a source is built on their transport.
 */
final class Chaos {

    private static final int EVENTS = 450;

    /** Reconnect at once: chaos tests the protocol, not the backoff. */
    static final RetryPolicy AT_ONCE = context -> Optional.of(Duration.ZERO);

    private final MockSseServer server;
    private final Supplier<EventSource> sources;

    /** @param sources builds a source of {@code /chaos} on the server, with {@link #AT_ONCE} */
    Chaos(MockSseServer server, Supplier<EventSource> sources) {
        this.server = server;
        this.sources = sources;
    }

    private ResumableScenario scenario(long seed) {
        ResumableScenario scenario = ResumableScenario.newBuilder(EVENTS).seed(seed).maxEventsPerConnection(2)
                .resetProbability(0.2).build();
        server.setDispatcher(scenario);
        return scenario;
    }

    private EventSource source() {
        return sources.get();
    }

    private static void assertExactlyOnceInOrder(ResumableScenario scenario, List<ServerSentEvent> received) {
        assertEquals(scenario.events(), received, scenario.toString());
        // 340 each: the three consumer styles together see more than a thousand drops.
        assertTrue(scenario.drops() >= 340, "enough chaos: " + scenario);
        for (ResumableScenario.Cut cut : ResumableScenario.Cut.values()) {
            assertTrue(scenario.drops(cut) > 0, "a cut of every kind: " + cut + " in " + scenario);
        }
    }

    void blockingIteration() throws Exception {
        ResumableScenario scenario = scenario(11);
        List<ServerSentEvent> received = new ArrayList<>();
        try (EventSource source = source()) {
            for (ServerSentEvent event : source) {
                received.add(event);
            }
            assertEquals(EventSource.ReadyState.CLOSED, source.readyState(), "ended by the scenario's 204");
            assertEquals(EVENTS, source.events());
        }
        assertExactlyOnceInOrder(scenario, received);
    }

    void flowWithOneEventOfDemandAtATime() throws Exception {
        ResumableScenario scenario = scenario(12);
        List<ServerSentEvent> received = Collections.synchronizedList(new ArrayList<>());
        CompletableFuture<Void> done = new CompletableFuture<>();
        try (EventSource source = source()) {
            source.subscribe(new Flow.Subscriber<>() {
                private Flow.Subscription subscription;
                private long outstanding;

                @Override
                public void onSubscribe(Flow.Subscription s) {
                    subscription = s;
                    outstanding = 1;
                    s.request(1);
                }

                @Override
                public void onNext(ServerSentEvent event) {
                    if (--outstanding < 0) {
                        done.completeExceptionally(new AssertionError("onNext beyond demand"));
                    }
                    received.add(event);
                    outstanding++;
                    subscription.request(1);
                }

                @Override
                public void onError(Throwable error) {
                    done.completeExceptionally(error);
                }

                @Override
                public void onComplete() {
                    done.complete(null);
                }
            });
            done.get(60, TimeUnit.SECONDS);
        }
        assertExactlyOnceInOrder(scenario, received);
    }

    void listener() throws Exception {
        ResumableScenario scenario = scenario(13);
        List<ServerSentEvent> received = Collections.synchronizedList(new ArrayList<>());
        AtomicLong opens = new AtomicLong();
        AtomicLong retries = new AtomicLong();
        CompletableFuture<Void> done = new CompletableFuture<>();
        try (EventSource source = source()) {
            source.listen(new EventSourceListener() {
                @Override
                public void onOpen(java.net.http.HttpResponse.ResponseInfo response) {
                    opens.incrementAndGet();
                }

                @Override
                public void onEvent(ServerSentEvent event) {
                    received.add(event);
                }

                @Override
                public void onRetrying(Throwable cause, Duration delay, int attempt) {
                    retries.incrementAndGet();
                }

                @Override
                public void onClosed() {
                    done.complete(null);
                }

                @Override
                public void onError(Throwable error) {
                    done.completeExceptionally(error);
                }
            });
            done.get(60, TimeUnit.SECONDS);
            assertEquals(source.reconnects(), retries.get(), "the listener kept up, so it heard of each retry");
        }
        assertExactlyOnceInOrder(scenario, received);
        assertTrue(opens.get() > 100, "opened once per streaming connection: " + opens);
    }
}
