package io.sse4j.tests.guide;

import io.sse4j.EventStream;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The example {@code timeout} of docs/guide.md. Its imports are this file's: the guide shows them, and the
 * compiler holds them to be what the example needs.
 */
public final class TimeoutExample extends GuideExample {

    public void timeout(java.net.http.HttpClient client, java.net.http.HttpRequest request) {
        // timeout:begin
        CompletableFuture<EventStream> opening = EventStream.connectAsync(client, request)
                .orTimeout(10, TimeUnit.SECONDS);
        opening.thenAccept(events -> events.listen(event -> System.out.println(event.data())));
        // timeout:end
    }
}
