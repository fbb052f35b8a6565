package io.sse4j;

import java.net.http.HttpResponse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ProtocolException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@link SseBodyHandlers#ofEvents()} delivering to an {@link SseListener}, the test playing the JDK's publisher. */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class StreamListenerTest {

    private final HttpResponse.BodySubscriber<EventStream> pipe = Pipes.of(TestResponseInfo.eventStream(), SseOptions.defaults());
    private final EventStream stream = pipe.getBody().toCompletableFuture().join();
    private final ScriptedUpstream upstream = ScriptedUpstream.subscribe(pipe);

    @AfterEach
    void neverMoreThanOneRequestOutstanding() {
        upstream.assertOneRequestAtATime();
    }

    @Test
    void onOpenFirstThenEventsAndCommentsInStreamOrderThenOnClosed() throws InterruptedException {
        upstream.offer(": hi\n\ndata: a\n\n");
        RecordingListener listener = new RecordingListener();
        stream.listen(listener);
        assertEquals(List.of("open", "comment hi", "event a"), listener.calls());
        upstream.offer("event: x\ndata: b\n", "\n: bye\n");
        upstream.complete();
        assertEquals(List.of("open", "comment hi", "event a", "event b", "comment bye", "closed"),
                listener.awaitTerminal());
        assertEquals(0, upstream.cancels());
        listener.assertContractKept();
    }

    @Test
    void onOpenComesAtOnceWhenNothingHasArrived() {
        RecordingListener listener = new RecordingListener();
        stream.listen(listener);
        assertEquals(List.of("open"), listener.calls());
    }

    @Test
    void anExceptionFromOnEventGoesToOnErrorAndCancelsUpstream() throws InterruptedException {
        IllegalStateException thrown = new IllegalStateException("listener bug");
        RecordingListener listener = new RecordingListener() {
            @Override
            public void onEvent(ServerSentEvent event) {
                super.onEvent(event);
                if (event.data().equals("b")) {
                    throw thrown;
                }
            }
        };
        stream.listen(listener);
        upstream.offer("data: a\n\ndata: b\n\ndata: c\n\n");
        assertEquals(List.of("open", "event a", "event b", "error"), listener.awaitTerminal());
        assertSame(thrown, listener.error());
        assertEquals(1, upstream.cancels());
        stream.close();
        upstream.complete();
        assertEquals(4, listener.calls().size(), "nothing after onError");
        assertEquals(1, upstream.cancels());
        listener.assertContractKept();
    }

    @Test
    void anExceptionFromOnOpenGoesToOnErrorAndCancelsUpstream() throws InterruptedException {
        IllegalStateException thrown = new IllegalStateException("listener bug");
        upstream.offer("data: a\n\n");
        RecordingListener listener = new RecordingListener() {
            @Override
            public void onOpen(EventStream opened) {
                super.onOpen(opened);
                throw thrown;
            }
        };
        stream.listen(listener);
        assertEquals(List.of("open", "error"), listener.awaitTerminal());
        assertSame(thrown, listener.error());
        assertEquals(1, upstream.cancels());
        listener.assertContractKept();
    }

    @Test
    void anUpstreamErrorReachesOnErrorAfterTheEventsBeforeIt() throws InterruptedException {
        IOException failure = new IOException("connection reset");
        RecordingListener listener = new RecordingListener();
        stream.listen(listener);
        upstream.offer("data: a\n\n");
        upstream.fail(failure);
        assertEquals(List.of("open", "event a", "error"), listener.awaitTerminal());
        assertSame(failure, assertInstanceOf(BrokenStreamException.class, listener.error()).getCause());
        listener.assertContractKept();
    }

    @Test
    void closeFromInsideOnEventEndsWithOnClosedAndCancelsUpstream() throws InterruptedException {
        RecordingListener listener = new RecordingListener() {
            @Override
            public void onEvent(ServerSentEvent event) {
                super.onEvent(event);
                stream.close();
            }
        };
        stream.listen(listener);
        upstream.offer("data: a\n\ndata: b\n\n");
        assertEquals(List.of("open", "event a", "closed"), listener.awaitTerminal());
        assertEquals(1, upstream.cancels());
        listener.assertContractKept();
    }

    @Test
    void aListenerAttachedAfterCloseGetsOnlyOnClosed() throws InterruptedException {
        upstream.offer("data: a\n\n");
        stream.close();
        RecordingListener listener = new RecordingListener();
        stream.listen(listener);
        assertEquals(List.of("closed"), listener.awaitTerminal());
    }

    @Test
    void aSecondListenerIsRefusedWithIllegalStateException() {
        stream.listen(new RecordingListener());
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> stream.listen(new RecordingListener()));
        assertTrue(e.getMessage().contains("listener"), e.getMessage());
    }

    @Test
    void aLimitCrossedMidBufferReachesOnErrorAfterTheEventsBeforeIt() throws InterruptedException {
        HttpResponse.BodySubscriber<EventStream> limited = Pipes.of(TestResponseInfo.eventStream(), SseOptions.defaults().withLimits(SseLimits.defaults().withMaxLineLength(16)));
        ScriptedUpstream limitedUpstream = ScriptedUpstream.subscribe(limited);
        RecordingListener listener = new RecordingListener();
        limited.getBody().toCompletableFuture().join().listen(listener);
        limitedUpstream.offer("data: a\n\n: ok\n: " + "x".repeat(20) + "\ndata: b\n\n");
        assertEquals(List.of("open", "event a", "comment ok", "error"), listener.awaitTerminal());
        assertInstanceOf(ProtocolException.class, listener.error());
        assertEquals(1, limitedUpstream.cancels());
        listener.assertContractKept();
        limitedUpstream.assertOneRequestAtATime();
    }

    @Test
    void lastEventIdInOnEventIsThatOfTheEventDelivered() {
        List<String> ids = new ArrayList<>();
        upstream.offer("id: 1\ndata: a\n\nid: 2\ndata: b\n\n");
        stream.listen(event -> ids.add(event.data() + "=" + stream.lastEventId()));
        assertEquals(List.of("a=1", "b=2"), ids);
    }

    /** The id-only block comes before the comment, so the listener has reached it at the comment. */
    @Test
    void lastEventIdInOnCommentCountsAnIdOnlyBlockBeforeTheComment() {
        List<String> ids = new ArrayList<>();
        upstream.offer("id: 1\ndata: a\n\nid: 9\n\n: after nine\n\nid: 10\ndata: b\n\n");
        stream.listen(new SseListener() {
            @Override
            public void onEvent(ServerSentEvent event) {
                ids.add(event.data() + "=" + stream.lastEventId());
            }

            @Override
            public void onComment(String comment) {
                ids.add(comment + "=" + stream.lastEventId());
            }
        });
        assertEquals(List.of("a=1", "after nine=9", "b=10"), ids);
    }

    /**
     * However close() and the delivery of events and the end interleave, the listener gets
     * exactly one terminal call, last, and no calls at once.
     */
    @Test
    void exactlyOneTerminalCallWhenCloseRacesDelivery() throws Exception {
        for (int round = 0; round < 200; round++) {
            HttpResponse.BodySubscriber<EventStream> racing = Pipes.of(TestResponseInfo.eventStream(), SseOptions.defaults());
            ScriptedUpstream racingUpstream = ScriptedUpstream.subscribe(racing);
            RecordingListener listener = new RecordingListener();
            racing.getBody().toCompletableFuture().join().listen(listener);
            CountDownLatch start = new CountDownLatch(1);
            boolean fail = round % 2 == 1;
            Background<Void> publisher = Background.start("publisher", () -> {
                start.await();
                for (int i = 0; i < 5 && racingUpstream.offerIfRequested("data: a\n\n: c\n"); i++) {
                    // Offered.
                }
                if (fail) {
                    racingUpstream.fail(new IOException("reset"));
                } else {
                    racingUpstream.complete();
                }
                return null;
            });
            Background<Void> closer = Background.start("closer", () -> {
                start.await();
                Pipes.stream(racing).close();
                return null;
            });
            start.countDown();
            publisher.get();
            closer.get();

            List<String> calls = listener.awaitTerminal();
            String last = calls.get(calls.size() - 1);
            assertTrue(last.equals("closed") || last.equals("error"), "round " + round + ": " + calls);
            assertEquals("open", calls.get(0), "round " + round);
            listener.assertContractKept();
            racingUpstream.assertOneRequestAtATime();
            assertTrue(racingUpstream.cancels() <= 1, "round " + round + ": cancelled " + racingUpstream.cancels());
        }
    }
}
