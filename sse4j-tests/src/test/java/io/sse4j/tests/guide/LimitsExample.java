package io.sse4j.tests.guide;

import io.sse4j.EventStream;
import io.sse4j.SseLimits;
import io.sse4j.SseOptions;

/**
 * The example {@code limits} of docs/guide.md. Its imports are this file's: the guide shows them, and the
 * compiler holds them to be what the example needs.
 */
public final class LimitsExample extends GuideExample {

    public void limits(java.net.http.HttpClient client, java.net.http.HttpRequest request)
            throws java.io.IOException, InterruptedException {
        // limits:begin
        SseOptions options = SseOptions.defaults()
                .withLimits(SseLimits.defaults().withMaxLineLength(64 * 1024).withMaxEventSize(1024 * 1024))
                .withMaxBodySize(1024 * 1024);
        try (EventStream events = EventStream.connect(client, request, options)) {
            events.forEach(this::handle);
        }
        // limits:end
    }
}
