package io.sse4j;

import java.net.http.HttpResponse;
import static io.sse4j.Outcome.event;
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
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link SseBodyHandlers#ofEvents()} as a {@link Flow.Publisher}, the test playing the JDK's publisher upstream and
 * a {@link RecordingSubscriber} that checks the Reactive Streams rules downstream.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class StreamFlowTest {

    private final HttpResponse.BodySubscriber<EventStream> pipe = Pipes.of(TestResponseInfo.eventStream(), SseOptions.defaults());
    private final EventStream stream = pipe.getBody().toCompletableFuture().join();
    private final ScriptedUpstream upstream = ScriptedUpstream.subscribe(pipe);

    @AfterEach
    void neverMoreThanOneRequestOutstanding() {
        upstream.assertOneRequestAtATime();
    }

    @Test
    void deliversNoMoreEventsThanRequested() {
        RecordingSubscriber subscriber = RecordingSubscriber.withoutDemand();
        stream.subscribe(subscriber);
        subscriber.request(2);
        upstream.offer("data: 1\n\ndata: 2\n\ndata: 3\n\n", "data: 4\n\ndata: 5\n\n");
        assertEquals(List.of(event("1"), event("2")), subscriber.events());
        subscriber.request(1);
        assertEquals(3, subscriber.events().size());
        subscriber.request(5);
        assertEquals(5, subscriber.events().size());
        upstream.offer("data: 6\n\ndata: 7\n\ndata: 8\n\ndata: 9\n\n");
        assertEquals(8, subscriber.events().size(), "8 requested in all: the rest of the demand, and no more");
        subscriber.assertRulesKept();
    }

    @Test
    void eventsQueuedBeforeSubscribingWaitForDemand() {
        upstream.offer("data: a\n\ndata: b\n\n");
        RecordingSubscriber subscriber = RecordingSubscriber.withoutDemand();
        stream.subscribe(subscriber);
        assertEquals(List.of("subscribe"), subscriber.signals());
        subscriber.request(2);
        assertEquals(List.of(event("a"), event("b")), subscriber.events());
        subscriber.assertRulesKept();
    }

    /** The end has arrived, but the subscriber completes only once it has taken every event. */
    @Test
    void completesOnlyAfterTheQueuedEventsAreRequested() {
        RecordingSubscriber subscriber = RecordingSubscriber.withoutDemand();
        stream.subscribe(subscriber);
        upstream.offer("data: a\n\ndata: b\n\n");
        upstream.complete();
        subscriber.request(1);
        assertEquals(List.of("subscribe", event("a")), subscriber.signals());
        subscriber.request(1);
        assertEquals(List.of("subscribe", event("a"), event("b"), "complete"), subscriber.signals());
        subscriber.assertRulesKept();
    }

    @Test
    void anUpstreamErrorReachesTheSubscriberAfterTheEventsBeforeIt() throws InterruptedException {
        IOException failure = new IOException("connection reset");
        RecordingSubscriber subscriber = RecordingSubscriber.withoutDemand();
        stream.subscribe(subscriber);
        upstream.offer("data: a\n\n");
        upstream.fail(failure);
        assertEquals(List.of("subscribe"), subscriber.signals(), "the event comes first, and waits for demand");
        subscriber.request(1);
        Throwable error = subscriber.awaitError();
        assertSame(failure, assertInstanceOf(BrokenStreamException.class, error).getCause());
        assertEquals(List.of("subscribe", event("a"), error), subscriber.signals());
        subscriber.assertRulesKept();
    }

    @Test
    void demandAddedUpPastLongMaxValueStaysUnbounded() {
        RecordingSubscriber subscriber = RecordingSubscriber.withoutDemand();
        stream.subscribe(subscriber);
        subscriber.request(Long.MAX_VALUE);
        upstream.offer("data: 0\n\n");
        subscriber.request(Long.MAX_VALUE); // Would overflow to a negative demand.
        subscriber.request(1);
        upstream.offer("data: 1\n\ndata: 2\n\ndata: 3\n\n");
        assertEquals(4, subscriber.events().size());
        subscriber.assertRulesKept();
    }

    @ParameterizedTest
    @ValueSource(longs = {0, -1, Long.MIN_VALUE})
    void requestOfNoMoreThanZeroSignalsIllegalArgumentExceptionAndCancelsUpstream(long n) throws InterruptedException {
        RecordingSubscriber subscriber = RecordingSubscriber.withoutDemand();
        stream.subscribe(subscriber);
        upstream.offer("data: a\n\n");
        subscriber.request(n);
        Throwable error = subscriber.awaitError();
        assertInstanceOf(IllegalArgumentException.class, error);
        assertTrue(error.getMessage().contains("3.9"), error.getMessage());
        assertEquals(1, upstream.cancels());
        subscriber.request(1);
        subscriber.request(0);
        assertEquals(List.of("subscribe", error), subscriber.signals(), "nothing after onError");
        subscriber.assertRulesKept();
    }

    /**
     * A bad request from another thread while {@code onNext} runs: the error must wait until
     * {@code onNext} returns (rule 1.3, signals are serial).
     */
    @Test
    void requestOfZeroWhileOnNextRunsOnAnotherThreadSignalsOnErrorOnlyAfterOnNextReturns() throws Exception {
        CountDownLatch inOnNext = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        RecordingSubscriber subscriber = RecordingSubscriber.unbounded().onEachNext(event -> {
            inOnNext.countDown();
            awaitUninterruptibly(release);
        });
        stream.subscribe(subscriber);
        Background<Void> publisher = Background.start("publisher", () -> {
            upstream.offer("data: a\n\ndata: b\n\n");
            return null;
        });
        assertTrue(inOnNext.await(ScriptedUpstream.BOUND.toMillis(), TimeUnit.MILLISECONDS));

        subscriber.request(0);
        assertEquals(List.of("subscribe", event("a")), subscriber.signals(), "no onError while onNext runs");
        release.countDown();
        publisher.get();

        Throwable error = subscriber.awaitError();
        assertInstanceOf(IllegalArgumentException.class, error);
        assertEquals(List.of("subscribe", event("a"), error), subscriber.signals());
        assertEquals(1, upstream.cancels());
        subscriber.assertRulesKept();
    }

    /** Rule 3.3: request inside onNext must not recurse into onNext. */
    @Test
    void requestFromInsideOnNextDeliversTheNextEventAfterItReturns() {
        RecordingSubscriber[] self = new RecordingSubscriber[1];
        self[0] = RecordingSubscriber.withoutDemand().onEachNext(event -> self[0].request(1));
        stream.subscribe(self[0]);
        upstream.offer("data: x\n\n".repeat(100));
        self[0].request(1);
        assertEquals(100, self[0].events().size());
        self[0].assertRulesKept();
    }

    @Test
    void cancelCancelsUpstreamAndEndsTheSignals() {
        RecordingSubscriber subscriber = RecordingSubscriber.withoutDemand();
        stream.subscribe(subscriber);
        subscriber.request(1);
        upstream.offer("data: a\n\ndata: b\n\n");
        subscriber.cancel();
        assertEquals(1, upstream.cancels());
        subscriber.request(5);
        subscriber.cancel();
        stream.close();
        upstream.complete();
        assertEquals(List.of("subscribe", event("a")), subscriber.signals(), "no signal after cancel");
        assertEquals(1, upstream.cancels());
        subscriber.assertRulesKept();
    }

    @Test
    void cancelInsideOnSubscribeCancelsUpstreamAndSignalsNothingMore() {
        upstream.offer("data: a\n\n");
        RecordingSubscriber subscriber = RecordingSubscriber.unbounded();
        stream.subscribe(new Flow.Subscriber<ServerSentEvent>() {
            @Override
            public void onSubscribe(Flow.Subscription subscription) {
                subscriber.onSubscribe(subscription);
                subscription.cancel();
            }

            @Override
            public void onNext(ServerSentEvent item) {
                subscriber.onNext(item);
            }

            @Override
            public void onError(Throwable throwable) {
                subscriber.onError(throwable);
            }

            @Override
            public void onComplete() {
                subscriber.onComplete();
            }
        });
        assertEquals(1, upstream.cancels());
        assertEquals(List.of("subscribe"), subscriber.signals());
    }

    /** Rule 1.3: onError must not come while onSubscribe runs. */
    @Test
    void requestOfZeroInsideOnSubscribeSignalsOnErrorAfterOnSubscribeReturns() throws InterruptedException {
        List<Object> signals = new ArrayList<>();
        CountDownLatch terminated = new CountDownLatch(1);
        stream.subscribe(new Flow.Subscriber<ServerSentEvent>() {
            @Override
            public void onSubscribe(Flow.Subscription subscription) {
                subscription.request(0);
                signals.add("onSubscribe returns");
            }

            @Override
            public void onNext(ServerSentEvent item) {
                signals.add(item);
            }

            @Override
            public void onError(Throwable throwable) {
                signals.add(throwable.getClass().getSimpleName());
                terminated.countDown();
            }

            @Override
            public void onComplete() {
                signals.add("complete");
                terminated.countDown();
            }
        });
        assertTrue(terminated.await(ScriptedUpstream.BOUND.toMillis(), TimeUnit.MILLISECONDS));
        assertEquals(List.of("onSubscribe returns", "IllegalArgumentException"), signals);
        assertEquals(1, upstream.cancels());
    }

    /** Rule 2.13: a subscriber that throws is treated as cancelled. */
    @Test
    void aSubscriberWhoseOnSubscribeThrowsIsCancelled() {
        List<Object> signals = new ArrayList<>();
        stream.subscribe(new Flow.Subscriber<ServerSentEvent>() {
            @Override
            public void onSubscribe(Flow.Subscription subscription) {
                signals.add("subscribe");
                throw new IllegalStateException("broken subscriber");
            }

            @Override
            public void onNext(ServerSentEvent item) {
                signals.add(item);
            }

            @Override
            public void onError(Throwable throwable) {
                signals.add(throwable);
            }

            @Override
            public void onComplete() {
                signals.add("complete");
            }
        });
        assertEquals(1, upstream.cancels());
        stream.close();
        upstream.complete();
        assertEquals(List.of("subscribe"), signals);
    }

    @Test
    void aSubscriberWhoseOnNextThrowsIsCancelled() {
        RecordingSubscriber subscriber = RecordingSubscriber.unbounded().onEachNext(event -> {
            throw new IllegalStateException("broken subscriber");
        });
        stream.subscribe(subscriber);
        upstream.offer("data: a\n\ndata: b\n\n");
        assertEquals(1, upstream.cancels());
        stream.close();
        assertEquals(List.of("subscribe", event("a")), subscriber.signals());
        subscriber.assertRulesKept();
    }

    @Test
    void aSecondSubscriberGetsIllegalStateExceptionAndTheFirstKeepsTheStream() throws InterruptedException {
        RecordingSubscriber first = RecordingSubscriber.unbounded();
        stream.subscribe(first);
        RecordingSubscriber second = RecordingSubscriber.withoutDemand();
        stream.subscribe(second);
        assertInstanceOf(IllegalStateException.class, second.awaitError());
        assertEquals(2, second.signals().size(), "onSubscribe, then onError: " + second.signals());
        second.assertRulesKept();

        upstream.offer("data: a\n\n");
        upstream.complete();
        assertEquals(List.of("subscribe", event("a"), "complete"), first.awaitTerminal());
        assertEquals(0, upstream.cancels());
        first.assertRulesKept();
    }

    @Test
    void aSubscriberAfterBlockingReadsGetsIllegalStateExceptionAndListenThrowsIt() throws Exception {
        upstream.offer("data: a\n\n");
        stream.read();
        RecordingSubscriber subscriber = RecordingSubscriber.withoutDemand();
        stream.subscribe(subscriber);
        assertInstanceOf(IllegalStateException.class, subscriber.awaitError());
        assertThrows(IllegalStateException.class, () -> stream.listen(new RecordingListener()));
    }

    @Test
    void closeCompletesTheSubscriberAndDropsWhatIsQueued() throws InterruptedException {
        RecordingSubscriber subscriber = RecordingSubscriber.withoutDemand();
        stream.subscribe(subscriber);
        upstream.offer("data: a\n\n");
        stream.close();
        assertEquals(List.of("subscribe", "complete"), subscriber.awaitTerminal());
        assertEquals(1, upstream.cancels());
        subscriber.assertRulesKept();
    }

    @Test
    void aSubscriberToAClosedStreamIsCompleted() throws InterruptedException {
        stream.close();
        RecordingSubscriber subscriber = RecordingSubscriber.withoutDemand();
        stream.subscribe(subscriber);
        assertEquals(List.of("subscribe", "complete"), subscriber.awaitTerminal());
    }

    @Test
    void aLimitCrossedMidBufferReachesTheSubscriberAfterTheEventsBeforeIt() throws InterruptedException {
        HttpResponse.BodySubscriber<EventStream> limited = Pipes.of(TestResponseInfo.eventStream(), SseOptions.defaults().withLimits(SseLimits.defaults().withMaxEventSize(8)));
        ScriptedUpstream limitedUpstream = ScriptedUpstream.subscribe(limited);
        RecordingSubscriber subscriber = RecordingSubscriber.unbounded();
        Pipes.stream(limited).subscribe(subscriber);
        limitedUpstream.offer("data: a\n\ndata: b\n\ndata: 123456789\n\ndata: c\n\n");
        Throwable error = subscriber.awaitError();
        assertInstanceOf(ProtocolException.class, error);
        assertTrue(error.getMessage().contains("maxEventSize of 8"), error.getMessage());
        assertEquals(List.of("subscribe", event("a"), event("b"), error), subscriber.signals());
        assertEquals(1, limitedUpstream.cancels());
        subscriber.assertRulesKept();
        limitedUpstream.assertOneRequestAtATime();
    }

    @Test
    void lastEventIdFollowsDeliveryNotParsing() {
        RecordingSubscriber subscriber = RecordingSubscriber.withoutDemand();
        List<String> idsSeenInOnNext = new ArrayList<>();
        subscriber.onEachNext(event -> idsSeenInOnNext.add(stream.lastEventId()));
        stream.subscribe(subscriber);
        upstream.offer("id: 1\ndata: a\n\nid: 2\ndata: b\n\nid: 9\n\n");
        assertEquals("", stream.lastEventId());
        subscriber.request(1);
        assertEquals("1", stream.lastEventId());
        subscriber.request(1);
        assertEquals(List.of("1", "2"), idsSeenInOnNext);
        assertEquals("9", stream.lastEventId(), "the id-only block after b is reached once b is delivered");
    }

    /**
     * However close() and the delivery of events and the end interleave, the subscriber gets
     * exactly one terminal signal, last, and no signals at once.
     */
    @Test
    void exactlyOneTerminalSignalWhenCloseRacesDelivery() throws Exception {
        for (int round = 0; round < 200; round++) {
            HttpResponse.BodySubscriber<EventStream> racing = Pipes.of(TestResponseInfo.eventStream(), SseOptions.defaults());
            ScriptedUpstream racingUpstream = ScriptedUpstream.subscribe(racing);
            RecordingSubscriber subscriber = RecordingSubscriber.unbounded();
            Pipes.stream(racing).subscribe(subscriber);
            CountDownLatch start = new CountDownLatch(1);
            boolean fail = round % 2 == 1;
            Background<Void> publisher = Background.start("publisher", () -> {
                start.await();
                for (int i = 0; i < 5 && racingUpstream.offerIfRequested("data: a\n\ndata: b\n\n"); i++) {
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

            List<Object> signals = subscriber.awaitTerminal();
            Object last = signals.get(signals.size() - 1);
            assertTrue(last.equals("complete") || last instanceof IOException, "round " + round + ": " + signals);
            subscriber.assertRulesKept();
            racingUpstream.assertOneRequestAtATime();
            assertTrue(racingUpstream.cancels() <= 1, "round " + round + ": cancelled " + racingUpstream.cancels());
        }
    }

    private static void awaitUninterruptibly(CountDownLatch latch) {
        try {
            assertTrue(latch.await(ScriptedUpstream.BOUND.toMillis(), TimeUnit.MILLISECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
