package io.sse4j.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sse4j.EventSource;
import io.sse4j.EventSourceListener;
import io.sse4j.RetryPolicy;
import io.sse4j.ServerSentEvent;
import io.sse4j.SseResponseException;
import io.sse4j.SseTransport;
import io.sse4j.testkit.MockResponse;
import io.sse4j.testkit.RecordedRequest;
import java.io.EOFException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The reconnecting EventSource against a real loopback server, in virtual time. */
class EventSourceEndToEndTest extends LoopbackTest {

    private final VirtualScheduler time = new VirtualScheduler();

    private EventSource.Builder source(String path) {
        return EventSource.newBuilder(client, get(path)).scheduler(time);
    }

    /** A listener that records every call as text, and its end. */
    static final class Calls implements EventSourceListener {
        final List<String> calls = new java.util.concurrent.CopyOnWriteArrayList<>() {
            @Override
            public boolean add(String call) {
                boolean added = super.add(call);
                synchronized (this) {
                    notifyAll();
                }
                return added;
            }
        };
        final CompletableFuture<Throwable> end = new CompletableFuture<>();
        final List<Duration> retryDelays = Collections.synchronizedList(new ArrayList<>());

        @Override
        public void onOpen(HttpResponse.ResponseInfo response) {
            calls.add("open " + response.statusCode());
        }

        @Override
        public void onEvent(ServerSentEvent event) {
            calls.add("event " + event.lastEventId() + ":" + event.data());
        }

        @Override
        public void onComment(String comment) {
            calls.add("comment " + comment);
        }

        @Override
        public void onRetrying(Throwable cause, Duration delay, int attempt) {
            // A clean end is an EOFException (of a private subclass): name it by what users catch.
            calls.add("retrying " + attempt + " " + (cause instanceof EOFException ? "EOFException"
                    : cause.getClass().getSimpleName()));
            retryDelays.add(delay);
        }

        @Override
        public void onClosed() {
            calls.add("closed");
            end.complete(null);
        }

        @Override
        public void onError(Throwable error) {
            calls.add("error " + error.getClass().getSimpleName());
            end.complete(error);
        }

        Throwable awaitEnd() throws Exception {
            return end.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        }
    }

    @Test
    void aCleanEndReconnectsAfterTheServersRetryTimeWithLastEventIdUntil204() throws Exception {
        server.enqueue(MockResponse.newBuilder().retry(Duration.ofMillis(1500))
                .event(ServerSentEvent.of("message", "a", "1")).event(ServerSentEvent.of("message", "b", "2")).build());
        server.enqueue(MockResponse.newBuilder().event(ServerSentEvent.of("message", "c", "3")).build());
        server.enqueue(MockResponse.newBuilder().status(204).contentType("text/plain").fixedLength().raw("").build());
        try (EventSource events = source("/events").retryPolicy(RetryPolicy.reconnectionTime()).build()) {
            assertEquals("a", events.read().orElseThrow().data());
            assertEquals("b", events.read().orElseThrow().data());
            assertEquals(Duration.ofMillis(1500), time.runNext(TIMEOUT), "the server's retry: time");
            assertEquals(ServerSentEvent.of("message", "c", "3"), events.read().orElseThrow());
            time.runNext(TIMEOUT);
            assertEquals(Optional.empty(), events.read(), "204: stop reconnecting");
            assertEquals(EventSource.ReadyState.CLOSED, events.readyState());
            assertEquals(3, events.attempts());
            assertEquals(2, events.reconnects());
            assertEquals(3, events.events());
            assertEquals("3", events.lastEventId());
        }
        assertEquals(Optional.empty(), server.takeRequest(TIMEOUT).headers().firstValue("Last-Event-ID"));
        assertEquals(Optional.of("2"), server.takeRequest(TIMEOUT).headers().firstValue("Last-Event-ID"));
        assertEquals(Optional.of("3"), server.takeRequest(TIMEOUT).headers().firstValue("Last-Event-ID"));
        time.advance(Duration.ofHours(1));
        assertEquals(3, server.requestCount(), "no request after 204");
    }

