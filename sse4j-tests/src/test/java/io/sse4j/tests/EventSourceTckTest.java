package io.sse4j.tests;

import io.sse4j.EventSource;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.Optional;

/**
 * The Reactive Streams TCK against an {@link EventSource}: a publisher that spans connections.
 * Each stream of n events ends with the server's 204 when the source comes back for more, so it
 * completes; reconnects are immediate, so the TCK's timeouts hold.
 */
public class EventSourceTckTest extends EventStreamPublisherTck<EventSource> {

    @Override
    EventSource open(HttpClient client, HttpRequest request) {
        return EventSource.newBuilder(client, request).retryPolicy(context -> Optional.of(Duration.ZERO)).build();
    }

    @Override
    String eventsPath() {
        return RESUMABLE;
    }

    /** A 401 is fatal for a source: onSubscribe, then onError(SseResponseException), no retry. */
    @Override
    String failingPath() {
        return UNAUTHORIZED;
    }
}
