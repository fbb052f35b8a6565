package io.sse4j.tests.guide;

import io.sse4j.EventSource;
import io.sse4j.ServerSentEvent;
import java.nio.file.Files;

/**
 * The example {@code persistLastEventId} of docs/guide.md. Its imports are this file's: the guide shows them, and the
 * compiler holds them to be what the example needs.
 */
public final class PersistLastEventIdExample extends GuideExample {

    public void persistLastEventId(java.net.http.HttpClient client, java.net.http.HttpRequest request,
            java.nio.file.Path saved) throws java.io.IOException {
        // persistLastEventId:begin
        String lastEventId = Files.exists(saved) ? Files.readString(saved) : "";
        try (EventSource source = EventSource.newBuilder(client, request).lastEventId(lastEventId).build()) {
            for (ServerSentEvent event : source) {
                handle(event);
                Files.writeString(saved, event.lastEventId()); // after handling: a crash repeats an event, never skips one
            }
        }
        // persistLastEventId:end
    }
}