    @Test
    void aListenerHearsOfEachOpeningAndReconnectInOrder() throws Exception {
        server.enqueue(MockResponse.newBuilder().event(ServerSentEvent.of("message", "a", "1")).chunkedEncoding()
                .raw("data: half").disconnect().build());
        server.enqueue(MockResponse.newBuilder().comment("hi").event(ServerSentEvent.of("message", "b", "2")).build());
        server.enqueue(MockResponse.newBuilder().status(204).contentType("text/plain").fixedLength().raw("").build());
        Calls listener = new Calls();
        try (EventSource events = source("/events").build()) {
            events.listen(listener);
            time.runNext(TIMEOUT);
            time.runNext(TIMEOUT);
            assertEquals(null, listener.awaitEnd());
        }
        assertEquals(List.of("open 200", "event 1:a", "retrying 1 BrokenStreamException",
                "open 200", "comment hi", "event 2:b", "retrying 1 EOFException", "closed"), listener.calls);
    }

    @Test
    void serviceUnavailableWithRetryAfterWaitsWhatItAsks() throws Exception {
        server.enqueue(MockResponse.newBuilder().status(503).contentType("text/plain").header("Retry-After", "2")
                .fixedLength().raw("busy").build());
        server.enqueue(MockResponse.newBuilder().event(ServerSentEvent.of("a")).stall().build());
        try (EventSource events = source("/events").retryFirstConnection(true).build()) {
            assertEquals(Duration.ofSeconds(2), time.runNext(TIMEOUT));
            assertEquals("a", events.read().orElseThrow().data());
            assertEquals(EventSource.ReadyState.OPEN, events.readyState());
        }
    }

    @Test
    void retryAfterAsAnHttpDateIsADelayFromNow() throws Exception {
        String in90Seconds = java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME
                .format(time.now().plusSeconds(90).atZone(java.time.ZoneOffset.UTC));
        server.enqueue(MockResponse.newBuilder().status(429).contentType("text/plain").header("Retry-After", in90Seconds)
                .fixedLength().raw("").build());
        server.enqueue(MockResponse.newBuilder().event(ServerSentEvent.of("a")).stall().build());
        try (EventSource events = source("/events").retryPolicy(RetryPolicy.exponentialBackoff(Duration.ofMinutes(1)))
                .retryFirstConnection(true).build()) {
            assertEquals(Duration.ofMinutes(1), time.runNext(TIMEOUT), "90 s asked, clamped to the cap");
            assertEquals("a", events.read().orElseThrow().data());
        }
    }

    @Test
    void retryZeroDoesNotMakeAHotLoop() throws Exception {
        for (int i = 0; i < 5; i++) {
            server.enqueue(MockResponse.newBuilder().retry(Duration.ZERO).event(ServerSentEvent.of(String.valueOf(i))).build());
        }
        server.enqueue(MockResponse.newBuilder().status(204).contentType("text/plain").fixedLength().raw("").build());
        try (EventSource events = source("/events").build()) {
            for (int i = 0; i < 5; i++) {
                assertEquals(String.valueOf(i), events.read().orElseThrow().data());
                Duration delay = time.runNext(TIMEOUT);
                assertTrue(delay.compareTo(Duration.ofMillis(RetryPolicy.DEFAULT_FLOOR_MILLIS)) >= 0, delay.toString());
            }
            assertEquals(Optional.empty(), events.read());
        }
    }

    @Test
    void unauthorizedFailsWithoutARetry() throws Exception {
        server.enqueue(MockResponse.newBuilder().status(401).contentType("application/json").fixedLength()
                .raw("{\"error\":\"token expired\"}").build());
        Calls listener = new Calls();
        try (EventSource events = source("/events").build()) {
            events.listen(listener);
            SseResponseException e = assertInstanceOf(SseResponseException.class, listener.awaitEnd());
            assertEquals(401, e.statusCode());
            assertEquals("{\"error\":\"token expired\"}", e.body());
            assertEquals(EventSource.ReadyState.CLOSED, events.readyState());
        }
        assertEquals(List.of("error SseResponseException"), listener.calls);
        assertEquals(0, time.pending());
        assertEquals(1, server.requestCount());
    }

