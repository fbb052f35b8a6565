package io.sse4j.bench.scale;

import io.sse4j.bench.ScaleHarness;
import java.io.EOFException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * No SSE library: the JDK's {@link HttpClient}, configured as in the sse4j harnesses, holding the
 * same idle streams with a body subscriber that keeps requesting and drops every byte. What sse4j
 * adds per stream is its figure minus this one. Open means the {@code sendAsync} future completed.
 */
public final class JdkBaselineScaleHarness implements ScaleHarness {

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Override
    public AutoCloseable open(URI uri, Callbacks callbacks) {
        Discarding body = new Discarding(callbacks);
        client.sendAsync(HttpRequest.newBuilder(uri).build(), info -> body).whenComplete((response, error) -> {
            if (error != null) {
                body.onError(error);
            } else {
                callbacks.opened();
            }
        });
        return body::cancel;
    }

    /** Requests one buffer list at a time, as sse4j does, and drops it. */
    private static final class Discarding implements HttpResponse.BodySubscriber<Void> {
        private final Callbacks callbacks;
        private Flow.Subscription subscription;
        private boolean cancelled;

        Discarding(Callbacks callbacks) {
            this.callbacks = callbacks;
        }

        @Override
        public CompletionStage<Void> getBody() {
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            boolean cancelNow;
            synchronized (this) {
                subscription = s;
                cancelNow = cancelled;
            }
            if (cancelNow) {
                s.cancel();
            } else {
                s.request(1);
            }
        }

        @Override
        public void onNext(List<ByteBuffer> buffers) {
            subscription.request(1);
        }

        @Override
        public void onError(Throwable error) {
            if (!isCancelled()) {
                callbacks.failed(error);
            }
        }

        @Override
        public void onComplete() {
            if (!isCancelled()) {
                callbacks.failed(new EOFException("the server ended the stream"));
            }
        }

        private synchronized boolean isCancelled() {
            return cancelled;
        }

        void cancel() {
            Flow.Subscription s;
            synchronized (this) {
                cancelled = true;
                s = subscription;
            }
            if (s != null) {
                s.cancel();
            }
        }
    }

    @Override
    public void close() {
        // Java 17's HttpClient has no close(); its threads end once it is unreachable.
    }
}
