package io.sse4j.tests.guide;

import io.sse4j.EventStream;
import io.sse4j.ServerSentEvent;
import io.sse4j.SseListener;
import io.sse4j.SseOptions;

/**
 * The example {@code listener} of docs/guide.md. Its imports are this file's: the guide shows them, and the
 * compiler holds them to be what the example needs.
 */
public final class ListenerExample extends GuideExample {

    public void listener(java.net.http.HttpClient client, java.net.http.HttpRequest request) {
        // listener:begin
        EventStream.connectAsync(client, request, SseOptions.defaults(), new SseListener() {
            @Override
            public void onEvent(ServerSentEvent event) {
                System.out.println(event.type() + ": " + event.data());
            }

            @Override
            public void onError(Throwable error) {
                System.err.println("stream failed: " + error);
            }
        });
        // listener:end
    }
}