    @Test
    void aWrongContentTypeFailsWithoutARetry() throws Exception {
        server.enqueue(MockResponse.newBuilder().contentType("text/html").fixedLength().raw("<h1>login</h1>").build());
        try (EventSource events = source("/events").build()) {
            SseResponseException e = assertThrows(SseResponseException.class, events::read);
            assertEquals(200, e.statusCode());
            assertEquals("<h1>login</h1>", e.body());
        }
        assertEquals(0, time.pending());
        assertEquals(1, server.requestCount());
    }

    @Test
    void aStalledServerIsReplacedAfterTheIdleTimeoutWithLastEventId() throws Exception {
        server.enqueue(MockResponse.newBuilder().event(ServerSentEvent.of("message", "a", "7")).stall().build());
        server.enqueue(MockResponse.newBuilder().event(ServerSentEvent.of("message", "b", "8")).stall().build());
        Calls listener = new Calls();
        try (EventSource events = source("/events").idleTimeout(Duration.ofSeconds(5)).build()) {
            events.listen(listener);
            awaitCall(listener, "event 7:a"); // The last bytes the server sends.
            assertEquals(Duration.ofSeconds(5), time.awaitPending(TIMEOUT), "the idle check");
            time.advance(Duration.ofSeconds(5)); // Silence for the whole timeout: the connection is dead.
            server.awaitClientDisconnects(1, TIMEOUT);
            time.runNext(TIMEOUT); // The reconnect.
            RecordedRequest first = server.takeRequest(TIMEOUT);
            RecordedRequest second = server.takeRequest(TIMEOUT);
            assertEquals(Optional.empty(), first.headers().firstValue("Last-Event-ID"));
            assertEquals(Optional.of("7"), second.headers().firstValue("Last-Event-ID"));
        }
        assertTrue(listener.calls.contains("retrying 1 HttpTimeoutException"), listener.calls.toString());
        assertEquals(null, listener.awaitEnd());
    }

    @Test
    void heartbeatsKeepAnIdleConnectionAlive() throws Exception {
        CountDownLatch ping = new CountDownLatch(1);
        server.enqueue(MockResponse.newBuilder().event(ServerSentEvent.of("a")).await(ping).comment("ping").stall().build());
        Calls listener = new Calls();
        try (EventSource events = source("/events").idleTimeout(Duration.ofSeconds(5)).build()) {
            events.listen(listener);
            awaitCall(listener, "event :a");
            time.awaitPending(TIMEOUT);
            time.advance(Duration.ofSeconds(3));
            ping.countDown();
            awaitCall(listener, "comment ping");
            time.advance(Duration.ofSeconds(3)); // 6 s since opening, 3 s since the ping.
            assertEquals(EventSource.ReadyState.OPEN, events.readyState());
            assertEquals(1, server.requestCount());
        }
    }

    @Test
    void aConsumerThatFallsBehindIsNotMistakenForAnIdleServer() throws Exception {
        MockResponse.Builder many = MockResponse.newBuilder();
        for (int i = 1; i <= 600; i++) {
            many.event(ServerSentEvent.of("message", String.valueOf(i), String.valueOf(i)));
        }
        server.enqueue(many.stall().build());
        server.enqueue(MockResponse.newBuilder().status(204).contentType("text/plain").fixedLength().raw("").build());
        try (EventSource events = source("/events").idleTimeout(Duration.ofSeconds(5)).build()) {
            assertEquals("1", events.read().orElseThrow().data());
            // The buffer holds at most 256 events: once more have arrived, reading has paused.
            awaitTrue(() -> events.events() > 300, "the buffer filled: " + events);
            // Nobody reads for a minute: reading stays paused, and the server is not idle.
            for (int i = 0; i < 12; i++) {
                time.runNext(TIMEOUT);
            }
            assertEquals(EventSource.ReadyState.OPEN, events.readyState());
            assertEquals(1, server.requestCount());
            for (int i = 2; i <= 600; i++) {
                assertEquals(String.valueOf(i), events.read().orElseThrow().data());
            }
            time.advance(Duration.ofSeconds(5)); // Now the server is silent: replaced.
            time.runNext(TIMEOUT);
            assertEquals(Optional.empty(), events.read());
        }
        server.takeRequest(TIMEOUT);
        assertEquals("600", server.takeRequest(TIMEOUT).lastEventId());
    }

