package io.sse4j.tests.guide;

import io.sse4j.EventStream;
import io.sse4j.ServerSentEvent;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;

/**
 * The example {@code post} of docs/guide.md. Its imports are this file's: the guide shows them, and the
 * compiler holds them to be what the example needs.
 */
public final class PostExample extends GuideExample {

    public void post(java.net.http.HttpClient client, String apiKey) throws java.io.IOException, InterruptedException {
        // post:begin
        HttpRequest request = HttpRequest.newBuilder(URI.create("https://api.example.com/v1/chat"))
                .header("Authorization", "Bearer " + apiKey)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"stream\":true,\"prompt\":\"Hi\"}"))
                .timeout(Duration.ofSeconds(30))
                .build();
        try (EventStream events = EventStream.connect(client, request)) {
            for (ServerSentEvent event : events) {
                System.out.print(event.data());
            }
        }
        // post:end
    }
}
