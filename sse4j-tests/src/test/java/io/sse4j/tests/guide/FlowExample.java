package io.sse4j.tests.guide;

import io.sse4j.EventStream;

/**
 * The example {@code flow} of docs/guide.md. Its imports are this file's: the guide shows them, and the
 * compiler holds them to be what the example needs.
 */
public final class FlowExample extends GuideExample {

    public void flow(java.net.http.HttpClient client, java.net.http.HttpRequest request,
            java.util.concurrent.Flow.Subscriber<io.sse4j.ServerSentEvent> subscriber) {
        // flow:begin
        EventStream.connectAsync(client, request).whenComplete((events, error) -> {
            if (error != null) {
                System.err.println("no stream: " + error); // the subscriber is never subscribed
            } else {
                events.subscribe(subscriber);
            }
        });
        // flow:end
    }
}
