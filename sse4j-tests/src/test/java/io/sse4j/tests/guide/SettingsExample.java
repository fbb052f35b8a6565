package io.sse4j.tests.guide;

import io.sse4j.EventSource;
import io.sse4j.RetryPolicy;
import io.sse4j.SseLimits;
import io.sse4j.SseOptions;
import java.time.Duration;

/**
 * The example {@code settings} of docs/guide.md. Its imports are this file's: the guide shows them, and the
 * compiler holds them to be what the example needs.
 */
public final class SettingsExample extends GuideExample {

    public EventSource settings(java.net.http.HttpClient client, java.net.http.HttpRequest request,
            String savedLastEventId) {
        // settings:begin
        EventSource source = EventSource.newBuilder(client, request)
                .options(SseOptions.defaults().withLimits(SseLimits.defaults().withMaxEventSize(1024 * 1024)))
                .retryPolicy(RetryPolicy.exponentialBackoff(Duration.ofMinutes(1)).withMaxElapsed(Duration.ofHours(1)))
                .lastEventId(savedLastEventId)        // the first connection resumes from here
                .idleTimeout(Duration.ofSeconds(45))  // three missed heartbeats of a 15 s server
                .build();
        // settings:end
        return source;
    }
}
