package io.sse4j.tests.guide;

import io.sse4j.EventSource;
import io.sse4j.EventSourceListener;
import io.sse4j.ServerSentEvent;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * The example {@code eventSourceListener} of docs/guide.md. Its imports are this file's: the guide shows them, and the
 * compiler holds them to be what the example needs.
 */
public final class EventSourceListenerExample extends GuideExample {

    public EventSource eventSourceListener(java.net.http.HttpClient client, java.net.http.HttpRequest request) {
        // eventSourceListener:begin
        EventSource source = EventSource.newBuilder(client, request).build();
        source.listen(new EventSourceListener() {
            @Override
            public void onOpen(HttpResponse.ResponseInfo response) {
                System_out.println("connected: " + response.statusCode());
            }

            @Override
            public void onEvent(ServerSentEvent event) {
                handle(event);
            }

            @Override
            public void onRetrying(Throwable cause, Duration delay, int attempt) {
                System_out.println("retry " + attempt + " in " + delay.toMillis() + " ms: " + cause.getMessage());
            }

            @Override
            public void onClosed() {
                System_out.println("closed: the server answered 204, or close() was called");
                // eventSourceListener:hide
                ended.countDown();
                // eventSourceListener:show
            }

            @Override
            public void onError(Throwable error) {
                System_err.println("failed for good: " + error);
            }
        });
        // eventSourceListener:end
        return source;
    }
}
