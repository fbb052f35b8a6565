package io.sse4j;

import java.net.http.HttpResponse;
import static io.sse4j.Outcome.event;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ProtocolException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@link SseBodyHandlers#ofEvents()} read blocking through its {@link EventStream}, the test playing the JDK's publisher. */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class StreamReadTest {

    private final HttpResponse.BodySubscriber<EventStream> pipe = Pipes.of(TestResponseInfo.eventStream(), SseOptions.defaults());
    private final EventStream stream = pipe.getBody().toCompletableFuture().join();
    private final ScriptedUpstream upstream = ScriptedUpstream.subscribe(pipe);

    @AfterEach
    void neverMoreThanOneRequestOutstanding() {
        upstream.assertOneRequestAtATime();
    }

    @Test
    void readReturnsEventsInOrderThenEmptyAtTheEnd() throws IOException {
        upstream.offer("data: a\n\nevent: add\ndata: b\n", "\ndata: c\n\n");
        upstream.offer(": ping\n\nid: 1\ndata: d\n\n");
        upstream.complete();
        assertEquals(Optional.of(event("a")), stream.read());
        assertEquals(Optional.of(event("add", "b")), stream.read());
        assertEquals(Optional.of(event("c")), stream.read());
        assertEquals(Optional.of(event("message", "d", "1")), stream.read());
        assertEquals(Optional.empty(), stream.read());
        assertEquals(Optional.empty(), stream.read(), "still empty after the end");
        assertEquals(0, upstream.cancels(), "a stream that ended is not cancelled");
    }

    @Test
    void anUnfinishedEventAtTheEndIsNotDispatched() throws IOException {
        upstream.offer("data: a\n\ndata: half");
        upstream.complete();
        assertEquals(Optional.of(event("a")), stream.read());
        assertEquals(Optional.empty(), stream.read());
    }

    @Test
    void readWaitsForTheBufferListThatCompletesAnEvent() throws Exception {
        Background<Optional<ServerSentEvent>> read = Background.start("read", stream::read).awaitBlocked();
        upstream.offer("data: a\n");
        read.awaitBlocked();
        upstream.offer("\n");
        assertEquals(Optional.of(event("a")), read.get());
    }

    @Test
    void readWaitsForTheEndOfStream() throws Exception {
        Background<Optional<ServerSentEvent>> read = Background.start("read", stream::read).awaitBlocked();
        upstream.complete();
        assertEquals(Optional.empty(), read.get());
    }

    @Test
    void aBrokenConnectionMakesReadThrowBrokenStreamAfterTheEventsBeforeIt() throws IOException {
        IOException failure = new IOException("chunked transfer encoding, state: READING_LENGTH");
        upstream.offer("id: 7\ndata: a\n\ndata: b\n\n");
        upstream.fail(failure);
        assertEquals(Optional.of(event("message", "a", "7")), stream.read());
        assertEquals(Optional.of(event("message", "b", "7")), stream.read());
        BrokenStreamException broken = assertThrows(BrokenStreamException.class, stream::read);
        assertSame(failure, broken.getCause());
        assertEquals(2, broken.eventCount());
        assertEquals("7", broken.lastEventId());
        assertEquals(Optional.empty(), broken.uri(), "unknown to a body subscriber made without connect");
        assertEquals("connection broke mid-stream after 2 events (last event ID \"7\"): "
                + "chunked transfer encoding, state: READING_LENGTH", broken.getMessage());
        assertSame(broken, assertThrows(IOException.class, stream::read), "and again");
    }

    @Test
    void onErrorWakesABlockedReadWithThatException() throws Exception {
        IOException failure = new IOException("connection reset");
        Background<Optional<ServerSentEvent>> read = Background.start("read", stream::read).awaitBlocked();
        upstream.fail(failure);
        assertSame(failure, assertInstanceOf(BrokenStreamException.class, read.failure()).getCause());
    }

    @Test
    void anUncheckedFailureFromUpstreamIsThrownAsItself() {
        IllegalStateException failure = new IllegalStateException("broken");
        upstream.fail(failure);
        assertSame(failure, assertThrows(IllegalStateException.class, stream::read));
    }

    /** An Error must never be wrapped in an IOException that user code catches and swallows. */
    @Test
    void anErrorFromUpstreamIsThrownAsItself() {
        OutOfMemoryError failure = new OutOfMemoryError("Java heap space");
        upstream.fail(failure);
        assertSame(failure, assertThrows(OutOfMemoryError.class, stream::read));
    }

    @Test
    void closeFromAnotherThreadWakesABlockedReadWhichReturnsEmpty() throws Exception {
        Background<Optional<ServerSentEvent>> read = Background.start("read", stream::read).awaitBlocked();
        stream.close();
        assertEquals(Optional.empty(), read.get());
        assertEquals(Optional.empty(), stream.read());
    }

    @Test
    void closeCancelsUpstreamExactlyOnceWhenCalledFromTwoThreads() throws Exception {
        Background<Optional<ServerSentEvent>> read = Background.start("read", stream::read).awaitBlocked();
        Background<Void> otherClose = Background.start("close", () -> {
            stream.close();
            return null;
        });
        stream.close();
        otherClose.get();
        assertEquals(Optional.empty(), read.get());
        stream.close();
        assertEquals(1, upstream.cancels());
    }

    @Test
    void closeDropsEventsNotYetReadAndStopsRequesting() throws IOException {
        upstream.offer("data: a\n\ndata: b\n\n");
        int requests = upstream.requests();
        stream.close();
        assertEquals(Optional.empty(), stream.read());
        assertEquals(requests, upstream.requests());
    }

    @Test
    void onSubscribeAfterCloseCancelsThatSubscription() {
        HttpResponse.BodySubscriber<EventStream> closedFirst = Pipes.of(TestResponseInfo.eventStream(), SseOptions.defaults());
        Pipes.stream(closedFirst).close();
        ScriptedUpstream late = ScriptedUpstream.subscribe(closedFirst);
        assertEquals(1, late.cancels());
        assertEquals(0, late.requests());
    }

    @Test
    void aSecondSubscriptionIsCancelledAndTheFirstKept() throws IOException {
        ScriptedUpstream second = ScriptedUpstream.subscribe(pipe);
        assertEquals(1, second.cancels());
        assertEquals(0, second.requests());
        upstream.offer("data: a\n\n");
        assertEquals(Optional.of(event("a")), stream.read());
        assertEquals(0, upstream.cancels());
    }

    @Test
    void interruptingABlockedReadThrowsInterruptedIOExceptionAndKeepsTheInterruptStatus() throws Exception {
        Background<Boolean> read = Background.start("read", () -> {
            InterruptedIOException e = assertThrows(InterruptedIOException.class, stream::read);
            assertTrue(e.getMessage().contains("interrupted"), e.getMessage());
            return Thread.currentThread().isInterrupted();
        }).awaitBlocked();
        read.interrupt();
        assertTrue(read.get(), "interrupt status set again");
    }

    @Test
    void aLimitCrossedMidBufferDeliversTheEventsBeforeItThenTheProtocolException() throws IOException {
        HttpResponse.BodySubscriber<EventStream> limited = Pipes.of(TestResponseInfo.eventStream(), SseOptions.defaults().withLimits(SseLimits.defaults().withMaxLineLength(32)));
        EventStream events = limited.getBody().toCompletableFuture().join();
        ScriptedUpstream limitedUpstream = ScriptedUpstream.subscribe(limited);
        limitedUpstream.offer("data: a\n\ndata: b\n\ndata: " + "x".repeat(100) + "\n\ndata: c\n\n");
        assertEquals(1, limitedUpstream.cancels(), "upstream cancelled as soon as the limit is crossed");
        assertFalse(limitedUpstream.hasRequest());

        assertEquals(Optional.of(event("a")), events.read());
        assertEquals(Optional.of(event("b")), events.read());
        ProtocolException thrown = assertThrows(ProtocolException.class, events::read);
        assertTrue(thrown.getMessage().contains("maxLineLength of 32"), thrown.getMessage());
        assertSame(thrown, assertThrows(ProtocolException.class, events::read), "and again");
        events.close();
        assertEquals(1, limitedUpstream.cancels(), "not cancelled twice");
        limitedUpstream.assertOneRequestAtATime();
    }

    /** Events parsed ahead of the reader do not count, so resuming with lastEventId() skips nothing. */
    @Test
    void lastEventIdIsThatOfTheLastEventReadNotTheLastParsed() throws IOException {
        upstream.offer("id: 1\ndata: a\n\nid: 2\ndata: b\n\nid: 3\ndata: c\n\n");
        assertEquals("", stream.lastEventId());
        assertEquals(Optional.of(event("message", "a", "1")), stream.read());
        assertEquals("1", stream.lastEventId());
        assertEquals(Optional.of(event("message", "b", "2")), stream.read());
        assertEquals("2", stream.lastEventId());
    }

    @Test
    void anIdOnlyBlockCountsWhenTheReaderReachesIt() throws IOException {
        upstream.offer("id: 1\ndata: a\n\nid: 9\n\n");
        assertEquals(Optional.of(event("message", "a", "1")), stream.read());
        assertEquals("1", stream.lastEventId(), "the id-only block after a is not reached yet");
        upstream.complete();
        assertEquals(Optional.empty(), stream.read());
        assertEquals("9", stream.lastEventId(), "reached: the reader went past it to the end");
    }

    @Test
    void reconnectionTimeIsThatOfTheRetryBeforeTheLastEventRead() throws IOException {
        upstream.offer("retry: 1000\ndata: a\n\nretry: 2000\ndata: b\n\nretry: 3000\n\n");
        assertEquals(Optional.empty(), stream.reconnectionTime());
        stream.read();
        assertEquals(Optional.of(Duration.ofMillis(1000)), stream.reconnectionTime());
        stream.read();
        assertEquals(Optional.of(Duration.ofMillis(2000)), stream.reconnectionTime());
        upstream.complete();
        assertEquals(Optional.empty(), stream.read());
        assertEquals(Optional.of(Duration.ofMillis(3000)), stream.reconnectionTime());
    }

    @Test
    void readAfterASubscriberTookTheStreamThrowsIllegalStateException() {
        stream.subscribe(RecordingSubscriber.withoutDemand());
        IllegalStateException e = assertThrows(IllegalStateException.class, stream::read);
        assertTrue(e.getMessage().contains("Flow.Subscriber"), e.getMessage());
    }
}
