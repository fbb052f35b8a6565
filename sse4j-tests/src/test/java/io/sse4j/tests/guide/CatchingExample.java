package io.sse4j.tests.guide;

import io.sse4j.EventSource;
import io.sse4j.ServerSentEvent;
import io.sse4j.SseResponseException;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The example {@code catching} of docs/guide.md. Its imports are this file's: the guide shows them, and the
 * compiler holds them to be what the example needs.
 */
public final class CatchingExample extends GuideExample {

    public void catching(java.net.http.HttpClient client, java.net.http.HttpRequest request)
            throws InterruptedException {
        // catching:begin
        try (EventSource source = EventSource.newBuilder(client, request).connect()) {
            for (ServerSentEvent event : source) {
                handle(event);
            }
        } catch (SseResponseException e) {        // the first connection was refused (401, 404, not SSE)
            System_err.println(e.getMessage());
        } catch (IOException e) {                 // the first connection could not be made
            System_err.println(e.getMessage());
        } catch (UncheckedIOException e) {        // a later failure, once retrying gave up or could not help
            System_err.println(e.getCause().getMessage());
        }
        // catching:end
    }
}
