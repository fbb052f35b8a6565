package io.sse4j.bench.scale;

import io.sse4j.bench.ScaleHarness;
import io.sse4j.bench.e2e.OkHttpClients;
import java.io.EOFException;
import java.io.IOException;
import java.net.URI;
import okhttp3.Call;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.sse.EventSource;
import okhttp3.sse.EventSourceListener;
import okhttp3.sse.EventSources;

/**
 * okhttp-sse 5: every stream from {@code EventSources.createFactory(client).newEventSource} on one
 * {@link OkHttpClient}. Each open stream holds an OkHttp dispatcher thread, which reads it with
 * blocking I/O; the dispatcher is set to run as many calls as there are streams. Open means
 * {@code onOpen}.
 */
public final class OkHttpSseScaleHarness implements ScaleHarness {

    /** More than the largest scale run, so the dispatcher never queues a stream. */
    private static final int MAX_STREAMS = 20_000;

    private final OkHttpClient client = OkHttpClients.newClient(MAX_STREAMS);
    private final EventSource.Factory factory = EventSources.createFactory((Call.Factory) client);

    @Override
    public AutoCloseable open(URI uri, Callbacks callbacks) {
        Listener listener = new Listener(callbacks);
        EventSource source = factory.newEventSource(new Request.Builder().url(uri.toString()).build(), listener);
        return () -> {
            listener.closing = true;
            source.cancel();
        };
    }

    private static final class Listener extends EventSourceListener {
        private final Callbacks callbacks;
        volatile boolean closing;

        Listener(Callbacks callbacks) {
            this.callbacks = callbacks;
        }

        @Override
        public void onOpen(EventSource eventSource, Response response) {
            callbacks.opened();
        }

        @Override
        public void onClosed(EventSource eventSource) {
            if (!closing) {
                callbacks.failed(new EOFException("the server ended the stream"));
            }
        }

        @Override
        public void onFailure(EventSource eventSource, Throwable t, Response response) {
            if (!closing) {
                callbacks.failed(t != null ? t : new IOException("HTTP " + (response == null ? "?" : response.code())));
            }
        }
    }

    @Override
    public void close() {
        OkHttpClients.shutdown(client);
    }
}
