package io.sse4j;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Iterator;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Flow;
import java.util.stream.Stream;

/**
 * One open Server-Sent Events response, read blocking, as a {@link Flow.Publisher}, or through an
 * {@link SseListener}: the counterpart of httpx-sse's {@code connect_sse}.
 *
 * <pre>{@code
 * HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:8080/events")).build();
 * try (EventStream events = EventStream.connect(client, request)) {
 *     for (ServerSentEvent event : events) {
 *         System.out.println(event.type() + ": " + event.data());
 *     }
 * }
 * }</pre>
 *
 * <h2>Opening</h2>
 * {@link #connect connect} sends any request (any method, body and headers, e.g. a POST to a
 * streaming LLM API) on the caller's own {@link HttpClient}, adding {@code Accept: text/event-stream}
 * and {@code Cache-Control: no-store} unless the request sets them, and returns once the response
 * headers have arrived. Users of the plain JDK call get the same object from
 * {@code client.send(request, SseBodyHandlers.ofEvents())}.
 *
 * <h2>Errors</h2>
 * The {@linkplain #response() response} can be inspected first; a response that is not an event
 * stream (not 2xx, 204, or not {@code text/event-stream}) raises {@link SseResponseException} when
 * reading starts, with its status, headers, URI and the start of its body. Network failures are
 * the JDK's {@link IOException}s, the same whether read blocking or asynchronously.
 *
 * <h2>Timeouts</h2>
 * {@link HttpRequest.Builder#timeout(Duration)} bounds the wait for the response headers only:
 * once the stream is open, no JDK timeout applies to the time between events. To stop a stream
 * that has gone quiet, close it from any thread.
 *
 * <h2>Consumers and closing</h2>
 * A stream has one consumer: blocking {@link #read()} and iteration, one {@link #subscribe
 * Flow.Subscriber}, or one {@link #listen listener}. Always close it (try-with-resources): closing
 * releases the connection, and the server sees it closed. {@link #close()} may be called from any
 * thread; it wakes a blocked {@code read()}, which then reports the end of the stream.
 *
 * <p>Events are buffered only up to a bound (a few hundred events or about a million characters of
 * data); past it, the stream stops reading from the socket until the consumer catches up.
 */
public final class EventStream implements Closeable, Iterable<ServerSentEvent>, Flow.Publisher<ServerSentEvent> {

    private final EventPipe pipe;

    EventStream(EventPipe pipe) {
        this.pipe = pipe;
    }

    /**
     * Sends the request and opens its response as an event stream, with default limits.
     *
     * @param client  the client to send with
     * @param request the request; {@code Accept} and {@code Cache-Control} are added if absent
     * @return the open stream, which must be closed
     * @throws IOException          if sending fails or no response arrives
     * @throws InterruptedException if interrupted while waiting for the response headers
     */
    public static EventStream connect(HttpClient client, HttpRequest request) throws IOException, InterruptedException {
        return connect(client, request, SseLimits.defaults());
    }

    /**
     * Sends the request and opens its response as an event stream.
     *
     * @param client  the client to send with
     * @param request the request; {@code Accept} and {@code Cache-Control} are added if absent
     * @param limits  memory bounds for parsing
     * @return the open stream, which must be closed
     * @throws IOException          if sending fails or no response arrives
     * @throws InterruptedException if interrupted while waiting for the response headers
     */
    public static EventStream connect(HttpClient client, HttpRequest request, SseLimits limits)
            throws IOException, InterruptedException {
        Objects.requireNonNull(client, "client");
        HttpRequest prepared = prepare(request);
        Opening opening = new Opening(limits);
        try {
            return bind(client.send(prepared, opening));
        } catch (IOException e) {
            return opening.recover(prepared, e).orElseThrow(() -> e);
        }
    }

    /**
     * Sends the request asynchronously; the future completes with the open stream once the
     * response headers have arrived.
     *
     * @param client  the client to send with
     * @param request the request; {@code Accept} and {@code Cache-Control} are added if absent
     * @return the future stream, which must be closed; it fails with an {@link IOException} if
     *         sending fails
     */
    public static CompletableFuture<EventStream> connectAsync(HttpClient client, HttpRequest request) {
        return connectAsync(client, request, SseLimits.defaults());
    }

