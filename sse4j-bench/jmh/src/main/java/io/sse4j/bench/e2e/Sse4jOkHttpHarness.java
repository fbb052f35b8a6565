package io.sse4j.bench.e2e;

import io.sse4j.EventStream;
import io.sse4j.ServerSentEvent;
import io.sse4j.SseListener;
import io.sse4j.SseOptions;
import io.sse4j.bench.EventSink;
import io.sse4j.bench.StreamHarness;
import io.sse4j.bench.Timeouts;
import io.sse4j.okhttp.OkHttpSse;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import okhttp3.OkHttpClient;
import okhttp3.Request;

/**
 * sse4j-okhttp: sse4j's {@link EventStream} over the same OkHttp 5 client as the okhttp-sse
 * harness ({@link OkHttpClients#newClient}), read blocking (a for-each loop on the caller's
 * thread), as a {@code Flow.Publisher} ({@code request(Long.MAX_VALUE)}) or with an
 * {@link SseListener}.
 */
final class Sse4jOkHttpHarness implements StreamHarness {

    /** How the stream is consumed. */
    enum Style { BLOCKING, FLOW, LISTENER }

    private final OkHttpClient client = OkHttpClients.newClient(64);
    private final Style style;

    Sse4jOkHttpHarness(Style style) {
        this.style = style;
    }

    @Override
    public int stream(URI uri, EventSink sink, Duration timeout) throws Exception {
        Request request = new Request.Builder().url(uri.toString()).build();
        return switch (style) {
            case BLOCKING -> blocking(request, sink, timeout);
            case FLOW -> flow(request, sink, timeout);
            case LISTENER -> listener(request, sink, timeout);
        };
    }

    private int blocking(Request request, EventSink sink, Duration timeout) throws Exception {
        int events = 0;
        try (EventStream stream = OkHttpSse.connect(client, request);
             Timeouts.Timer timer = Timeouts.after(timeout, stream::close)) {
            for (ServerSentEvent event : stream) {
                events++;
                sink.event(event.type(), event.data(), event.lastEventId());
            }
            if (timer.fired()) {
                throw new TimeoutException("stream not finished after " + timeout + ": " + request.url());
            }
        }
        return events;
    }

    private int flow(Request request, EventSink sink, Duration timeout) throws Exception {
        Counter counter = new Counter(sink);
        try (EventStream stream = OkHttpSse.connect(client, request)) {
            stream.subscribe(new Flow.Subscriber<>() {
                @Override
                public void onSubscribe(Flow.Subscription s) {
                    s.request(Long.MAX_VALUE);
                }

                @Override
                public void onNext(ServerSentEvent event) {
                    counter.event(event);
                }

                @Override
                public void onError(Throwable error) {
                    counter.end(error);
                }

                @Override
                public void onComplete() {
                    counter.end(null);
                }
            });
            return counter.await(timeout, request);
        }
    }

    private int listener(Request request, EventSink sink, Duration timeout) throws Exception {
        Counter counter = new Counter(sink);
        CompletableFuture<EventStream> stream = OkHttpSse.connectAsync(client, request, SseOptions.defaults(),
                new SseListener() {
                    @Override
                    public void onEvent(ServerSentEvent event) {
                        counter.event(event);
                    }

                    @Override
                    public void onClosed() {
                        counter.end(null);
                    }

                    @Override
                    public void onError(Throwable error) {
                        counter.end(error);
                    }
                });
        try {
            return counter.await(timeout, request);
        } finally {
            stream.thenAccept(EventStream::close);
        }
    }

    /** Counts what sequential callbacks deliver; {@link #await} reads it after the latch. */
    private static final class Counter {
        private final EventSink sink;
        private final CountDownLatch done = new CountDownLatch(1);
        private int events;
        private Throwable error;

        Counter(EventSink sink) {
            this.sink = sink;
        }

        void event(ServerSentEvent event) {
            events++;
            sink.event(event.type(), event.data(), event.lastEventId());
        }

        void end(Throwable failure) {
            error = failure;
            done.countDown();
        }

        int await(Duration timeout, Request request) throws Exception {
            if (!done.await(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
                throw new TimeoutException("stream not finished after " + timeout + ": " + request.url());
            }
            if (error != null) {
                throw new Exception("stream failed after " + events + " events", error);
            }
            return events;
        }
    }

    @Override
    public void close() {
        OkHttpClients.shutdown(client);
    }
}
