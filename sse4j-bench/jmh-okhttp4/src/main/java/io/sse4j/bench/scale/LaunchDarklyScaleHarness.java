package io.sse4j.bench.scale;

import com.launchdarkly.eventsource.MessageEvent;
import com.launchdarkly.eventsource.background.BackgroundEventHandler;
import com.launchdarkly.eventsource.background.BackgroundEventSource;
import com.launchdarkly.eventsource.background.ConnectionErrorHandler;
import io.sse4j.bench.ScaleHarness;
import io.sse4j.bench.e2e.LaunchDarklyClients;
import java.io.EOFException;
import java.net.URI;
import okhttp3.OkHttpClient;

/**
 * LaunchDarkly okhttp-eventsource 4, asynchronous: a {@link BackgroundEventSource} per stream, all
 * on one OkHttp 4 client. The library reads each stream with blocking I/O on a thread of the
 * source's own, and calls the handler on a second thread per source (its defaults; the reading
 * thread could come from a shared executor, but each open stream would still occupy one). Open
 * means {@code onOpen}. A failure shuts the source down instead of reconnecting.
 */
public final class LaunchDarklyScaleHarness implements ScaleHarness {

    private final OkHttpClient client = LaunchDarklyClients.newClient();

    @Override
    public AutoCloseable open(URI uri, Callbacks callbacks) {
        Handler handler = new Handler(callbacks);
        BackgroundEventSource source = new BackgroundEventSource.Builder(handler, LaunchDarklyClients.builder(client, uri))
                .connectionErrorHandler(error -> ConnectionErrorHandler.Action.SHUTDOWN)
                .build();
        source.start();
        return () -> {
            handler.closing = true;
            source.close();
        };
    }

    private static final class Handler implements BackgroundEventHandler {
        private final Callbacks callbacks;
        volatile boolean closing;

        Handler(Callbacks callbacks) {
            this.callbacks = callbacks;
        }

        @Override
        public void onOpen() {
            callbacks.opened();
        }

        @Override
        public void onMessage(String event, MessageEvent messageEvent) {
        }

        @Override
        public void onComment(String comment) {
        }

        @Override
        public void onError(Throwable t) {
            if (!closing) {
                callbacks.failed(t);
            }
        }

        @Override
        public void onClosed() {
            if (!closing) {
                callbacks.failed(new EOFException("the stream closed"));
            }
        }
    }

    @Override
    public void close() {
        LaunchDarklyClients.shutdown(client);
    }
}
