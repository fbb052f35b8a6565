package io.sse4j;

import io.sse4j.internal.Consumers;
import io.sse4j.internal.EventBuffer;
import io.sse4j.internal.ResponseReader;
import io.sse4j.internal.SingleExchange;
import java.io.Closeable;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Iterator;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

/**
 * One open Server-Sent Events response, read blocking, as a {@link Flow.Publisher}, or through an
 * {@link SseListener}.
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
 * streaming LLM API) on the caller's own {@link HttpClient}, adding {@code Accept: text/event-stream},
 * {@code Cache-Control: no-cache} and {@code Pragma: no-cache} unless the request sets them, and
 * returns once the response headers have arrived. {@link #newClientBuilder()} makes a client set
 * up for event streams; {@link #connect(SseTransport, SseOptions)} reads through any other
 * {@link SseTransport}.
 *
 * <h2>Errors</h2>
 * <ul>
 *   <li>A response that is not an event stream (not 2xx, 204, or not {@code text/event-stream})
 *       fails {@code connect} itself with {@link SseResponseException}, carrying the status,
 *       headers, URI and the start of the body; it never waits on a slow body for longer than
 *       {@link SseOptions#errorBodyWait()}.</li>
 *   <li>A connection that breaks after the headers ends the stream with a
 *       {@link BrokenStreamException}: from which URI, after how many events, and the last event
 *       ID to resume from. Every event received before it is delivered first.</li>
 *   <li>A stream crossing a {@link SseLimits limit} ends with a {@link java.net.ProtocolException}
 *       naming the limit, after the events before it.</li>
 *   <li>{@code Content-Encoding: gzip} and {@code deflate} are decoded as the body streams in;
 *       any other encoding fails {@code connect} with a {@link java.net.ProtocolException}.</li>
 *   <li>An {@link Error} (such as {@link OutOfMemoryError}) is reported as itself, never wrapped.</li>
 * </ul>
 * The same exceptions reach blocking readers (iterators and streams wrap them in
 * {@link UncheckedIOException}), {@code Flow} subscribers and listeners ({@code onError}).
 *
 * <h2>Event stream or plain body</h2>
 * Some protocols answer one request with either an event stream or a plain body (MCP's streamable
 * HTTP transport answers a POST with {@code text/event-stream} or JSON). Use the JDK idiom with
 * {@link SseBodyHandlers#ofEvents()}, which hands over the stream whatever the response, then
 * {@link #isEventStream()} and {@link #readBody()}: one request, either way.
 *
 * <h2>Timeouts</h2>
 * {@link HttpRequest.Builder#timeout(Duration)} bounds the wait for the response headers only:
 * once the stream is open, no JDK timeout applies to the time between events. To stop a stream
 * that has gone quiet, close it from any thread. A future from {@link #connectAsync connectAsync}
 * that the caller cancels, completes or times out (e.g. with {@code orTimeout}) before the stream
 * is handed over closes that stream and aborts the request: nothing is left streaming unseen.
 *
 * <h2>Consumers and closing</h2>
 * A stream has one consumer: blocking {@link #read()}, {@link #readItem()} and iteration, one
 * {@link #subscribe Flow.Subscriber} (or {@link #itemPublisher() item subscriber}), or one
 * {@link #listen listener}. Always close it (try-with-resources): closing releases the connection,
 * and the server sees it closed. {@link #close()} may be called from any thread; it wakes a blocked
 * {@code read()}, which then reports the end of the stream.
 *
 * <p>Events are buffered only up to a bound (256 events or comments, or about a million
 * characters); past it, the stream stops reading from the socket until the consumer catches up.
 */
public final class EventStream implements Closeable, Iterable<ServerSentEvent>, Flow.Publisher<ServerSentEvent> {

    private final SingleExchange exchange;
    private final ResponseReader reader;
    private final EventBuffer buffer;
    private final Consumers consumers;

    EventStream(SingleExchange exchange) {
        this.exchange = exchange;
        this.reader = exchange.reader();
        this.buffer = exchange.buffer();
        this.consumers = new Consumers(buffer, EventStream.class, new Consumers.Gate() {
            @Override
            public void beforeBlocking() throws IOException {
                if (!reader.eventStream()) {
                    throw await(reader.refusal());
                }
            }

            @Override
            public void beforeAsync() {
                if (!reader.eventStream()) {
                    reader.refusal().thenAccept(buffer::refuse);
                }
            }
        });
    }

    // ---- opening ----

