package io.sse4j.tests.readme;

import io.sse4j.EventSource;
import io.sse4j.ServerSentEvent;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The example {@code reconnecting} of README.md. Its imports are this file's: the README shows them, and the
 * compiler holds them to be what the example needs.
 */
public final class ReconnectingExample {

    public static void reconnecting(java.net.http.HttpClient client, java.net.http.HttpRequest request,
            java.io.PrintStream System_out, java.io.PrintStream System_err)
            throws InterruptedException {
        // reconnecting:begin
        try (EventSource source = EventSource.newBuilder(client, request).connect()) {
            for (ServerSentEvent event : source) { // resumes after the last event, until the server answers 204
                System_out.println(event.lastEventId() + ": " + event.data());
            }
        } catch (IOException e) {                 // the first connection: refused, or no server there
            System_err.println(e.getMessage());
        } catch (UncheckedIOException e) {        // a later one, once the retry policy gave up
            System_err.println(e.getCause().getMessage());
        }
        // reconnecting:end
    }
}
