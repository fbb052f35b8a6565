package io.sse4j.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sse4j.EventSource;
import io.sse4j.RetryPolicy;
import io.sse4j.ServerSentEvent;
import io.sse4j.testkit.MockResponse;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Iterator;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The control path of {@link EventSource} on the JDK's client and a real server, written with
 * nothing but the public API that older versions had too: a transport (here a client wrapper)
 * or a hook or policy that throws on a reconnect ends the source with what was thrown, once,
 * instead of leaving it CONNECTING with a reader blocked for ever.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class EventSourceControlEndToEndTest extends LoopbackTest {

    /** Reconnects soon, always: the timing is not what these tests are about. */
    private static final RetryPolicy SOON = context -> Optional.of(Duration.ofMillis(20));

    /** A stream of one event that ends cleanly, so the source reconnects. */
    private void everyRequestGetsOneEventAndEnds() {
        AtomicInteger served = new AtomicInteger();
        server.setDispatcher(request -> MockResponse.newBuilder()
                .event(ServerSentEvent.of("message", "e", String.valueOf(served.incrementAndGet()))).build());
    }

    /**
     * A client wrapper such as a circuit breaker: after {@code allowed} sends it refuses, by
     * throwing from {@code sendAsync} as such wrappers do.
     */
    private static HttpClient breaker(HttpClient client, int allowed) {
        AtomicInteger sends = new AtomicInteger();
        return new DelegatingClient(client) {
            @Override
            public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
                if (sends.incrementAndGet() > allowed) {
                    throw new IllegalStateException("circuit open: too many failures upstream");
                }
                return super.sendAsync(request, handler);
            }
        };
    }

    @Test
    void aClientThatThrowsFromSendAsyncOnAReconnectEndsTheSourceWithThatException() {
        everyRequestGetsOneEventAndEnds();
        try (EventSource source = EventSource.newBuilder(breaker(client, 1), get("/events")).retryPolicy(SOON).build()) {
            Iterator<ServerSentEvent> events = source.iterator();
            assertEquals("1", events.next().lastEventId());
            IllegalStateException thrown = assertThrows(IllegalStateException.class, events::hasNext);
            assertTrue(thrown.getMessage().startsWith("circuit open"), thrown::getMessage);
            assertEquals(EventSource.ReadyState.CLOSED, source.readyState());
        }
    }

    @Test
    void anErrorFromTheRequestHookOnAReconnectEndsTheSourceWithThatError() {
        everyRequestGetsOneEventAndEnds();
        AssertionError hookFailure = new AssertionError("token refresh failed");
        try (EventSource source = EventSource.newBuilder(client, attempt -> {
            if (attempt.number() > 1) {
                throw hookFailure;
            }
            return get("/events");
        }).retryPolicy(SOON).build()) {
            Iterator<ServerSentEvent> events = source.iterator();
            assertEquals("1", events.next().lastEventId());
            assertSame(hookFailure, assertThrows(AssertionError.class, events::hasNext));
            assertEquals(EventSource.ReadyState.CLOSED, source.readyState());
        }
    }

    @Test
    void anErrorFromTheRetryPolicyEndsTheSourceWithThatError() {
        everyRequestGetsOneEventAndEnds();
        AssertionError policyFailure = new AssertionError("policy bug");
        try (EventSource source = EventSource.newBuilder(client, get("/events")).retryPolicy(context -> {
            throw policyFailure;
        }).build()) {
            Iterator<ServerSentEvent> events = source.iterator();
            assertEquals("1", events.next().lastEventId());
            assertSame(policyFailure, assertThrows(AssertionError.class, events::hasNext));
        }
    }

    @Test
    void aCleanEndWithAPolicyThatGivesUpEndsTheLoopWithoutAnError() throws IOException {
        everyRequestGetsOneEventAndEnds();
        try (EventSource source = EventSource.newBuilder(client, get("/events")).retryPolicy(RetryPolicy.never()).build()) {
            assertEquals("1", source.read().orElseThrow().lastEventId());
            assertEquals(Optional.empty(), source.read());
            assertEquals(1, server.requestCount());
        }
    }
}
