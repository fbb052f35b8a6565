package io.sse4j.bench;

import java.net.URI;
import java.time.Duration;

/**
 * Drives one client library over a real HTTP connection: opens an event stream, hands every event
 * to a sink, and returns when the server ends the stream. This is the code a reviewer checks for
 * fairness; the end-to-end benchmark, the latency run and the tests call the same method.
 *
 * <p>A harness owns one client (an {@code HttpClient}, an {@code OkHttpClient}), made when the
 * harness is made and shared by every stream it opens, as an application would share it.
 */
public interface StreamHarness extends AutoCloseable {

    /**
     * Streams {@code uri} to its end and reports each event's type, data and ID to {@code sink}, on
     * whatever thread the library delivers it; the library's contract makes those calls sequential.
     *
     * @param uri     the event stream
     * @param sink    receives every event
     * @param timeout the longest the whole stream may take; past it the stream is closed and
     *                {@link java.util.concurrent.TimeoutException} thrown
     * @return the number of events delivered
     * @throws Exception whatever the library reports, or a timeout
     */
    int stream(URI uri, EventSink sink, Duration timeout) throws Exception;

    /** Releases the client and its threads, as far as the library allows. */
    @Override
    void close();
}