    /**
     * Sends the request asynchronously; the future completes with the open stream once the
     * response headers have arrived.
     *
     * @param client  the client to send with
     * @param request the request; {@code Accept} and {@code Cache-Control} are added if absent
     * @param limits  memory bounds for parsing
     * @return the future stream, which must be closed; it fails with an {@link IOException} if
     *         sending fails
     */
    public static CompletableFuture<EventStream> connectAsync(HttpClient client, HttpRequest request, SseLimits limits) {
        Objects.requireNonNull(client, "client");
        HttpRequest prepared = prepare(request);
        Opening opening = new Opening(limits);
        return client.sendAsync(prepared, opening).handle((response, error) -> {
            if (response != null) {
                return bind(response);
            }
            Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
            return opening.recover(prepared, cause).orElseThrow(() -> new CompletionException(cause));
        });
    }

    /**
     * Sends the request asynchronously and delivers the stream to {@code listener}: {@code onOpen},
     * events and comments, then exactly one of {@code onClosed} or {@code onError} — also when
     * sending fails. See {@link SseListener} for the threading contract.
     *
     * @param client   the client to send with
     * @param request  the request; {@code Accept} and {@code Cache-Control} are added if absent
     * @param listener receives the stream
     * @return the future stream, to close it early; it fails like {@link #connectAsync(HttpClient, HttpRequest)}
     */
    public static CompletableFuture<EventStream> connectAsync(HttpClient client, HttpRequest request, SseListener listener) {
        return connectAsync(client, request, SseLimits.defaults(), listener);
    }

    /**
     * Sends the request asynchronously and delivers the stream to {@code listener}, as
     * {@link #connectAsync(HttpClient, HttpRequest, SseListener)} does, with the given limits.
     *
     * @param client   the client to send with
     * @param request  the request; {@code Accept} and {@code Cache-Control} are added if absent
     * @param limits   memory bounds for parsing
     * @param listener receives the stream
     * @return the future stream, to close it early; it fails like {@link #connectAsync(HttpClient, HttpRequest)}
     */
    public static CompletableFuture<EventStream> connectAsync(HttpClient client, HttpRequest request, SseLimits limits,
            SseListener listener) {
        Objects.requireNonNull(listener, "listener");
        CompletableFuture<EventStream> future = connectAsync(client, request, limits);
        future.whenComplete((stream, error) -> {
            Throwable failure = error instanceof CompletionException && error.getCause() != null
                    ? error.getCause() : error;
            if (stream != null) {
                try {
                    stream.listen(listener);
                    return;
                } catch (IllegalStateException e) {
                    // Something else consumed the stream first (a dependent of the returned future).
                    failure = e;
                }
            }
            try {
                listener.onError(failure);
            } catch (RuntimeException | Error e) {
                System.getLogger(EventStream.class.getName())
                        .log(System.Logger.Level.WARNING, "SseListener.onError threw", e);
            }
        });
        return future;
    }

    /** Adds the headers an event stream request should carry, unless the caller set them. */
    static HttpRequest prepare(HttpRequest request) {
        Objects.requireNonNull(request, "request");
        boolean hasAccept = request.headers().firstValue("Accept").isPresent();
        boolean hasCacheControl = request.headers().firstValue("Cache-Control").isPresent();
        if (hasAccept && hasCacheControl) {
            return request;
        }
        HttpRequest.Builder builder = HttpRequest.newBuilder(request, (name, value) -> true);
        if (!hasAccept) {
            builder.header("Accept", "text/event-stream");
        }
        if (!hasCacheControl) {
            builder.header("Cache-Control", "no-store");
        }
        return builder.build();
    }

    /**
     * The body handler of {@code connect}, remembering the stream it opened. When the body fails
     * before the JDK has completed the response (a connection cut right after the headers), the
     * JDK reports only the failure; the stream, with the events that did arrive and then that
     * failure, is still handed to the caller, so that nothing received is lost.
     */
    private static final class Opening implements HttpResponse.BodyHandler<EventStream> {
        private final SseLimits limits;
        private volatile EventPipe pipe;

        Opening(SseLimits limits) {
            this.limits = Objects.requireNonNull(limits, "limits");
        }