    @Test
    void aSubscriberThatCancelsClosesTheSource() throws Exception {
        server.enqueue(MockResponse.newBuilder().event(ServerSentEvent.of("a")).stall().build());
        CompletableFuture<Void> cancelled = new CompletableFuture<>();
        try (EventSource events = source("/events").idleTimeout(Duration.ofSeconds(5)).build()) {
            events.subscribe(new java.util.concurrent.Flow.Subscriber<>() {
                private java.util.concurrent.Flow.Subscription subscription;

                @Override
                public void onSubscribe(java.util.concurrent.Flow.Subscription s) {
                    subscription = s;
                    s.request(1);
                }

                @Override
                public void onNext(ServerSentEvent item) {
                    subscription.cancel();
                    cancelled.complete(null);
                }

                @Override
                public void onError(Throwable throwable) {
                }

                @Override
                public void onComplete() {
                }
            });
            cancelled.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            assertEquals(EventSource.ReadyState.CLOSED, events.readyState());
            server.awaitOpenConnections(0, TIMEOUT);
            assertEquals(0, time.pending(), "no idle check, no reconnect");
            time.advance(Duration.ofMinutes(5));
            assertEquals(1, server.requestCount());
        }
    }

    @Test
    void aListenerThatThrowsClosesTheSource() throws Exception {
        server.enqueue(MockResponse.newBuilder().event(ServerSentEvent.of("a")).stall().build());
        CompletableFuture<Throwable> error = new CompletableFuture<>();
        IllegalStateException boom = new IllegalStateException("boom");
        try (EventSource events = source("/events").build()) {
            events.listen(new EventSourceListener() {
                @Override
                public void onEvent(ServerSentEvent event) {
                    throw boom;
                }

                @Override
                public void onError(Throwable e) {
                    error.complete(e);
                }
            });
            assertEquals(boom, error.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS));
            assertEquals(EventSource.ReadyState.CLOSED, events.readyState());
            server.awaitOpenConnections(0, TIMEOUT);
        }
    }

    @Test
    void withoutReconnectsACleanEndIsACleanEnd() throws Exception {
        server.enqueue(MockResponse.newBuilder().event(ServerSentEvent.of("a")).build());
        Calls listener = new Calls();
        try (EventSource events = source("/events").retryPolicy(RetryPolicy.never()).build()) {
            events.listen(listener);
            assertEquals(null, listener.awaitEnd());
        }
        assertEquals(List.of("open 200", "event :a", "closed"), listener.calls);
    }

    /** Waits, bounded, until {@code condition} holds (checking about every millisecond). */
    private static void awaitTrue(java.util.function.BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, what);
            java.util.concurrent.locks.LockSupport.parkNanos(1_000_000);
        }
    }

    /** Waits, bounded, until the listener was called with {@code call}. */
    private static void awaitCall(Calls listener, String call) throws InterruptedException {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        synchronized (listener.calls) {
            while (!listener.calls.contains(call)) {
                long left = deadline - System.nanoTime();
                assertTrue(left > 0, "no " + call + " in " + listener.calls);
                TimeUnit.NANOSECONDS.timedWait(listener.calls, left);
            }
        }
    }

    @Test
    void aThousandConnectionFailuresStayWithinTheCapWithoutBusyLoopingOrGrowing() throws Exception {
        URI nobody;
        try (ServerSocket closed = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            nobody = URI.create("http://127.0.0.1:" + closed.getLocalPort() + "/events");
        }
        Duration cap = Duration.ofSeconds(10);
        HttpClient quick = HttpClient.newBuilder().executor(executor).connectTimeout(TIMEOUT).build();
        try (EventSource events = EventSource.newBuilder(quick, HttpRequest.newBuilder(nobody).build()).scheduler(time).retryFirstConnection(true)
                .retryPolicy(RetryPolicy.exponentialBackoff(cap)).build()) {
            for (int i = 1; i <= 1000; i++) {
                Duration delay = time.runNext(TIMEOUT);
                assertTrue(delay.compareTo(cap) <= 0 && delay.compareTo(Duration.ofMillis(100)) >= 0, delay.toString());
                assertEquals(i + 1, events.attempts(), "one attempt per retry, none in between");
            }
            assertEquals(EventSource.ReadyState.CONNECTING, events.readyState());
            // The 1001st attempt fails too, on the client's threads; once its retry is scheduled,
            // nothing moves until the test runs it (on a fast JDK it may already be, at this line).
            time.awaitPending(TIMEOUT);
            assertEquals(1001, events.reconnects(), "one reconnect scheduled per failure");
            assertTrue(events.toString().contains("queued=1,") || events.toString().contains("queued=0,"),
                    "a run of retries is kept as one: " + events);
        }
    }

    @Test
    void maxAttemptsEndsTheSourceWithTheLastCause() throws Exception {
        URI nobody;
        try (ServerSocket closed = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            nobody = URI.create("http://127.0.0.1:" + closed.getLocalPort() + "/events");
        }
        try (EventSource events = EventSource.newBuilder(client, HttpRequest.newBuilder(nobody).build()).scheduler(time).retryFirstConnection(true)
                .retryPolicy(RetryPolicy.exponentialBackoff().withMaxAttempts(3)).build()) {
            for (int i = 0; i < 3; i++) {
                time.runNext(TIMEOUT);
            }
            assertInstanceOf(java.net.ConnectException.class, assertThrows(java.io.IOException.class, events::read));
            assertEquals(4, events.attempts());
        }
    }

    @Test
    void closeDuringTheBackoffWaitStopsTheReconnect() throws Exception {
        server.enqueue(MockResponse.newBuilder().event(ServerSentEvent.of("a")).build());
        Calls listener = new Calls();
        EventSource events = source("/events").build();
        events.listen(listener);
        time.awaitPending(TIMEOUT);
        events.close();
        events.close();
        assertEquals(null, listener.awaitEnd());
        assertEquals(0, time.pending(), "the pending reconnect was cancelled");
        time.advance(Duration.ofHours(1));
        assertEquals(1, server.requestCount());
        assertEquals(List.of("open 200", "event :a", "retrying 1 EOFException", "closed"), listener.calls);
    }

    @Test
    void closeDuringAConnectAbortsIt() throws Exception {
        CountDownLatch never = new CountDownLatch(1);
        server.enqueue(MockResponse.newBuilder().awaitBeforeHead(never).event(ServerSentEvent.of("a")).build());
        Calls listener = new Calls();
        EventSource events = source("/events").build();
        events.listen(listener);
        server.awaitOpenConnections(1, TIMEOUT);
        events.close();
        assertEquals(null, listener.awaitEnd());
        server.awaitOpenConnections(0, TIMEOUT);
        assertEquals(List.of("closed"), listener.calls);
        never.countDown();
    }

    @Test
    void closeFromInsideACallbackDuringARead() throws Exception {
        server.enqueue(MockResponse.newBuilder().event(ServerSentEvent.of("a")).event(ServerSentEvent.of("b")).stall().build());
        CompletableFuture<Void> closed = new CompletableFuture<>();
        List<String> seen = Collections.synchronizedList(new ArrayList<>());
        EventSource events = source("/events").build();
        events.listen(new EventSourceListener() {
            @Override
            public void onEvent(ServerSentEvent event) {
                seen.add(event.data());
                events.close();
            }

            @Override
            public void onClosed() {
                closed.complete(null);
            }
        });
        closed.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        server.awaitOpenConnections(0, TIMEOUT);
        assertEquals(List.of("a"), seen);
        assertEquals(0, time.pending());
    }

    @Test
    void theRequestHookRebuildsEachAttemptAndAPostBodyIsSentAgain() throws Exception {
        server.enqueue(MockResponse.newBuilder().event(ServerSentEvent.of("message", "a", "1")).build());
        server.enqueue(MockResponse.newBuilder().status(204).contentType("text/plain").fixedLength().raw("").build());
        List<SseTransport.Attempt> attempts = Collections.synchronizedList(new ArrayList<>());
        try (EventSource events = EventSource.newBuilder(client, attempt -> {
            attempts.add(attempt);
            return HttpRequest.newBuilder(server.url("/events")).header("Authorization", "Bearer token-" + attempt.number())
                    .POST(HttpRequest.BodyPublishers.ofString("{\"cursor\":\"" + attempt.lastEventId() + "\"}")).build();
        }).scheduler(time).build()) {
            events.read();
            time.runNext(TIMEOUT);
            assertEquals(Optional.empty(), events.read());
        }
        RecordedRequest first = server.takeRequest(TIMEOUT);
        RecordedRequest second = server.takeRequest(TIMEOUT);
        assertEquals("Bearer token-1", first.headers().firstValue("Authorization").orElseThrow());
        assertEquals("{\"cursor\":\"\"}", first.bodyAsString());
        assertEquals("Bearer token-2", second.headers().firstValue("Authorization").orElseThrow());
        assertEquals("{\"cursor\":\"1\"}", second.bodyAsString());
        assertEquals("POST", second.method());
        assertEquals(2, attempts.size());
        assertInstanceOf(EOFException.class, attempts.get(1).lastFailure().orElseThrow());
    }

    @Test
    void anInitialLastEventIdIsSentOnTheFirstConnection() throws Exception {
        server.enqueue(MockResponse.newBuilder().event(ServerSentEvent.of("a")).stall().build());
        try (EventSource events = source("/events").lastEventId("41").build()) {
            assertEquals(ServerSentEvent.of("message", "a", "41"), events.read().orElseThrow(),
                    "the events carry the last event ID they continue");
        }
        assertEquals(Optional.of("41"), server.takeRequest(TIMEOUT).headers().firstValue("Last-Event-ID"));
    }

    @Test
    void anIdThatCannotBeAHeaderResumesFromTheLastOneThatCould() throws Exception {
        server.enqueue(MockResponse.newBuilder().event(ServerSentEvent.of("message", "a", "5"))
                .raw("id: 6\u0001x\ndata: b\n\n").build());
        server.enqueue(MockResponse.newBuilder().status(204).contentType("text/plain").fixedLength().raw("").build());
        try (EventSource events = source("/events").build()) {
            assertEquals("5", events.read().orElseThrow().lastEventId());
            assertEquals("6\u0001x", events.read().orElseThrow().lastEventId());
            time.runNext(TIMEOUT);
            assertEquals(Optional.empty(), events.read());
        }
        server.takeRequest(TIMEOUT);
        assertEquals(Optional.of("5"), server.takeRequest(TIMEOUT).headers().firstValue("Last-Event-ID"));
    }

    @Test
    void aNonAsciiIdResumesFromTheLastAsciiOneAsTheJdkSendsHeadersInAscii() throws Exception {
        server.enqueue(MockResponse.newBuilder().event(ServerSentEvent.of("message", "z", "9"))
                .event(ServerSentEvent.of("message", "a", "é€")).build());
        server.enqueue(MockResponse.newBuilder().status(204).contentType("text/plain").fixedLength().raw("").build());
        try (EventSource events = source("/events").build()) {
            events.read();
            assertEquals("é€", events.read().orElseThrow().lastEventId());
            time.runNext(TIMEOUT);
            assertEquals(Optional.empty(), events.read());
        }
        server.takeRequest(TIMEOUT);
        assertEquals("9", server.takeRequest(TIMEOUT).lastEventId());
    }
}
