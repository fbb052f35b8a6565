package io.sse4j.tests.guide;

import io.sse4j.EventStream;
import java.net.http.HttpRequest;

/**
 * The example {@code compression} of docs/guide.md. Its imports are this file's: the guide shows them, and the
 * compiler holds them to be what the example needs.
 */
public final class CompressionExample extends GuideExample {

    public void compression(java.net.http.HttpClient client, java.net.URI uri) throws java.io.IOException,
            InterruptedException {
        // compression:begin
        HttpRequest request = HttpRequest.newBuilder(uri).header("Accept-Encoding", "gzip").build();
        try (EventStream events = EventStream.connect(client, request)) {
            events.forEach(this::handle);
        }
        // compression:end
    }
}
