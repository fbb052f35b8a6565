package io.sse4j.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sse4j.EventStream;
import io.sse4j.ServerSentEvent;
import io.sse4j.SseListener;
import io.sse4j.SseOptions;
import io.sse4j.testkit.MockResponse;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

/** Closing, cancelling, demand and the listener contract, over a real loopback connection. */
class LifecycleEndToEndTest extends LoopbackTest {

    private static MockResponse oneEventThenSilence() {
        return MockResponse.newBuilder().event(ServerSentEvent.of("first")).stall().build();
    }

    @Test
    void closeFromAnotherThreadUnblocksAReadAndTheServerSeesTheConnectionClosed() throws Exception {
        server.enqueue(oneEventThenSilence());
        EventStream stream = EventStream.connect(client, get("/quiet"));
        assertEquals("first", stream.read().orElseThrow().data());
        CompletableFuture<Optional<ServerSentEvent>> blocked = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try {
                blocked.complete(stream.read());
            } catch (IOException | RuntimeException e) {
                blocked.completeExceptionally(e);
            }
        });
        reader.start();
        // Wait (bounded) until the reader is parked inside read(), waiting for bytes.
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (reader.getState() != Thread.State.WAITING && System.nanoTime() < deadline) {
            LockSupport.parkNanos(Duration.ofMillis(1).toNanos());
        }
        assertEquals(Thread.State.WAITING, reader.getState());
        assertFalse(blocked.isDone());
        stream.close();
        // "Promptly", as the issue asks: the blocked read returns well within a second of close().
        assertEquals(Optional.empty(), blocked.get(1, TimeUnit.SECONDS));
        server.awaitClientDisconnects(1, TIMEOUT);
        server.awaitOpenConnections(0, TIMEOUT);
    }

    @Test
    void interruptingABlockedReadThrowsInterruptedIOExceptionAndKeepsTheFlag() throws Exception {
        server.enqueue(oneEventThenSilence());
        try (EventStream stream = EventStream.connect(client, get("/quiet"))) {
            assertEquals("first", stream.read().orElseThrow().data());
            CompletableFuture<Throwable> outcome = new CompletableFuture<>();
            CountDownLatch reading = new CountDownLatch(1);
            Thread reader = new Thread(() -> {
                reading.countDown();
                try {
                    stream.read();
                    outcome.complete(null);
                } catch (IOException e) {
                    outcome.complete(Thread.currentThread().isInterrupted() ? e : new AssertionError("flag lost", e));
                }
            });
            reader.start();
            assertTrue(reading.await(TIMEOUT.toSeconds(), TimeUnit.SECONDS));
            reader.interrupt();
            assertInstanceOf(InterruptedIOException.class, outcome.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS));
        }
    }

    @Test
    void closingEarlyReleasesTheConnectionEvenWithUnreadEvents() throws Exception {
        MockResponse.Builder many = MockResponse.newBuilder();
        for (int i = 0; i < 2000; i++) {
            many.event(ServerSentEvent.of("event " + i));
        }
        server.enqueue(many.stall().build());
        try (EventStream stream = EventStream.connect(client, get("/many"))) {
            assertEquals("event 0", stream.read().orElseThrow().data());
        }
        server.awaitClientDisconnects(1, TIMEOUT);
        server.awaitOpenConnections(0, TIMEOUT);
    }

    @Test
    void aSubscriberRequestingOneAtATimeGetsEveryEventInOrder() throws Exception {
        MockResponse.Builder many = MockResponse.newBuilder().chunkSize(4096);
        List<ServerSentEvent> expected = new ArrayList<>();
        for (int i = 0; i < 5000; i++) {
            ServerSentEvent event = ServerSentEvent.of("tick", "n=" + i, String.valueOf(i));
            expected.add(event);
            many.event(event);
        }
        server.enqueue(many.build());
        assertEquals(expected, Consume.FLOW_ONE_AT_A_TIME.all(client, get("/ticks")));
    }

    @Test
    void aSubscriberThatStopsRequestingGetsExactlyWhatItAskedForAndHoldsTheServerBack() throws Exception {
        // Far more than the stream buffers: if demand were not honoured, either extra onNext calls
        // would arrive or every byte would be read into memory.
        MockResponse.Builder many = MockResponse.newBuilder();
        String payload = "p".repeat(1000);
        for (int i = 0; i < 20_000; i++) {
            many.event(ServerSentEvent.of(payload));
        }
        CountDownLatch allWritten = new CountDownLatch(1);
        server.enqueue(many.signal(allWritten).build());
        BlockingQueue<Object> signals = new LinkedBlockingQueue<>();
        CompletableFuture<Flow.Subscription> subscription = new CompletableFuture<>();
        EventStream stream = EventStream.connect(client, get("/flood"));
        stream.subscribe(new Flow.Subscriber<>() {
            @Override
            public void onSubscribe(Flow.Subscription s) {
                subscription.complete(s);
                s.request(3);
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
        for (int i = 0; i < 3; i++) {
            assertInstanceOf(ServerSentEvent.class, signals.poll(TIMEOUT.toSeconds(), TimeUnit.SECONDS));
        }
        // 20 MB cannot fit in the socket buffers plus the stream's bounded queue, so the server
        // is still writing: backpressure reached the socket.
        assertFalse(allWritten.await(200, TimeUnit.MILLISECONDS), "server wrote everything: no backpressure");
        assertTrue(signals.isEmpty(), "onNext beyond demand: " + signals.peek());
        subscription.get().request(2);
        for (int i = 0; i < 2; i++) {
            assertInstanceOf(ServerSentEvent.class, signals.poll(TIMEOUT.toSeconds(), TimeUnit.SECONDS));
        }
        subscription.get().cancel();
        server.awaitClientDisconnects(1, TIMEOUT);
        server.awaitOpenConnections(0, TIMEOUT);
        assertTrue(signals.isEmpty(), "signal after cancel: " + signals.peek());
    }

    @Test
    void cancellingMidStreamClosesTheConnection() throws Exception {
        server.enqueue(oneEventThenSilence());
        CompletableFuture<ServerSentEvent> first = new CompletableFuture<>();
        EventStream.connect(client, get("/cancel")).subscribe(new Flow.Subscriber<>() {
            private Flow.Subscription subscription;

            @Override
            public void onSubscribe(Flow.Subscription s) {
                subscription = s;
                s.request(Long.MAX_VALUE);
            }

            @Override
            public void onNext(ServerSentEvent item) {
                first.complete(item);
                subscription.cancel();
            }

            @Override
            public void onError(Throwable throwable) {
                first.completeExceptionally(throwable);
            }

            @Override
            public void onComplete() {
                first.completeExceptionally(new AssertionError("completed after cancel"));
            }
        });
        assertEquals("first", first.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS).data());
        server.awaitClientDisconnects(1, TIMEOUT);
    }

    @Test
    void aSubscriberWhoseOnNextThrowsIsTreatedAsCancelled() throws Exception {
        server.enqueue(oneEventThenSilence());
        CountDownLatch called = new CountDownLatch(1);
        EventStream.connect(client, get("/throwing")).subscribe(new Flow.Subscriber<>() {
            @Override
            public void onSubscribe(Flow.Subscription s) {
                s.request(Long.MAX_VALUE);
            }

            @Override
            public void onNext(ServerSentEvent item) {
                called.countDown();
                throw new IllegalStateException("subscriber bug");
            }

            @Override
            public void onError(Throwable throwable) {
            }

            @Override
            public void onComplete() {
            }
        });
        assertTrue(called.await(TIMEOUT.toSeconds(), TimeUnit.SECONDS));
        // Reactive Streams rule 2.13: the publisher may consider the subscription cancelled.
        server.awaitClientDisconnects(1, TIMEOUT);
    }

    @Test
    void requestingZeroIsAnErrorPerReactiveStreamsRule3Point9() throws Exception {
        server.enqueue(oneEventThenSilence());
        ExpectError subscriber = new ExpectError(0);
        EventStream.connect(client, get("/zero")).subscribe(subscriber);
        CompletableFuture<Throwable> error = subscriber.error;
        assertInstanceOf(IllegalArgumentException.class, error.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS));
        server.awaitClientDisconnects(1, TIMEOUT);
    }

    @Test
    void aStreamHasOneConsumer() throws Exception {
        server.enqueue(oneEventThenSilence());
        try (EventStream stream = EventStream.connect(client, get("/one"))) {
            assertEquals("first", stream.read().orElseThrow().data());
            assertThrows(IllegalStateException.class, () -> stream.listen(event -> { }));
            ExpectError second = new ExpectError(1);
            stream.subscribe(second);
            CompletableFuture<Throwable> error = second.error;
            assertInstanceOf(IllegalStateException.class, error.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS));
        }
    }

    @Test
    void theListenerSeesOpenThenEventsAndCommentsInOrderThenOneTerminalCall() throws Exception {
        server.enqueue(MockResponse.newBuilder()
                .comment("hello")
                .event(ServerSentEvent.of("a"))
                .comment("keep-alive")
                .event(ServerSentEvent.of("b"))
                .build());
        Consume.ListenerRecorder listener = new Consume.ListenerRecorder();
        EventStream.connectAsync(client, get("/listen"), SseOptions.defaults(), listener);
        assertEquals(List.of(ServerSentEvent.of("a"), ServerSentEvent.of("b")), listener.await());
        assertEquals(List.of("open", "comment:hello", "event", "comment:keep-alive", "event", "closed"), listener.calls);
    }

    @Test
    void aListenerThatThrowsGetsItsExceptionInOnErrorAndTheConnectionIsClosed() throws Exception {
        server.enqueue(oneEventThenSilence());
        RuntimeException boom = new IllegalStateException("boom");
        CompletableFuture<Throwable> error = new CompletableFuture<>();
        List<String> calls = new ArrayList<>();
        EventStream.connectAsync(client, get("/throw"), SseOptions.defaults(), new SseListener() {
            @Override
            public void onEvent(ServerSentEvent event) {
                calls.add("event");
                throw boom;
            }

            @Override
            public void onClosed() {
                calls.add("closed");
            }

            @Override
            public void onError(Throwable e) {
                calls.add("error");
                error.complete(e);
            }
        });
        assertSame(boom, error.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS));
        server.awaitClientDisconnects(1, TIMEOUT);
        assertEquals(List.of("event", "error"), calls);
    }

    @Test
    void closingTheStreamGivesTheListenerOnClosed() throws Exception {
        server.enqueue(oneEventThenSilence());
        CompletableFuture<EventStream> opened = new CompletableFuture<>();
        CountDownLatch firstEvent = new CountDownLatch(1);
        Consume.ListenerRecorder recorder = new Consume.ListenerRecorder();
        EventStream.connectAsync(client, get("/close"), SseOptions.defaults(), new SseListener() {
            @Override
            public void onOpen(EventStream stream) {
                recorder.onOpen(stream);
                opened.complete(stream);
            }

            @Override
            public void onEvent(ServerSentEvent event) {
                recorder.onEvent(event);
                firstEvent.countDown();
            }

            @Override
            public void onClosed() {
                recorder.onClosed();
            }

            @Override
            public void onError(Throwable error) {
                recorder.onError(error);
            }
        });
        EventStream stream = opened.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        assertTrue(firstEvent.await(TIMEOUT.toSeconds(), TimeUnit.SECONDS));
        stream.close();
        assertEquals(List.of(ServerSentEvent.of("first")), recorder.await());
        server.awaitClientDisconnects(1, TIMEOUT);
    }

    /** A subscriber that expects nothing but an error: any event or completion fails its future. */
    private static final class ExpectError implements Flow.Subscriber<ServerSentEvent> {
        final CompletableFuture<Throwable> error = new CompletableFuture<>();
        private final long request;

        ExpectError(long request) {
            this.request = request;
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            s.request(request);
        }

        @Override
        public void onNext(ServerSentEvent item) {
            error.completeExceptionally(new AssertionError("unexpected event " + item));
        }

        @Override
        public void onError(Throwable throwable) {
            error.complete(throwable);
        }

        @Override
        public void onComplete() {
            error.completeExceptionally(new AssertionError("completed instead of failing"));
        }
    }
}
