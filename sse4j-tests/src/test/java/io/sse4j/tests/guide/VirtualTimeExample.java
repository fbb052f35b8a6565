package io.sse4j.tests.guide;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.sse4j.EventSource;
import io.sse4j.RetryPolicy;
import java.time.Duration;

/**
 * The example {@code virtualTime} of docs/guide.md. Its imports are this file's: the guide shows them, and the
 * compiler holds them to be what the example needs.
 */
public final class VirtualTimeExample extends GuideExample {

    public void virtualTime(java.net.http.HttpClient client, java.net.http.HttpRequest request)
            throws java.io.IOException, InterruptedException {
        // virtualTime:begin
        // The server sends "retry: 5000" and event 1, ends the stream, then sends event 2.
        StepScheduler time = new StepScheduler();
        try (EventSource source = EventSource.newBuilder(client, request)
                .retryPolicy(RetryPolicy.reconnectionTime()).scheduler(time).build()) {
            assertEquals("1", source.read().orElseThrow().lastEventId());
            assertEquals(Duration.ofSeconds(5), time.runNext()); // the reconnect, 5 s later, without waiting
            assertEquals("2", source.read().orElseThrow().lastEventId());
        }
        // virtualTime:end
    }
}
