package io.sse4j.tests.guide;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.sse4j.EventStream;
import io.sse4j.jackson.JacksonSse;

/**
 * The example {@code jackson} of docs/guide.md. Its imports are this file's: the guide shows them, and the
 * compiler holds them to be what the example needs.
 */
public final class JacksonExample extends GuideExample {

    public void jackson(java.net.http.HttpClient client, java.net.http.HttpRequest request)
            throws java.io.IOException, InterruptedException {
        // jackson:begin
        JacksonSse json = JacksonSse.of(new ObjectMapper());
        try (EventStream events = EventStream.connect(client, request)) {
            json.stream(events, Chunk.class).forEach(chunk -> System.out.print(chunk.text()));
        }
        // jackson:end
    }
}
