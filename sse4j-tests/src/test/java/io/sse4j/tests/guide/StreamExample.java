package io.sse4j.tests.guide;

import io.sse4j.EventStream;
import io.sse4j.ServerSentEvent;
import java.util.stream.Stream;

/**
 * The example {@code stream} of docs/guide.md. Its imports are this file's: the guide shows them, and the
 * compiler holds them to be what the example needs.
 */
public final class StreamExample extends GuideExample {

    public void stream(java.net.http.HttpClient client, java.net.http.HttpRequest request)
            throws java.io.IOException, InterruptedException {
        // stream:begin
        try (Stream<String> data = EventStream.connect(client, request).stream().map(ServerSentEvent::data)) {
            data.takeWhile(text -> !text.equals("[DONE]")).forEach(System_out::print);
        }
        // stream:end
    }
}
