package io.sse4j.bench.e2e;

import com.launchdarkly.eventsource.MessageEvent;
import com.launchdarkly.eventsource.StreamClosedByServerException;
import com.launchdarkly.eventsource.background.BackgroundEventHandler;
import com.launchdarkly.eventsource.background.BackgroundEventSource;
import com.launchdarkly.eventsource.background.ConnectionErrorHandler;
import io.sse4j.bench.EventSink;
import io.sse4j.bench.StreamHarness;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import okhttp3.OkHttpClient;

/**
 * LaunchDarkly okhttp-eventsource 4 with callbacks: a {@link BackgroundEventSource}, which reads the
 * stream on a thread of its own and calls the handler on another, both made per source (the
 * library's default). On the end of the stream it shuts down instead of reconnecting.
 */
final class LaunchDarklyBackgroundHarness implements StreamHarness {

    private final OkHttpClient client = LaunchDarklyClients.newClient();

    @Override
    public int stream(URI uri, EventSink sink, Duration timeout) throws Exception {
        Handler handler = new Handler(sink);
        try (BackgroundEventSource source = new BackgroundEventSource.Builder(handler, LaunchDarklyClients.builder(client, uri))
                .connectionErrorHandler(error -> ConnectionErrorHandler.Action.SHUTDOWN)
                .build()) {
            source.start();
            if (!handler.done.await(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
                throw new TimeoutException("stream not finished after " + timeout + ": " + uri);
            }
        }
        if (handler.error != null) {
            throw new Exception("stream failed after " + handler.events + " events", handler.error);
        }
        return handler.events;
    }

    private static final class Handler implements BackgroundEventHandler {
        private final EventSink sink;
        private final CountDownLatch done = new CountDownLatch(1);
        // Written on the source's one event thread, read after done.await().
        private int events;
        private Throwable error;

        Handler(EventSink sink) {
            this.sink = sink;
        }

        @Override
        public void onOpen() {
        }

        @Override
        public void onMessage(String event, MessageEvent messageEvent) {
            events++;
            sink.event(messageEvent.getEventName(), messageEvent.getData(), messageEvent.getLastEventId());
        }

        @Override
        public void onComment(String comment) {
        }

        @Override
        public void onError(Throwable t) {
            // The end of the stream arrives as an error, followed by onClosed.
            if (!(t instanceof StreamClosedByServerException) && error == null) {
                error = t;
            }
        }

        @Override
        public void onClosed() {
            done.countDown();
        }
    }

    @Override
    public void close() {
        LaunchDarklyClients.shutdown(client);
    }
}
