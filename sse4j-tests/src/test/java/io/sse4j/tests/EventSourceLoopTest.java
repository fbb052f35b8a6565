package io.sse4j.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sse4j.EventSource;
import io.sse4j.EventSourceListener;
import io.sse4j.RetryPolicy;
import io.sse4j.ServerSentEvent;
import io.sse4j.SseLimits;
import io.sse4j.SseOptions;
import io.sse4j.SseResponseException;
import java.io.EOFException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.ProtocolException;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The reconnect loop of {@link EventSource} in isolation: a {@link FakeTransport} the test answers
 * by hand and a {@link VirtualScheduler}, so every phase meets every kind of signal (close, an
 * attempt's outcome, the timer, something that throws) in a set order, without a server or a
 * real clock. The listener records every call, so each test also checks the one terminal call.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class EventSourceLoopTest {

    private final FakeTransport transport = new FakeTransport();
    private final VirtualScheduler time = new VirtualScheduler();
    private final List<String> calls = new CopyOnWriteArrayList<>();
    private final AtomicReference<Throwable> terminalError = new AtomicReference<>();
    private EventSource source;

    /** Records every callback as a line; the terminal ones count. */
    private final EventSourceListener recorder = new EventSourceListener() {
        @Override
        public void onOpen(HttpResponse.ResponseInfo response) {
            calls.add("open " + response.statusCode());
        }

        @Override
        public void onEvent(ServerSentEvent event) {
            calls.add("event " + event.data());
        }

        @Override
        public void onRetry(Duration reconnectionTime) {
            calls.add("retry " + reconnectionTime.toMillis());
        }

        @Override
        public void onRetrying(Throwable cause, Duration delay, int attempt) {
            calls.add("retrying " + cause.getClass().getSimpleName() + " " + delay.toMillis() + " #" + attempt);
        }

        @Override
        public void onClosed() {
            calls.add("closed");
        }

        @Override
        public void onError(Throwable error) {
            terminalError.set(error);
            calls.add("error " + error.getClass().getSimpleName());
        }
    };

    /** A source whose first connection is retried too, as these tests are about the loop's mechanics. */
    private EventSource start(RetryPolicy policy) {
        return start(EventSource.newBuilder(transport).retryPolicy(policy).retryFirstConnection(true));
    }

    private EventSource start(EventSource.Builder builder) {
        source = builder.scheduler(time).build();
        source.listen(recorder);
        return source;
    }

    /** A policy that waits exactly {@code delay}, for readable timings. */
    private static RetryPolicy fixed(Duration delay) {
        return context -> Optional.of(delay);
    }

    @AfterEach
    void noBreachesAndClosed() {
        if (source != null) {
            source.close();
        }
        assertEquals(List.of(), transport.breaches, "the seam's contract");
        long terminals = calls.stream().filter(c -> c.equals("closed") || c.startsWith("error")).count();
        assertTrue(terminals <= 1, () -> "at most one terminal call: " + calls);
        if (terminals == 1) {
            String last = calls.get(calls.size() - 1);
            assertTrue(last.equals("closed") || last.startsWith("error"), () -> "the terminal call is the last: " + calls);
        }
    }

    // ---- SENDING ----

    @Test
    void sendingThenAnEventStreamOpensWithTheEventStreamHeaders() {
        start(fixed(Duration.ofSeconds(1)));
        assertEquals(EventSource.ReadyState.CONNECTING, source.readyState());
        FakeTransport.Call call = transport.call(0);
        assertEquals("text/event-stream", call.header("Accept"));
        assertEquals("no-cache", call.header("Cache-Control"));
        assertEquals("no-cache", call.header("Pragma"));
        assertEquals(null, call.header("Last-Event-ID"), "nothing to resume from");
        call.stream().body("id: 1\ndata: a\n\n");
        assertEquals(EventSource.ReadyState.OPEN, source.readyState());
        assertEquals(List.of("open 200", "event a"), calls);
    }

    @Test
    void closeWhileSendingAbortsTheExchangeAndALateHeadIsIgnored() {
        start(fixed(Duration.ofSeconds(1)));
        source.close();
        FakeTransport.Call call = transport.call(0);
        assertTrue(call.aborted(), "the exchange in flight is aborted");
        call.stream().body("data: late\n\n").complete();
        time.advance(Duration.ofHours(1));
        assertEquals(1, transport.calls.size(), "no attempt after close");
        assertEquals(EventSource.ReadyState.CLOSED, source.readyState());
        assertEquals(List.of("closed"), calls);
    }

    /**
     * Defect 1: a close() racing a reconnect, after the attempt was recorded but before the
     * transport returned its exchange, found nothing to abort, and the connection lived on.
     */
    @Test
    void closeInsideTheTransportsOpenOnAReconnectAbortsTheExchangeItReturns() {
        start(fixed(Duration.ofSeconds(1)));
        transport.call(0).fail(new IOException("down"));
        transport.duringOpen = call -> source.close();
        time.advance(Duration.ofSeconds(1));
        assertEquals(2, transport.calls.size());
        assertTrue(transport.call(1).aborted(), "aborted once the transport handed it over");
        time.advance(Duration.ofHours(1));
        assertEquals(2, transport.calls.size(), "nothing after close");
        assertEquals(List.of("retrying IOException 1000 #1", "closed"), calls);
    }

    @Test
    void sendingThenNoResponseWaitsAndRetriesWithTheFailure() {
        start(fixed(Duration.ofSeconds(2)));
        ConnectException refused = new ConnectException("Connection refused");
        transport.call(0).fail(refused);
        assertEquals(EventSource.ReadyState.CONNECTING, source.readyState());
        assertEquals(List.of("retrying ConnectException 2000 #1"), calls);
        time.advance(Duration.ofMillis(1999));
        assertEquals(1, transport.calls.size(), "not before the delay");
        time.advance(Duration.ofMillis(1));
        assertEquals(2, transport.calls.size());
        assertEquals(2, transport.call(1).attempt.number());
        assertSame(refused, transport.call(1).attempt.lastFailure().orElseThrow());
    }

    @Test
    void sendingThenAFinalRefusalEndsWithTheResponseAndNeverRetries() {
        start(fixed(Duration.ofSeconds(1)));
        transport.call(0).respond(401, "application/json").body("{\"error\":\"no\"}").complete();
        SseResponseException refusal = assertInstanceOf(SseResponseException.class, terminalError.get());
        assertEquals(401, refusal.statusCode());
        assertEquals("{\"error\":\"no\"}", refusal.body());
        time.advance(Duration.ofHours(1));
        assertEquals(1, transport.calls.size());
        assertEquals(0, time.pending(), "nothing left scheduled");
        assertEquals(EventSource.ReadyState.CLOSED, source.readyState());
    }

    @Test
    void sendingThenA503WaitsItsRetryAfter() {
        start(RetryPolicy.exponentialBackoff());
        transport.call(0).respond(503, "text/plain", "Retry-After", "7").complete();
        assertEquals(List.of("retrying SseResponseException 7000 #1"), calls);
        time.advance(Duration.ofSeconds(7));
        assertEquals(2, transport.calls.size());
    }

    @Test
    void sendingThen204ClosesCleanlyForGood() {
        start(fixed(Duration.ofSeconds(1)));
        transport.call(0).respond(204, null).complete();
        assertEquals(List.of("closed"), calls);
        time.advance(Duration.ofHours(1));
        assertEquals(1, transport.calls.size());
        assertEquals(EventSource.ReadyState.CLOSED, source.readyState());
    }

    /** Defect 2 on the first attempt: a transport that throws ends the source with what it threw. */
    @Test
    void aTransportThatThrowsOnTheFirstAttemptEndsTheSource() {
        RejectedExecutionException full = new RejectedExecutionException("executor full");
        transport.throwOnOpen.set(full);
        start(fixed(Duration.ofSeconds(1)));
        assertSame(full, terminalError.get());
        assertEquals(EventSource.ReadyState.CLOSED, source.readyState());
    }

    /** Defect 2: sendAsync throwing on a reconnect left the source CONNECTING for ever, read() blocked. */
    @Test
    void aTransportThatThrowsOnAReconnectEndsTheSourceAndABlockedReadReturns() throws Exception {
        source = EventSource.newBuilder(transport).retryPolicy(fixed(Duration.ofSeconds(1))).scheduler(time).build();
        transport.call(0).stream().body("id: 1\ndata: a\n\n").complete();
        assertEquals("a", source.read().orElseThrow().data());
        RejectedExecutionException full = new RejectedExecutionException("executor full");
        transport.throwOnOpen.set(full);
        time.advance(Duration.ofSeconds(1));
        assertEquals(EventSource.ReadyState.CLOSED, source.readyState());
        RejectedExecutionException thrown = assertThrows(RejectedExecutionException.class, source::read);
        assertSame(full, thrown);
    }

    /** Defect 3: an Error from the request hook (in the transport) was not caught, and the source hung. */
    @Test
    void anErrorFromTheRequestHookEndsTheSourceWithThatError() {
        source = EventSource.newBuilder(transport).retryPolicy(fixed(Duration.ofSeconds(1))).scheduler(time).build();
        source.listen(recorder);
        transport.call(0).stream().complete();
        StackOverflowError hookFailure = new StackOverflowError("the hook recursed");
        transport.throwOnOpen.set(hookFailure);
        time.advance(Duration.ofSeconds(1));
        assertSame(hookFailure, terminalError.get());
        assertEquals(List.of("open 200", "retrying CleanEnd 1000 #1", "error StackOverflowError"), calls);
    }

    /** Defect 3: an Error from the retry policy ends the source too, with the cause it was asked about. */
    @Test
    void anErrorFromTheRetryPolicyEndsTheSourceWithThatError() {
        AssertionError policyFailure = new AssertionError("policy bug");
        start(context -> {
            throw policyFailure;
        });
        IOException cause = new IOException("reset");
        transport.call(0).fail(cause);
        assertSame(policyFailure, terminalError.get());
        assertEquals(List.of(cause), List.of(policyFailure.getSuppressed()));
        assertEquals(0, time.pending());
    }

    // ---- STREAMING ----

    @Test
    void closeWhileStreamingAbortsTheConnectionAndALateEndIsIgnored() {
        start(fixed(Duration.ofSeconds(1)));
        FakeTransport.Call call = transport.call(0).stream().body("data: a\n\n");
        source.close();
        assertTrue(call.aborted());
        call.complete();
        time.advance(Duration.ofHours(1));
        assertEquals(List.of("open 200", "event a", "closed"), calls);
        assertEquals(1, transport.calls.size());
    }

    @Test
    void streamingThenACleanEndReconnectsAfterTheServersRetryWithLastEventId() {
        start(RetryPolicy.reconnectionTime());
        transport.call(0).stream().body("retry: 1500\nid: 7\ndata: a\n\n").complete();
        assertEquals(List.of("open 200", "retry 1500", "event a", "retrying CleanEnd 1500 #1"), calls);
        time.advance(Duration.ofMillis(1500));
        assertEquals("7", transport.call(1).header("Last-Event-ID"));
        assertEquals("7", transport.call(1).attempt.lastEventId());
        assertEquals("7", source.lastEventId());
    }

    @Test
    void streamingThenABreakRetriesAndTheEventsBeforeItAreDelivered() {
        start(fixed(Duration.ofSeconds(1)));
        transport.call(0).stream().body("id: 1\ndata: a\n\nid: 2\ndata: b\n\ndata: cut sho").fail(new IOException("reset"));
        assertEquals(List.of("open 200", "event a", "event b", "retrying BrokenStreamException 1000 #1"), calls);
        time.advance(Duration.ofSeconds(1));
        assertEquals("2", transport.call(1).header("Last-Event-ID"));
    }

    @Test
    void streamingThenIdleForTheTimeoutAbortsAndRetries() {
        start(EventSource.newBuilder(transport).retryPolicy(fixed(Duration.ofSeconds(1))).idleTimeout(Duration.ofSeconds(5)));
        FakeTransport.Call call = transport.call(0).stream().body(": hi\n\n");
        time.advance(Duration.ofSeconds(4));
        call.body(": heartbeat\n\n");
        time.advance(Duration.ofSeconds(4));
        assertFalse(call.aborted(), "a heartbeat 4 s ago keeps it alive");
        time.advance(Duration.ofSeconds(1));
        assertTrue(call.aborted(), "5 s without a byte");
        assertTrue(calls.contains("retrying HttpTimeoutException 1000 #1"), calls::toString);
    }

    @Test
    void streamingThenSilenceAfterTheConsumerMadeRoomCountsFromWhenReadingResumed() throws Exception {
        source = EventSource.newBuilder(transport).retryPolicy(fixed(Duration.ofSeconds(1)))
                .idleTimeout(Duration.ofSeconds(5)).scheduler(time).build();
        FakeTransport.Call call = transport.call(0).stream().body("data: x\n\n".repeat(300));
        time.advance(Duration.ofSeconds(22));
        assertFalse(call.aborted(), "a full buffer pauses the reading: not the server's silence");
        for (int i = 0; i < 300; i++) {
            assertEquals("x", source.read().orElseThrow().data()); // Room again: reading resumes at 22 s.
        }
        time.advance(Duration.ofSeconds(4));
        assertFalse(call.aborted(), "4 s since reading resumed (the idle check last looked at 20 s)");
        time.advance(Duration.ofSeconds(1));
        assertTrue(call.aborted(), "5 s since reading resumed");
    }

    @Test
    void streamingThenALimitCrossedEndsTheSourceAfterTheEventsBeforeIt() {
        start(EventSource.newBuilder(transport).retryPolicy(fixed(Duration.ofSeconds(1)))
                .options(SseOptions.defaults().withLimits(SseLimits.defaults().withMaxEventSize(4))));
        FakeTransport.Call call = transport.call(0).stream().body("data: ok\n\ndata: too long\n\n");
        assertTrue(call.aborted());
        assertEquals(List.of("open 200", "event ok", "error ProtocolException"), calls);
        assertInstanceOf(ProtocolException.class, terminalError.get());
        time.advance(Duration.ofHours(1));
        assertEquals(1, transport.calls.size());
    }

    @Test
    void aCallbackThatThrowsEndsTheSourceAndAbortsTheConnection() {
        IllegalStateException bug = new IllegalStateException("listener bug");
        source = EventSource.newBuilder(transport).retryPolicy(fixed(Duration.ofSeconds(1))).scheduler(time).build();
        source.listen(new EventSourceListener() {
            @Override
            public void onEvent(ServerSentEvent event) {
                throw bug;
            }

            @Override
            public void onError(Throwable error) {
                terminalError.set(error);
            }
        });
        FakeTransport.Call call = transport.call(0).stream().body("data: a\n\n");
        assertSame(bug, terminalError.get());
        assertTrue(call.aborted());
        assertEquals(EventSource.ReadyState.CLOSED, source.readyState());
        time.advance(Duration.ofHours(1));
        assertEquals(1, transport.calls.size());
    }

    // ---- WAITING ----

    @Test
    void closeWhileWaitingCancelsTheTimer() {
        start(fixed(Duration.ofSeconds(10)));
        transport.call(0).fail(new IOException("down"));
        assertEquals(1, time.pending());
        source.close();
        assertEquals(0, time.pending(), "the timer is cancelled");
        time.advance(Duration.ofHours(1));
        assertEquals(1, transport.calls.size());
        assertEquals(List.of("retrying IOException 10000 #1", "closed"), calls);
    }

    @Test
    void closeWhileThePolicyDecidesWinsOverItsDecision() {
        start(context -> {
            source.close();
            return Optional.of(Duration.ofSeconds(1));
        });
        transport.call(0).fail(new IOException("down"));
        assertEquals(0, time.pending(), "no timer set for a closed source");
        time.advance(Duration.ofHours(1));
        assertEquals(1, transport.calls.size());
        assertEquals(List.of("closed"), calls);
    }

    @Test
    void thePolicyGivingUpEndsWithTheLastCause() {
        start(RetryPolicy.never());
        IOException down = new IOException("down");
        transport.call(0).fail(down);
        assertSame(down, terminalError.get());
        assertEquals(EventSource.ReadyState.CLOSED, source.readyState());
    }

    @Test
    void thePolicyGivingUpAfterACleanEndClosesCleanly() {
        start(RetryPolicy.never());
        transport.call(0).stream().body("data: a\n\n").complete();
        assertEquals(List.of("open 200", "event a", "closed"), calls);
    }

    @Test
    void failuresInARowCountUpAndStartAgainOnceAConnectionDelivers() {
        List<Integer> asked = new CopyOnWriteArrayList<>();
        start(context -> {
            asked.add(context.attempt());
            return Optional.of(Duration.ofSeconds(1));
        });
        transport.call(0).fail(new IOException("1"));
        time.advance(Duration.ofSeconds(1));
        transport.call(1).fail(new IOException("2"));
        time.advance(Duration.ofSeconds(1));
        transport.call(2).stream().body("data: a\n\n").complete();
        time.advance(Duration.ofSeconds(1));
        transport.call(3).fail(new IOException("3"));
        assertEquals(List.of(1, 2, 1, 2), asked);
        assertEquals(List.of(1, 2, 3, 4), transport.attemptNumbers());
        assertEquals(4, source.attempts());
        assertEquals(4, source.reconnects());
    }

    @Test
    void aTimerThatFiresAfterCloseOpensNothing() {
        start(fixed(Duration.ofSeconds(1)));
        transport.call(0).fail(new IOException("down"));
        source.close();
        time.advance(Duration.ofSeconds(5));
        assertEquals(1, transport.calls.size());
    }

    @Test
    void theTerminalErrorIsNotAlsoReportedWithEOFException() {
        start(RetryPolicy.never());
        transport.call(0).stream().complete();
        assertFalse(terminalError.get() instanceof EOFException, "a clean end is not an error");
        assertEquals(List.of("open 200", "closed"), calls);
    }

    // ---- when it may try again at all (issue 15) ----

    @Test
    void aFirstConnectionThatCannotBeMadeEndsTheSourceByDefault() {
        start(EventSource.newBuilder(transport).retryPolicy(fixed(Duration.ofSeconds(1))));
        ConnectException refused = new ConnectException("Connection refused");
        transport.call(0).fail(refused);
        assertSame(refused, terminalError.get());
        assertEquals(List.of("error ConnectException"), calls);
        assertEquals(0, time.pending(), "no retry scheduled");
    }

    @Test
    void aFirstConnectionRefusedWith503EndsTheSourceByDefault() {
        start(EventSource.newBuilder(transport).retryPolicy(fixed(Duration.ofSeconds(1))));
        transport.call(0).respond(503, "text/plain").complete();
        assertEquals(503, assertInstanceOf(SseResponseException.class, terminalError.get()).statusCode());
        assertEquals(1, transport.calls.size());
    }

    @Test
    void afterAConnectionOpenedFailuresAreRetriedWithoutOptingIn() {
        start(EventSource.newBuilder(transport).retryPolicy(fixed(Duration.ofSeconds(1))));
        transport.call(0).stream().body("id: 1\ndata: a\n\n").fail(new IOException("reset"));
        time.advance(Duration.ofSeconds(1));
        transport.call(1).fail(new ConnectException("Connection refused"));
        assertEquals(Optional.of("Connection refused"), source.lastFailure().map(Throwable::getMessage));
        assertEquals(2, source.attempts());
        time.advance(Duration.ofSeconds(1));
        assertEquals(3, transport.calls.size());
    }

    @Test
    void connectThrowsTheFirstFailureWhereTheCallerWaits() {
        ConnectException refused = new ConnectException("Connection refused");
        SseTransportFailingAtOnce failing = new SseTransportFailingAtOnce(refused);
        EventSource.Builder builder = EventSource.newBuilder(failing).scheduler(time);
        assertSame(refused, assertThrows(ConnectException.class, builder::connect));
    }

    @Test
    void aPostWithoutALastEventIdIsNotSentAgainAfterACleanEnd() {
        transport.idempotent = false;
        start(fixed(Duration.ofSeconds(1)));
        transport.call(0).stream().body("data: a\n\ndata: [DONE]\n\n").complete();
        assertEquals(List.of("open 200", "event a", "event [DONE]", "closed"), calls);
        time.advance(Duration.ofHours(1));
        assertEquals(1, transport.calls.size(), "one POST, one completion");
    }

    @Test
    void aPostWithoutALastEventIdThatBrokeFailsWithTheCause() {
        transport.idempotent = false;
        start(fixed(Duration.ofSeconds(1)));
        transport.call(0).stream().body("data: a\n\n").fail(new IOException("reset"));
        assertInstanceOf(io.sse4j.BrokenStreamException.class, terminalError.get());
        assertEquals(1, transport.calls.size());
    }

    @Test
    void aPostWithALastEventIdResumesAsTheServerPromised() {
        transport.idempotent = false;
        start(fixed(Duration.ofSeconds(1)));
        transport.call(0).stream().body("id: 4\ndata: a\n\n").fail(new IOException("reset"));
        time.advance(Duration.ofSeconds(1));
        assertEquals("4", transport.call(1).header("Last-Event-ID"));
    }

    @Test
    void resendNonIdempotentSendsAPostAgainFromTheStart() {
        transport.idempotent = false;
        start(EventSource.newBuilder(transport).retryPolicy(fixed(Duration.ofSeconds(1))).resendNonIdempotent(true));
        transport.call(0).stream().body("data: a\n\n").complete();
        time.advance(Duration.ofSeconds(1));
        assertEquals(2, transport.calls.size());
        assertEquals(null, transport.call(1).header("Last-Event-ID"));
    }

    @Test
    void reopenAfterCleanEndFalseEndsAStreamWithoutIdsButResumesOneWithThem() {
        start(EventSource.newBuilder(transport).retryPolicy(fixed(Duration.ofSeconds(1))).reopenAfterCleanEnd(false));
        transport.call(0).stream().body("id: 1\ndata: a\n\n").complete();
        time.advance(Duration.ofSeconds(1));
        assertEquals("1", transport.call(1).header("Last-Event-ID"), "with an ID: resumed");
        transport.call(1).stream().body("id:\ndata: b\n\n").complete();
        assertEquals(List.of("open 200", "event a", "retrying CleanEnd 1000 #1", "open 200", "event b", "closed"), calls);
        time.advance(Duration.ofHours(1));
        assertEquals(2, transport.calls.size(), "the ID was cleared: nothing to resume from");
    }

    // ---- restart ----

    @Test
    void restartWhileStreamingDropsTheConnectionAndResumesAtOnce() {
        start(fixed(Duration.ofSeconds(1)));
        FakeTransport.Call first = transport.call(0).stream().body("id: 3\ndata: a\n\n");
        source.restart();
        assertTrue(first.aborted());
        FakeTransport.Call second = transport.call(1);
        assertEquals("3", second.header("Last-Event-ID"));
        assertEquals(2, second.attempt.number());
        second.stream().body("id: 4\ndata: b\n\n");
        first.complete(); // A late end of the dropped connection changes nothing.
        assertEquals(List.of("open 200", "event a", "open 200", "event b"), calls);
        assertEquals(EventSource.ReadyState.OPEN, source.readyState());
        assertEquals(0, time.pending());
    }

    @Test
    void restartWhileWaitingConnectsNowAndCancelsTheTimer() {
        start(fixed(Duration.ofSeconds(30)));
        transport.call(0).fail(new IOException("down"));
        assertEquals(1, time.pending());
        source.restart();
        assertEquals(0, time.pending());
        assertEquals(2, transport.calls.size());
    }

    @Test
    void restartAfterCloseDoesNothing() {
        start(fixed(Duration.ofSeconds(1)));
        source.close();
        source.restart();
        assertEquals(1, transport.calls.size());
        assertEquals(List.of("closed"), calls);
    }

    /** A transport that knows at once that it cannot connect: it reports so before open returns. */
    private static final class SseTransportFailingAtOnce implements io.sse4j.SseTransport {
        private final Throwable failure;

        SseTransportFailingAtOnce(Throwable failure) {
            this.failure = failure;
        }

        @Override
        public Exchange open(Attempt attempt, java.util.Map<String, String> headers, Receiver receiver) {
            receiver.onError(failure);
            return new Exchange() {
                @Override
                public void request() {
                }

                @Override
                public void abort() {
                }
            };
        }
    }

    @Test
    void idleTimeoutErrorsCarryTheCause() {
        start(EventSource.newBuilder(transport).retryPolicy(RetryPolicy.never()).idleTimeout(Duration.ofSeconds(1)));
        transport.call(0).stream();
        time.advance(Duration.ofSeconds(1));
        assertInstanceOf(HttpTimeoutException.class, terminalError.get());
    }
}
