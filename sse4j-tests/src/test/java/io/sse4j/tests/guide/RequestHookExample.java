package io.sse4j.tests.guide;

import io.sse4j.EventSource;
import java.net.http.HttpRequest;

/**
 * The example {@code requestHook} of docs/guide.md. Its imports are this file's: the guide shows them, and the
 * compiler holds them to be what the example needs.
 */
public final class RequestHookExample extends GuideExample {

    public EventSource requestHook(java.net.http.HttpClient client, java.net.URI uri,
            java.util.function.Supplier<String> accessToken) {
        // requestHook:begin
        EventSource source = EventSource.newBuilder(client, attempt -> HttpRequest.newBuilder(uri)
                .header("Authorization", "Bearer " + accessToken.get()) // fresh for every attempt
                .POST(HttpRequest.BodyPublishers.ofString("{\"after\":\"" + attempt.lastEventId() + "\"}"))
                .build())
                .build();
        // requestHook:end
        return source;
    }
}
