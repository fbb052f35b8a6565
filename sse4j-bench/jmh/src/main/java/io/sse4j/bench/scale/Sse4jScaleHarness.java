package io.sse4j.bench.scale;

import io.sse4j.EventStream;
import io.sse4j.SseOptions;
import io.sse4j.ServerSentEvent;
import io.sse4j.SseListener;
import io.sse4j.bench.ScaleHarness;
import java.io.EOFException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;

/**
 * sse4j, asynchronous: every stream is opened with {@code EventStream.connectAsync} on one
 * {@link HttpClient} (HTTP/1.1, so one connection per stream; the JDK's default executor or a fixed
 * pool), and consumed either by an {@link SseListener} or by a {@link Flow.Subscriber} that
 * requests {@code Long.MAX_VALUE}. Open means {@code onOpen} for the listener, the completed future
 * for the subscriber. No thread is held per stream: an idle stream is a registration with the
 * client's one selector thread.
 */
public final class Sse4jScaleHarness implements ScaleHarness {

    private final HttpClient client;
    private final ExecutorService executor;
    private final boolean flow;

    /**
     * A harness.
     *
     * @param flow            true to consume with a {@code Flow.Subscriber}, false with an {@code SseListener}
     * @param executorThreads 0 for the JDK's default executor (a cached pool that grows with the
     *                        work in flight and shrinks after 60 s idle), or the size of a fixed pool
     */
    public Sse4jScaleHarness(boolean flow, int executorThreads) {
        this.flow = flow;
        HttpClient.Builder builder = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1);
        if (executorThreads > 0) {
            executor = Executors.newFixedThreadPool(executorThreads, task -> {
                Thread thread = new Thread(task, "sse4j-scale-client");
                thread.setDaemon(true);
                return thread;
            });
            builder.executor(executor);
        } else {
            executor = null;
        }
        client = builder.build();
    }

    @Override
    public AutoCloseable open(URI uri, Callbacks callbacks) {
        HttpRequest request = HttpRequest.newBuilder(uri).build();
        Consumer consumer = new Consumer(callbacks);
        CompletableFuture<EventStream> stream;
        if (flow) {
            stream = EventStream.connectAsync(client, request);
            stream.whenComplete((opened, error) -> {
                if (opened == null) {
                    consumer.onError(error);
                } else {
                    callbacks.opened();
                    opened.subscribe(consumer);
                }
            });
        } else {
            stream = EventStream.connectAsync(client, request, SseOptions.defaults(), consumer);
        }
        return () -> {
            consumer.closing = true;
            stream.thenAccept(EventStream::close);
        };
    }

    /** Either kind of consumer; both only watch for the stream's end. */
    private static final class Consumer implements SseListener, Flow.Subscriber<ServerSentEvent> {
        private final Callbacks callbacks;
        volatile boolean closing;

        Consumer(Callbacks callbacks) {
            this.callbacks = callbacks;
        }

        @Override
        public void onOpen(EventStream stream) {
            callbacks.opened();
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            subscription.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(ServerSentEvent event) {
        }

        @Override
        public void onEvent(ServerSentEvent event) {
        }

        @Override
        public void onError(Throwable error) {
            if (!closing) {
                callbacks.failed(error);
            }
        }

        @Override
        public void onComplete() {
            onClosed();
        }

        @Override
        public void onClosed() {
            if (!closing) {
                callbacks.failed(new EOFException("the server ended the stream"));
            }
        }
    }

    @Override
    public void close() {
        // Java 17's HttpClient has no close(); its threads end once it is unreachable.
        if (executor != null) {
            executor.shutdown();
        }
    }
}
