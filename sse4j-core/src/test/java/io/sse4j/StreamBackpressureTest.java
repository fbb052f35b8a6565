package io.sse4j;

import java.net.http.HttpResponse;
import io.sse4j.internal.EventBuffer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * How {@link SseBodyHandlers#ofEvents()} asks the JDK for body bytes: one buffer list at a time, and only while
 * fewer than {@link ResponseSubscriber#MAX_QUEUED_ITEMS} items and {@link ResponseSubscriber#MAX_QUEUED_CHARS}
 * characters wait for the consumer. The test is the publisher (see {@link ScriptedUpstream}).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class StreamBackpressureTest {

    private final HttpResponse.BodySubscriber<EventStream> pipe = Pipes.of(TestResponseInfo.eventStream(), SseOptions.defaults());
    private final EventStream stream = pipe.getBody().toCompletableFuture().join();
    private final ScriptedUpstream upstream = ScriptedUpstream.subscribe(pipe);

    @AfterEach
    void neverMoreThanOneRequestOutstanding() {
        upstream.assertOneRequestAtATime();
    }

    @Test
    void requestsOneBufferListOnSubscribeAndAnotherAfterEachArrives() {
        assertEquals(1, upstream.requests());
        upstream.offer("data: a\n\n");
        assertEquals(2, upstream.requests());
        upstream.offer("data: b", "\n\n");
        assertEquals(3, upstream.requests());
        upstream.offer();
        assertEquals(4, upstream.requests(), "an empty buffer list is answered with a request too");
    }

    @Test
    void stopsRequestingWhileMaxQueuedItemsWaitAndResumesWhenTheReaderTakesOne() throws Exception {
        upstream.offer(events(EventBuffer.MAX_ITEMS - 1));
        assertTrue(upstream.hasRequest(), "one below the bound: reading goes on");
        upstream.offer(events(1));
        assertFalse(upstream.hasRequest(), "at the bound: no request");
        int requests = upstream.requests();

        assertEquals(Optional.of(ServerSentEvent.of("0")), stream.read());
        assertTrue(upstream.hasRequest(), "taking one event makes room, so reading resumes");
        assertEquals(requests + 1, upstream.requests());
    }

    @Test
    void stopsRequestingWhileMaxQueuedCharsOfDataWaitAndResumesWhenTheReaderTakesThem() throws Exception {
        upstream.offer("data: " + "x".repeat(EventBuffer.MAX_CHARS - 1) + "\n\n");
        assertTrue(upstream.hasRequest(), "one character below the bound: reading goes on");
        upstream.offer("data: y\n\n");
        assertFalse(upstream.hasRequest(), "two events, but a million characters: no request");

        assertEquals(EventBuffer.MAX_CHARS - 1, stream.read().orElseThrow().data().length());
        assertTrue(upstream.hasRequest(), "taking the large event makes room, so reading resumes");
        assertEquals(Optional.of(ServerSentEvent.of("y")), stream.read());
    }

    @Test
    void largeCommentsWithNoConsumerStopRequestingUntilAListenerTakesThem() throws Exception {
        String quarter = "c".repeat(EventBuffer.MAX_CHARS / 4);
        for (int i = 0; i < 3; i++) {
            upstream.offer(":" + quarter + "\n");
            assertTrue(upstream.hasRequest(), "below the bound after comment " + i);
        }
        upstream.offer(":" + quarter + "\n");
        assertFalse(upstream.hasRequest(), "a million characters of comments: no request");

        RecordingListener listener = new RecordingListener();
        stream.listen(listener);
        assertEquals(5, listener.calls().size(), "onOpen and the four comments");
        assertTrue(upstream.hasRequest(), "the listener took the comments, so reading resumes");
        listener.assertContractKept();
    }

    @Test
    void manySmallCommentsWithNoConsumerStopRequestingAtMaxQueuedItems() {
        upstream.offer(": ping\n".repeat(EventBuffer.MAX_ITEMS - 1));
        assertTrue(upstream.hasRequest());
        upstream.offer(": ping\n");
        assertFalse(upstream.hasRequest());
    }

    @Test
    void aReaderThatSkipsCommentsFreesTheirRoom() throws Exception {
        upstream.offer(":" + "c".repeat(EventBuffer.MAX_CHARS) + "\ndata: a\n\n");
        assertFalse(upstream.hasRequest());
        assertEquals(Optional.of(ServerSentEvent.of("a")), stream.read());
        assertTrue(upstream.hasRequest(), "the comment before the event was passed over, and its room freed");
    }

    @Test
    void aSubscriberWithoutDemandStopsRequestingAtTheBoundAndResumesWhenItRequests() {
        RecordingSubscriber subscriber = RecordingSubscriber.withoutDemand();
        stream.subscribe(subscriber);
        upstream.offer(events(EventBuffer.MAX_ITEMS));
        assertFalse(upstream.hasRequest());
        assertEquals(List.of("subscribe"), subscriber.signals());

        subscriber.request(1);
        assertEquals(List.of(ServerSentEvent.of("0")), subscriber.events());
        assertTrue(upstream.hasRequest());
        subscriber.assertRulesKept();
    }

    /** A subscriber never sees comments, so they must not take room that only its demand frees. */
    @Test
    void commentsDoNotHoldBackASubscriberWithoutDemand() {
        RecordingSubscriber subscriber = RecordingSubscriber.withoutDemand();
        stream.subscribe(subscriber);
        for (int i = 0; i < 3; i++) {
            upstream.offer(":" + "c".repeat(EventBuffer.MAX_CHARS) + "\n");
        }
        upstream.offer(": ping\n".repeat(EventBuffer.MAX_ITEMS));
        assertTrue(upstream.hasRequest());
        subscriber.assertRulesKept();
    }

    @Test
    void aListenerKeepsReadingGoing() {
        RecordingListener listener = new RecordingListener();
        stream.listen(listener);
        for (int i = 0; i < 3; i++) {
            upstream.offer(events(EventBuffer.MAX_ITEMS));
            assertTrue(upstream.hasRequest());
        }
        assertEquals(1 + 3 * EventBuffer.MAX_ITEMS, listener.calls().size());
        listener.assertContractKept();
    }

    /**
     * The reader on its own thread and the publisher on the test's: both may want to request, and
     * the {@link ScriptedUpstream} notes any second request outstanding (checked after each test).
     */
    @Test
    void aReaderOnAnotherThreadAndThePublisherKeepOneRequestOutstanding() throws Exception {
        int lists = 200;
        Background<List<String>> reader = Background.start("reader", () -> {
            List<String> data = new ArrayList<>();
            for (Optional<ServerSentEvent> event = stream.read(); event.isPresent(); event = stream.read()) {
                data.add(event.get().data());
            }
            return data;
        });
        List<String> expected = new ArrayList<>();
        int n = 0;
        for (int list = 0; list < lists; list++) {
            StringBuilder chunk = new StringBuilder();
            for (int i = 0; i < list % 7; i++, n++) {
                chunk.append("data: ").append(n).append("\n\n");
                expected.add(Integer.toString(n));
            }
            upstream.offer(chunk.toString());
        }
        upstream.complete();
        assertEquals(expected, reader.get());
    }

    /**
     * The JDK may call {@code onNext} from inside {@code request}, so the pipe must make no
     * upstream call while holding its lock or expecting to be the only one in it.
     */
    @Test
    void aPublisherThatDeliversFromInsideRequestIsReadToTheEnd() throws Exception {
        HttpResponse.BodySubscriber<EventStream> synchronous = Pipes.of(TestResponseInfo.eventStream(), SseOptions.defaults());
        synchronous.onSubscribe(new DeliveringInsideRequest(synchronous, 300));
        EventStream events = synchronous.getBody().toCompletableFuture().join();
        int read = 0;
        while (events.read().isPresent()) {
            read++;
        }
        assertEquals(300 * 2, read);
    }

    @Test
    void aPublisherThatDeliversFromInsideRequestServesAListenerToTheEnd() throws Exception {
        HttpResponse.BodySubscriber<EventStream> synchronous = Pipes.of(TestResponseInfo.eventStream(), SseOptions.defaults());
        RecordingListener listener = new RecordingListener();
        synchronous.getBody().toCompletableFuture().join().listen(listener);
        synchronous.onSubscribe(new DeliveringInsideRequest(synchronous, 300));
        List<String> calls = listener.awaitTerminal();
        assertEquals(1 + 300 * 3 + 1, calls.size(), "open, two events and a comment per list, closed");
        assertEquals("closed", calls.get(calls.size() - 1));
        listener.assertContractKept();
    }

    /** Answers each request at once, from inside it: a list of two events and a comment, then the end. */
    private static final class DeliveringInsideRequest implements Flow.Subscription {
        private final HttpResponse.BodySubscriber<EventStream> pipe;
        private int lists;

        DeliveringInsideRequest(HttpResponse.BodySubscriber<EventStream> pipe, int lists) {
            this.pipe = pipe;
            this.lists = lists;
        }

        @Override
        public void request(long n) {
            if (lists-- > 0) {
                pipe.onNext(List.of(ByteBuffer.wrap(Bytes.utf8("data: a\n\ndata: b\n\n: c\n")).asReadOnlyBuffer()));
            } else {
                pipe.onComplete();
            }
        }

        @Override
        public void cancel() {
        }
    }

    /** {@code count} events with data "0", "1", … in one string. */
    private static String events(int count) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < count; i++) {
            out.append("data: ").append(i).append("\n\n");
        }
        return out.toString();
    }
}
