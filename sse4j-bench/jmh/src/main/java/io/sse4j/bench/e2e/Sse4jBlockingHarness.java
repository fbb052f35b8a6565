package io.sse4j.bench.e2e;

import io.sse4j.EventStream;
import io.sse4j.ServerSentEvent;
import io.sse4j.bench.EventSink;
import io.sse4j.bench.StreamHarness;
import io.sse4j.bench.Timeouts;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.concurrent.TimeoutException;

/** sse4j, blocking: {@code EventStream.connect}, then a for-each loop over the stream on the caller's thread. */
final class Sse4jBlockingHarness implements StreamHarness {

    private final HttpClient client;

    /**
     * A harness.
     *
     * @param directExecutor whether to use {@link Sse4jClients#newDirectClient()} instead of the JDK's default executor
     */
    Sse4jBlockingHarness(boolean directExecutor) {
        this.client = directExecutor ? Sse4jClients.newDirectClient() : Sse4jClients.newClient();
    }

    @Override
    public int stream(URI uri, EventSink sink, Duration timeout) throws Exception {
        int events = 0;
        try (EventStream stream = EventStream.connect(client, Sse4jClients.request(uri));
             Timeouts.Timer timer = Timeouts.after(timeout, stream::close)) {
            for (ServerSentEvent event : stream) {
                events++;
                sink.event(event.type(), event.data(), event.lastEventId());
            }
            if (timer.fired()) {
                throw new TimeoutException("stream not finished after " + timeout + ": " + uri);
            }
        }
        return events;
    }

    @Override
    public void close() {
        // Java 17's HttpClient has no close(); its threads end once it is unreachable.
    }
}
