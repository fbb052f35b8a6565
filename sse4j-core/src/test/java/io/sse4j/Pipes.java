package io.sse4j;

import java.net.http.HttpResponse;

/** The JDK's view of a response read by sse4j: the body subscriber {@link SseBodyHandlers#ofEvents()} gives it. */
final class Pipes {

    private Pipes() {
    }

    static HttpResponse.BodySubscriber<EventStream> of(HttpResponse.ResponseInfo info) {
        return SseBodyHandlers.ofEvents().apply(info);
    }

    /** The stream the JDK would hand over as the response body. */
    static EventStream stream(HttpResponse.BodySubscriber<EventStream> pipe) {
        return pipe.getBody().toCompletableFuture().join();
    }

    static HttpResponse.BodySubscriber<EventStream> of(HttpResponse.ResponseInfo info, SseOptions options) {
        return SseBodyHandlers.ofEvents(options).apply(info);
    }
}
