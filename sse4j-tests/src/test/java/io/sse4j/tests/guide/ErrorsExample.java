package io.sse4j.tests.guide;

import io.sse4j.BrokenStreamException;
import io.sse4j.EventStream;
import io.sse4j.ServerSentEvent;
import io.sse4j.SseResponseException;
import java.io.UncheckedIOException;

/**
 * The example {@code errors} of docs/guide.md. Its imports are this file's: the guide shows them, and the
 * compiler holds them to be what the example needs.
 */
public final class ErrorsExample extends GuideExample {

    public void errors(java.net.http.HttpClient client, java.net.http.HttpRequest request)
            throws java.io.IOException, InterruptedException {
        // errors:begin
        try (EventStream events = EventStream.connect(client, request)) {
            for (ServerSentEvent event : events) {
                handle(event);
            }
        } catch (SseResponseException e) { // refused: not an event stream
            System_err.println(e.statusCode() + " " + e.contentType().orElse("") + ": " + e.body());
        } catch (UncheckedIOException e) { // failed mid-stream, thrown by the for loop
            if (e.getCause() instanceof BrokenStreamException broken) {
                resumeFrom(broken.lastEventId());
            } else {
                throw e.getCause(); // e.g. a ProtocolException: a limit was crossed
            }
        }
        // errors:end
    }
}