        @Override
        public HttpResponse.BodySubscriber<EventStream> apply(HttpResponse.ResponseInfo info) {
            EventPipe opened = new EventPipe(info, limits);
            pipe = opened;
            return opened;
        }

        /** The opened stream, failed with {@code failure}; its URI is the request's (redirects unknown). */
        Optional<EventStream> recover(HttpRequest request, Throwable failure) {
            EventPipe opened = pipe;
            if (opened == null || !(failure instanceof IOException)) {
                return Optional.empty();
            }
            opened.bindUri(request.uri());
            opened.onError(failure);
            return Optional.of(opened.stream());
        }
    }

    private static EventStream bind(HttpResponse<EventStream> response) {
        EventStream stream = response.body();
        stream.pipe.bindUri(response.uri());
        return stream;
    }

    /**
     * The response's status, headers and HTTP version, available before reading.
     *
     * @return the response information
     */
    public HttpResponse.ResponseInfo response() {
        return pipe.response();
    }

    /**
     * Reads the next event, blocking until one is complete, the stream ends, or it is closed.
     *
     * @return the event, or empty at the end of the stream or once closed
     * @throws SseResponseException         if the response is not an event stream
     * @throws java.net.ProtocolException   if the stream crosses an {@link SseLimits} limit
     * @throws java.io.InterruptedIOException if the thread is interrupted while waiting; its
     *                                      interrupt status is set again
     * @throws IOException                  if the connection fails
     * @throws IllegalStateException        if a subscriber or listener consumes this stream
     */
    public Optional<ServerSentEvent> read() throws IOException {
        return pipe.read();
    }

    /**
     * The remaining events, read blocking like {@link #read()}; an {@link IOException} is thrown
     * wrapped in an {@link UncheckedIOException}.
     *
     * @return an iterator over the remaining events
     */
    @Override
    public Iterator<ServerSentEvent> iterator() {
        return BlockingViews.iterator(this::read);
    }

    /**
     * The remaining events as a sequential {@link Stream}, read blocking; closing the returned
     * stream closes this one.
     *
     * @return the events
     */
    public Stream<ServerSentEvent> stream() {
        return BlockingViews.stream(this::read, this::close);
    }

    /**
     * Publishes the events to one subscriber, honouring its demand exactly: no more
     * {@code onNext} calls than requested, and while demand is zero the socket is not read past a
     * small buffer. Signals are sequential and follow the Reactive Streams rules. Cancelling the
     * subscription closes the stream; {@link #close()} completes the subscriber. A response that is
     * not an event stream ends in {@code onError} with {@link SseResponseException}.
     *
     * @param subscriber the subscriber; a second one receives {@code onError(IllegalStateException)}
     */
    @Override
    public void subscribe(Flow.Subscriber<? super ServerSentEvent> subscriber) {
        pipe.subscribe(Objects.requireNonNull(subscriber, "subscriber"));
    }

    /**
     * Delivers the rest of the stream to {@code listener}, asynchronously; see {@link SseListener}
     * for the threading contract.
     *
     * @param listener the listener
     * @throws IllegalStateException if something else already consumes this stream
     */
    public void listen(SseListener listener) {
        pipe.listen(Objects.requireNonNull(listener, "listener"));
    }

    /**
     * The last event ID as of the events consumed so far (read, or delivered to the subscriber or
     * listener; events still buffered do not count), for resuming with {@code Last-Event-ID}
     * without skipping any. Blocks that set an ID without data count when reached in order.
     *
     * @return the last event ID, {@code ""} if none
     */
    public String lastEventId() {
        return pipe.lastEventId();
    }

    /**
     * The reconnection time the server last set with {@code retry}.
     *
     * @return the reconnection time, or empty if none was set
     */
    public Optional<Duration> reconnectionTime() {
        return pipe.reconnectionTime();
    }

    /** A description of the stream's state for logs: status, consumer, buffered events, end. */
    @Override
    public String toString() {
        return pipe.toString();
    }

    /**
     * Closes the stream and releases its connection; idempotent, callable from any thread. Events
     * not yet read are dropped; a blocked {@link #read()} returns empty; a subscriber is completed
     * and a listener gets {@code onClosed}.
     */
    @Override
    public void close() {
        pipe.close();
    }
}