    /**
     * Sends the request and opens its response as an event stream, with default options.
     *
     * @param client  the client to send with
     * @param request the request; {@code Accept}, {@code Cache-Control} and {@code Pragma} are added if absent
     * @return the open stream, which must be closed
     * @throws SseResponseException         if the response is not an event stream
     * @throws java.net.ProtocolException   if its {@code Content-Encoding} cannot be decoded
     * @throws IOException                  if sending fails or no response arrives
     * @throws InterruptedException         if interrupted while waiting for the response
     */
    public static EventStream connect(HttpClient client, HttpRequest request) throws IOException, InterruptedException {
        return connect(client, request, SseOptions.defaults());
    }

    /**
     * Sends the request and opens its response as an event stream.
     *
     * @param client  the client to send with
     * @param request the request; {@code Accept}, {@code Cache-Control} and {@code Pragma} are added if absent
     * @param options limits and error-body settings
     * @return the open stream, which must be closed
     * @throws SseResponseException         if the response is not an event stream
     * @throws java.net.ProtocolException   if its {@code Content-Encoding} cannot be decoded
     * @throws IOException                  if sending fails or no response arrives
     * @throws InterruptedException         if interrupted while waiting for the response
     */
    public static EventStream connect(HttpClient client, HttpRequest request, SseOptions options)
            throws IOException, InterruptedException {
        Objects.requireNonNull(request, "request");
        return connect(SseTransport.of(client, attempt -> request, options), options);
    }

    /**
     * Opens one exchange on {@code transport} and its response as an event stream.
     *
     * @param transport the transport to open the exchange on
     * @param options   limits and error-body settings
     * @return the open stream, which must be closed
     * @throws SseResponseException         if the response is not an event stream
     * @throws java.net.ProtocolException   if its {@code Content-Encoding} cannot be decoded
     * @throws IOException                  if sending fails or no response arrives
     * @throws InterruptedException         if interrupted while waiting for the response
     */
    public static EventStream connect(SseTransport transport, SseOptions options) throws IOException, InterruptedException {
        Objects.requireNonNull(transport, "transport");
        EventStream stream = new EventStream(SingleExchange.open(transport, options));
        try {
            stream.exchange.opened().get();
            return stream;
        } catch (ExecutionException e) {
            throw EventBuffer.rethrow(e.getCause());
        } catch (InterruptedException e) {
            stream.close();
            throw e;
        }
    }

    /**
     * Sends the request asynchronously; the future completes with the open stream once the
     * response headers have arrived, with default options.
     *
     * @param client  the client to send with
     * @param request the request; {@code Accept}, {@code Cache-Control} and {@code Pragma} are added if absent
     * @return the future stream, which must be closed; it fails as {@link #connect connect} throws
     */
    public static CompletableFuture<EventStream> connectAsync(HttpClient client, HttpRequest request) {
        return connectAsync(client, request, SseOptions.defaults());
    }

    /**
     * Sends the request asynchronously; the future completes with the open stream once the
     * response headers have arrived. Cancelling the future, completing it or letting it time out
     * before then aborts the request and closes the stream if it opens all the same.
     *
     * @param client  the client to send with
     * @param request the request; {@code Accept}, {@code Cache-Control} and {@code Pragma} are added if absent
     * @param options limits and error-body settings
     * @return the future stream, which must be closed; it fails as {@link #connect connect} throws
     */
    public static CompletableFuture<EventStream> connectAsync(HttpClient client, HttpRequest request, SseOptions options) {
        Objects.requireNonNull(request, "request");
        return open(SseTransport.of(client, attempt -> request, options), options, null);
    }

    /**
     * Sends the request asynchronously and delivers the stream to {@code listener}: {@code onOpen},
     * events and comments, then exactly one of {@code onClosed} or {@code onError}, also when
     * sending fails or the response is not an event stream. See {@link SseListener} for the
     * threading contract.
     *
     * @param client   the client to send with
     * @param request  the request; {@code Accept}, {@code Cache-Control} and {@code Pragma} are added if absent
     * @param options  limits and error-body settings, e.g. {@link SseOptions#defaults()}
     * @param listener receives the stream
     * @return the future stream, already being delivered to the listener: to close it early
     */
    public static CompletableFuture<EventStream> connectAsync(HttpClient client, HttpRequest request, SseOptions options,
            SseListener listener) {
        Objects.requireNonNull(request, "request");
        return connectAsync(SseTransport.of(client, attempt -> request, options), options,
                Objects.requireNonNull(listener, "listener"));
    }

    /**
     * Opens one exchange on {@code transport} asynchronously and delivers the stream to
     * {@code listener}, as {@link #connectAsync(HttpClient, HttpRequest, SseOptions, SseListener)} does.
     *
     * @param transport the transport to open the exchange on
     * @param options   limits and error-body settings
     * @param listener  receives the stream
     * @return the future stream, already being delivered to the listener: to close it early
     */
    public static CompletableFuture<EventStream> connectAsync(SseTransport transport, SseOptions options,
            SseListener listener) {
        return open(Objects.requireNonNull(transport, "transport"), options, Objects.requireNonNull(listener, "listener"));
    }

