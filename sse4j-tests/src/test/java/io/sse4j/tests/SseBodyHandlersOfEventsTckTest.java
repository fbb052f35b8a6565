package io.sse4j.tests;

import io.sse4j.EventStream;
import io.sse4j.SseBodyHandlers;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;

/**
 * The Reactive Streams TCK against the stream the plain JDK call returns:
 * {@code client.send(request, SseBodyHandlers.ofEvents()).body()}.
 */
public class SseBodyHandlersOfEventsTckTest extends EventStreamPublisherTck<EventStream> {

    @Override
    EventStream open(HttpClient client, HttpRequest request) throws IOException, InterruptedException {
        return client.send(request, SseBodyHandlers.ofEvents()).body();
    }

    /**
     * A {@code 503} response that is not an event stream: the body handler still returns the
     * stream (whatever the status, as with {@code BodyHandlers}), and it signals onSubscribe then
     * onError(SseResponseException). A connection cut after the headers, as for connect, would be
     * a race here: the JDK's {@code send} may fail the whole exchange with the IOException instead
     * of returning the response, and then there is no publisher to test (in one trial of 300 each,
     * {@code send} threw for 2 cuts and for 33 resets).
     */
    @Override
    String failingPath() {
        return REFUSED;
    }
}
