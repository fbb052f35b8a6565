package io.sse4j.tests.readme;

import io.sse4j.EventStream;
import io.sse4j.ServerSentEvent;
import io.sse4j.SseResponseException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;

/**
 * The example {@code quickstart} of README.md. Its imports are this file's: the README shows them, and the
 * compiler holds them to be what the example needs.
 */
public final class QuickstartExample {

    public static void quickstart(URI uri, java.io.PrintStream System_out, java.io.PrintStream System_err)
            throws java.io.IOException, InterruptedException {
        // quickstart:begin
        HttpClient client = EventStream.newClientBuilder().build();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:8080/events")).build();
        // quickstart:hide
        request = HttpRequest.newBuilder(uri).build();
        // quickstart:show
        try (EventStream events = EventStream.connect(client, request)) {
            for (ServerSentEvent event : events) {
                System_out.println(event.type() + ": " + event.data());
            }
        } catch (SseResponseException e) {
            System_err.println(e.getMessage());
        }
        // quickstart:end
    }
}
