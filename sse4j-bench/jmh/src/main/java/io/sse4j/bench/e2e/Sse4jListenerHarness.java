package io.sse4j.bench.e2e;

import io.sse4j.EventStream;
import io.sse4j.SseOptions;
import io.sse4j.ServerSentEvent;
import io.sse4j.SseListener;
import io.sse4j.bench.EventSink;
import io.sse4j.bench.StreamHarness;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** sse4j with callbacks: {@code EventStream.connectAsync(client, request, listener)}. */
final class Sse4jListenerHarness implements StreamHarness {

    private final HttpClient client;
    /** The client's executor when the harness made a fixed pool for it, else null. */
    private final ExecutorService pool;

    /**
     * A harness.
     *
     * @param directExecutor whether to use {@link Sse4jClients#newDirectClient()} instead of the JDK's default executor
     */
    Sse4jListenerHarness(boolean directExecutor) {
        this.client = directExecutor ? Sse4jClients.newDirectClient() : Sse4jClients.newClient();
        this.pool = null;
    }

    /**
     * A harness on a client whose executor is a fixed pool.
     *
     * @param poolThreads the pool's size
     */
    Sse4jListenerHarness(int poolThreads) {
        this.pool = Sse4jClients.newFixedPool(poolThreads);
        this.client = Sse4jClients.newPooledClient(pool);
    }

    @Override
    public int stream(URI uri, EventSink sink, Duration timeout) throws Exception {
        Listener listener = new Listener(sink);
        CompletableFuture<EventStream> stream = EventStream.connectAsync(client, Sse4jClients.request(uri), SseOptions.defaults(), listener);
        try {
            if (!listener.done.await(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
                throw new TimeoutException("stream not finished after " + timeout + ": " + uri);
            }
        } finally {
            stream.thenAccept(EventStream::close);
        }
        if (listener.error != null) {
            throw new Exception("stream failed after " + listener.events + " events", listener.error);
        }
        return listener.events;
    }

    private static final class Listener implements SseListener {
        private final EventSink sink;
        private final CountDownLatch done = new CountDownLatch(1);
        // Written by the sequential callbacks, read after done.await(): the latch orders them.
        private int events;
        private Throwable error;

        Listener(EventSink sink) {
            this.sink = sink;
        }

        @Override
        public void onEvent(ServerSentEvent event) {
            events++;
            sink.event(event.type(), event.data(), event.lastEventId());
        }

        @Override
        public void onClosed() {
            done.countDown();
        }

        @Override
        public void onError(Throwable throwable) {
            error = throwable;
            done.countDown();
        }
    }

    @Override
    public void close() {
        // Java 17's HttpClient has no close(); its threads end once it is unreachable.
        if (pool != null) {
            pool.shutdown();
        }
    }
}
