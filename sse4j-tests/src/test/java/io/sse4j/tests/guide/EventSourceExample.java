package io.sse4j.tests.guide;

import io.sse4j.EventSource;
import io.sse4j.ServerSentEvent;

/**
 * The example {@code eventSource} of docs/guide.md. Its imports are this file's: the guide shows them, and the
 * compiler holds them to be what the example needs.
 */
public final class EventSourceExample extends GuideExample {

    public void eventSource(java.net.http.HttpClient client, java.net.http.HttpRequest request) {
        // eventSource:begin
        try (EventSource source = EventSource.newBuilder(client, request).build()) {
            for (ServerSentEvent event : source) { // every connection's events, each once, in order
                handle(event);
            }
        } // the loop ends when the server answers 204 No Content; it throws if the source fails for good
        // eventSource:end
    }
}
