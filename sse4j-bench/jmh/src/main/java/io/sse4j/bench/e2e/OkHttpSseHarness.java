package io.sse4j.bench.e2e;

import io.sse4j.bench.EventSink;
import io.sse4j.bench.StreamHarness;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import okhttp3.Call;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.sse.EventSource;
import okhttp3.sse.EventSourceListener;
import okhttp3.sse.EventSources;

/**
 * okhttp-sse 5, its public API: {@code EventSources.createFactory(client).newEventSource(request,
 * listener)}, which enqueues the call and reads the body on an OkHttp dispatcher thread, calling
 * the listener there.
 */
final class OkHttpSseHarness implements StreamHarness {

    private final OkHttpClient client = OkHttpClients.newClient(64);
    private final EventSource.Factory factory = EventSources.createFactory((Call.Factory) client);

    @Override
    public int stream(URI uri, EventSink sink, Duration timeout) throws Exception {
        Listener listener = new Listener(sink);
        EventSource source = factory.newEventSource(new Request.Builder().url(uri.toString()).build(), listener);
        try {
            if (!listener.done.await(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
                throw new TimeoutException("stream not finished after " + timeout + ": " + uri);
            }
        } finally {
            source.cancel();
        }
        if (listener.error != null) {
            throw new Exception("stream failed after " + listener.events + " events", listener.error);
        }
        return listener.events;
    }

    private static final class Listener extends EventSourceListener {
        private final EventSink sink;
        private final CountDownLatch done = new CountDownLatch(1);
        // Written on the one thread that reads the stream, read after done.await().
        private int events;
        private Throwable error;

        Listener(EventSink sink) {
            this.sink = sink;
        }

        @Override
        public void onEvent(EventSource eventSource, String id, String type, String data) {
            events++;
            sink.event(type, data, id);
        }

        @Override
        public void onClosed(EventSource eventSource) {
            done.countDown();
        }

        @Override
        public void onFailure(EventSource eventSource, Throwable t, Response response) {
            error = t != null ? t : new IOException("HTTP " + (response == null ? "?" : response.code()));
            done.countDown();
        }
    }

    @Override
    public void close() {
        OkHttpClients.shutdown(client);
    }
}