    private static CompletableFuture<EventStream> open(SseTransport transport, SseOptions options, SseListener listener) {
        EventStream stream = new EventStream(SingleExchange.open(transport, options));
        if (listener == null) {
            return stream.exchange.handOver(stream, () -> { }, cause -> { });
        }
        // The listener's one terminal call when the stream never reaches it.
        AtomicBoolean listenerEnded = new AtomicBoolean();
        return stream.exchange.handOver(stream, () -> {
            if (listenerEnded.compareAndSet(false, true)) {
                stream.listen(listener);
            }
        }, cause -> {
            if (listenerEnded.compareAndSet(false, true)) {
                try {
                    listener.onError(cause);
                } catch (RuntimeException | Error e) {
                    System.getLogger(EventStream.class.getName()).log(System.Logger.Level.WARNING, "SseListener.onError threw", e);
                }
            }
        });
    }

    /**
     * A new {@link HttpClient.Builder} set up for event streams, to adjust and {@code build()}:
     * <ul>
     *   <li>{@link HttpClient.Redirect#NORMAL}: follows redirects (a server that adds a trailing
     *       slash with a 307, as Starlette does), except from https to http;</li>
     *   <li>{@link HttpClient.Version#HTTP_1_1}: the JDK's default, HTTP/2, sends
     *       {@code Upgrade: h2c} on every plain-http request, which servers log as unsupported;
     *       choose {@code HTTP_2} for many streams to one https origin (they then share one
     *       connection);</li>
     *   <li>a connect timeout of 10 seconds (the JDK's default is none).</li>
     * </ul>
     * The executor stays the JDK's default. Give {@code executor(...)} a small fixed pool when you
     * open thousands of streams; it runs listener and subscriber callbacks, so keep those short.
     *
     * @return the builder
     */
    public static HttpClient.Builder newClientBuilder() {
        return HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NORMAL)
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10));
    }

    // ---- the response ----

    /**
     * The response's status, headers and HTTP version, available before reading.
     *
     * @return the response information
     */
    public HttpResponse.ResponseInfo response() {
        return reader.response();
    }

    /**
     * The URI the response came from: the request's, or after redirects the last one's. Known
     * for a stream from {@code connect} and {@code connectAsync}; a caller of
     * {@code HttpClient.send} with {@link SseBodyHandlers} has it from the {@code HttpResponse}.
     *
     * @return the URI, or empty if unknown
     */
    public Optional<URI> uri() {
        return Optional.ofNullable(reader.uri());
    }

    /**
     * Whether the response is an event stream: a 2xx other than 204, of type
     * {@code text/event-stream} (§9.2.3). Always true for a stream from {@code connect} and
     * {@code connectAsync}, which refuse anything else; a stream from
     * {@link SseBodyHandlers#ofEvents()} may be either.
     *
     * @return true if the response is an event stream
     */
    public boolean isEventStream() {
        return reader.eventStream();
    }

    /**
     * Reads the whole body of a response that is not an event stream (e.g. the JSON that a
     * protocol sends instead of a stream, or a detailed error), blocking until it has arrived,
     * with its {@code Content-Encoding} undone and decoded with the charset of its
     * {@code Content-Type} (UTF-8 if none). Closing the stream from another thread ends the wait.
     *
     * @return the body
     * @throws java.net.ProtocolException     if the body is larger than {@link SseOptions#maxBodySize()}
     * @throws InterruptedIOException         if interrupted while waiting; the interrupt status is set again
     * @throws IOException                    if reading fails or the stream was closed
     * @throws IllegalStateException          if the response is an event stream, or its body is
     *                                        already being read for an {@link SseResponseException}
     */
    public String readBody() throws IOException {
        if (isEventStream()) {
            throw new IllegalStateException("the response is an event stream: read its events, not its body");
        }
        consumers.claimBlocking();
        return await(reader.body());
    }

    /** Waits for {@code future}, for a blocking caller: its result, or its failure as {@link #read()} throws it. */
    private static <T> T await(CompletableFuture<T> future) throws IOException {
        try {
            return future.get();
        } catch (ExecutionException e) {
            throw EventBuffer.rethrow(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for the response body");
        }
    }

    // ---- blocking ----

    /**
     * Reads the next event, blocking until one is complete, the stream ends, or it is closed.
     *
     * @return the event, or empty at the end of the stream or once closed
     * @throws BrokenStreamException          if the connection broke mid-stream
     * @throws java.net.ProtocolException     if the stream crosses an {@link SseLimits} limit
     * @throws SseResponseException           if the response is not an event stream (only from
     *                                        {@link SseBodyHandlers}: {@code connect} refuses it)
     * @throws InterruptedIOException         if the thread is interrupted while waiting; its
     *                                        interrupt status is set again. Over a transport whose
     *                                        reader reads the socket itself
     *                                        ({@link SseTransport.Exchange#readsOnCaller()}), an
     *                                        interrupt during that read may cost the connection
     * @throws IOException                    if the connection fails otherwise
     * @throws IllegalStateException          if a subscriber or listener consumes this stream
     */
    public Optional<ServerSentEvent> read() throws IOException {
        return consumers.read();
    }

    /**
     * Reads the next event or comment, blocking like {@link #read()}: for consumers that watch
     * heartbeats. Comments and events come in stream order; the last event ID advances as they are
     * read.
     *
     * @return the event or comment, or empty at the end of the stream or once closed
     * @throws IOException as {@link #read()} does
     */
    public Optional<SseItem> readItem() throws IOException {
        return consumers.readItem();
    }

    /**
     * The remaining events, read blocking like {@link #read()}; an {@link IOException} is thrown
     * wrapped in an {@link UncheckedIOException}.
     *
     * @return an iterator over the remaining events
     */
    @Override
    public Iterator<ServerSentEvent> iterator() {
        return consumers.iterator();
    }

    /**
     * The remaining events as a sequential {@link Stream}, read blocking; closing the returned
     * stream closes this one.
     *
     * @return the events
     */
    public Stream<ServerSentEvent> stream() {
        return consumers.stream(this::close);
    }

    // ---- asynchronous ----

    /**
     * Publishes the events to one subscriber, honouring its demand exactly: no more
     * {@code onNext} calls than requested, and while demand is zero the socket is not read past a
     * small buffer. Signals are sequential and follow the Reactive Streams rules. Cancelling the
     * subscription closes the stream and drops the reference to the subscriber; {@link #close()}
     * completes the subscriber. Failures end in {@code onError}, as {@link #read()} throws them.
     *
     * @param subscriber the subscriber; a second one receives {@code onError(IllegalStateException)}
     */
    @Override
    public void subscribe(Flow.Subscriber<? super ServerSentEvent> subscriber) {
        consumers.subscribe(subscriber);
    }

    /**
     * The events and comments, in stream order, as a publisher for one subscriber that behaves as
     * {@link #subscribe} describes: for asynchronous consumers that watch heartbeats.
     *
     * @return a publisher of this stream's items; subscribing to it consumes this stream
     */
    public Flow.Publisher<SseItem> itemPublisher() {
        return consumers.itemPublisher();
    }

    /**
     * Delivers the rest of the stream to {@code listener}, asynchronously; see {@link SseListener}
     * for the threading contract.
     *
     * @param listener the listener
     * @throws IllegalStateException if something else already consumes this stream
     */
    public void listen(SseListener listener) {
        Objects.requireNonNull(listener, "listener");
        consumers.listen(new EventSourceListener() {
            @Override
            public void onOpen(HttpResponse.ResponseInfo response) {
                listener.onOpen(EventStream.this);
            }

            @Override
            public void onEvent(ServerSentEvent event) {
                listener.onEvent(event);
            }

            @Override
            public void onComment(String comment) {
                listener.onComment(comment);
            }

            @Override
            public void onRetry(Duration reconnectionTime) {
                listener.onRetry(reconnectionTime);
            }

            @Override
            public void onClosed() {
                listener.onClosed();
            }

            @Override
            public void onError(Throwable error) {
                listener.onError(error);
            }
        });
    }

    // ---- state ----

    /**
     * The last event ID as of the events consumed so far (read, or delivered to the subscriber or
     * listener; events still buffered do not count), for resuming with {@code Last-Event-ID}
     * without skipping any. Blocks that set an ID without data count when reached in order.
     *
     * @return the last event ID, {@code ""} if none
     */
    public String lastEventId() {
        return buffer.lastEventId();
    }

    /**
     * The reconnection time the server last set with {@code retry}, as of the events consumed.
     *
     * @return the reconnection time, or empty if none was set
     */
    public Optional<Duration> reconnectionTime() {
        return buffer.reconnectionTime();
    }

    /** A description of the stream's state for logs: status, consumer, buffered items, end. */
    @Override
    public String toString() {
        return "EventStream[" + reader + ", consumer=" + consumers + "]";
    }

    /**
     * Closes the stream and releases its connection; idempotent, callable from any thread. Events
     * not yet read are dropped; a blocked {@link #read()} returns empty; a subscriber is completed
     * and a listener gets {@code onClosed}.
     */
    @Override
    public void close() {
        exchange.abort();
    }
}
