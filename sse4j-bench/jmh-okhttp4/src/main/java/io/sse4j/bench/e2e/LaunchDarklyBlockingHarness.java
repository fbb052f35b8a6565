package io.sse4j.bench.e2e;

import com.launchdarkly.eventsource.EventSource;
import com.launchdarkly.eventsource.MessageEvent;
import com.launchdarkly.eventsource.StreamClosedByServerException;
import io.sse4j.bench.EventSink;
import io.sse4j.bench.StreamHarness;
import io.sse4j.bench.Timeouts;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import okhttp3.OkHttpClient;

/**
 * LaunchDarkly okhttp-eventsource 4, blocking: {@code EventSource.start()}, then
 * {@code readMessage()} on the caller's thread until the library reports the end of the stream
 * ({@link StreamClosedByServerException}).
 */
final class LaunchDarklyBlockingHarness implements StreamHarness {

    private final OkHttpClient client = LaunchDarklyClients.newClient();

    @Override
    public int stream(URI uri, EventSink sink, Duration timeout) throws Exception {
        int events = 0;
        try (EventSource source = LaunchDarklyClients.builder(client, uri).build();
             Timeouts.Timer timer = Timeouts.after(timeout, source::close)) {
            try {
                source.start();
                while (true) {
                    MessageEvent event;
                    try {
                        event = source.readMessage();
                    } catch (StreamClosedByServerException endOfStream) {
                        return events;
                    }
                    events++;
                    sink.event(event.getEventName(), event.getData(), event.getLastEventId());
                }
            } catch (Exception e) {
                if (timer.fired()) {
                    throw new TimeoutException("stream not finished after " + timeout + ": " + uri);
                }
                throw e;
            }
        }
    }

    @Override
    public void close() {
        LaunchDarklyClients.shutdown(client);
    }
}
