package io.sse4j.tests;

import io.sse4j.EventStream;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;

/** The Reactive Streams TCK against the stream {@link EventStream#connect} opens. */
public class EventStreamConnectTckTest extends EventStreamPublisherTck<EventStream> {

    @Override
    EventStream open(HttpClient client, HttpRequest request) throws IOException, InterruptedException {
        return EventStream.connect(client, request);
    }

    /**
     * A stream whose connection the server closes right after the headers, before the chunked
     * body's last chunk: a network failure, signalled as onSubscribe then onError(IOException).
     * Whichever way the JDK reports that cut (failing the exchange, or the body after the
     * response), connect hands over the stream, so this publisher is always there and always
     * fails. A reset (RST) would not do: it may discard the headers still in flight, and then
     * there is no response and so no publisher at all, only connect's IOException.
     */
    @Override
    String failingPath() {
        return CUT_AFTER_HEADERS;
    }
}
