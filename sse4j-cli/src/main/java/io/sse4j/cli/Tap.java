package io.sse4j.cli;

import java.io.IOException;
import java.net.Authenticator;
import java.net.CookieHandler;
import java.net.ProxySelector;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.Flow;
import java.util.function.Function;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

/**
 * An {@link HttpClient} that sends through another and lets a {@link Body} see the bytes of the
 * responses it picks, as they arrive and before the caller's body handler does.
 *
 * <p>This is how the command sees what an {@code EventSource} receives without reaching into it:
 * the source sends every connection attempt through this client, and each response body passes
 * the tap on its way to the source's own subscriber, unchanged, in the same call. A body stops
 * seeing bytes when the response completes or fails, or when its subscriber cancels (the source
 * closing or abandoning the connection), and is told once with {@link Body#ended()}.
 */
final class Tap extends HttpClient {

    /** What sees one response's body. Called on the HTTP client's threads, one call at a time. */
    interface Body {
        /** Bytes of the body, as they arrived (after chunked framing, before any Content-Encoding is undone). */
        void received(ByteBuffer bytes);

        /** The body ended, failed, or its reader stopped reading. */
        void ended();
    }

    private final HttpClient client;
    private final Function<HttpResponse.ResponseInfo, Optional<Body>> bodies;

    /**
     * @param client the client that sends
     * @param bodies called with each response's status and headers, before its body: the tap for
     *               that body, or empty to leave it alone
     */
    Tap(HttpClient client, Function<HttpResponse.ResponseInfo, Optional<Body>> bodies) {
        this.client = client;
        this.bodies = bodies;
    }

    @Override
    public <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler)
            throws IOException, InterruptedException {
        return client.send(request, tapped(handler));
    }

    @Override
    public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
        return client.sendAsync(request, tapped(handler));
    }

    @Override
    public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request, HttpResponse.BodyHandler<T> handler,
            HttpResponse.PushPromiseHandler<T> pushPromiseHandler) {
        return client.sendAsync(request, tapped(handler), pushPromiseHandler);
    }

    private <T> HttpResponse.BodyHandler<T> tapped(HttpResponse.BodyHandler<T> handler) {
        return info -> {
            Optional<Body> body = bodies.apply(info);
            HttpResponse.BodySubscriber<T> subscriber = handler.apply(info);
            return body.isEmpty() ? subscriber : new Tee<>(subscriber, body.get());
        };
    }

    /** Passes every signal on to the subscriber, showing the body the bytes first. */
    private static final class Tee<T> implements HttpResponse.BodySubscriber<T> {
        private final HttpResponse.BodySubscriber<T> subscriber;
        private final Body body;
        /** Set once the body has been told of the end; read and written on the client's threads. */
        private volatile boolean ended;

        Tee(HttpResponse.BodySubscriber<T> subscriber, Body body) {
            this.subscriber = subscriber;
            this.body = body;
        }

        @Override
        public CompletionStage<T> getBody() {
            return subscriber.getBody();
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            subscriber.onSubscribe(new Flow.Subscription() {
                @Override
                public void request(long n) {
                    subscription.request(n);
                }

                @Override
                public void cancel() {
                    end();
                    subscription.cancel();
                }
            });
        }

        @Override
        public void onNext(List<ByteBuffer> buffers) {
            if (!ended) {
                for (ByteBuffer buffer : buffers) {
                    body.received(buffer.asReadOnlyBuffer());
                }
            }
            subscriber.onNext(buffers);
        }

        @Override
        public void onError(Throwable error) {
            end();
            subscriber.onError(error);
        }

        @Override
        public void onComplete() {
            end();
            subscriber.onComplete();
        }

        private void end() {
            if (!ended) {
                ended = true;
                body.ended();
            }
        }
    }

    // ---- the rest is the wrapped client's ----

    @Override
    public Optional<CookieHandler> cookieHandler() {
        return client.cookieHandler();
    }

    @Override
    public Optional<Duration> connectTimeout() {
        return client.connectTimeout();
    }

    @Override
    public Redirect followRedirects() {
        return client.followRedirects();
    }

    @Override
    public Optional<ProxySelector> proxy() {
        return client.proxy();
    }

    @Override
    public SSLContext sslContext() {
        return client.sslContext();
    }

    @Override
    public SSLParameters sslParameters() {
        return client.sslParameters();
    }

    @Override
    public Optional<Authenticator> authenticator() {
        return client.authenticator();
    }

    @Override
    public Version version() {
        return client.version();
    }

    @Override
    public Optional<Executor> executor() {
        return client.executor();
    }
}
