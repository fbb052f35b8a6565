package io.sse4j.okhttp;

import io.sse4j.EventSource;
import io.sse4j.EventStream;
import io.sse4j.SseListener;
import io.sse4j.SseOptions;
import io.sse4j.SseResponseException;
import io.sse4j.SseTransport;
import java.io.IOException;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import okhttp3.OkHttpClient;
import okhttp3.Request;

/**
 * sse4j's event streams over OkHttp: every consumer style of {@link EventStream} and the
 * reconnecting {@link EventSource}, read through your {@link OkHttpClient} and {@link Request}.
 * The objects returned are sse4j's own, with the same parser, limits, errors
 * ({@link SseResponseException} when the server answers with something else than an event stream)
 * and settings as over the JDK's client.
 *
 * <pre>{@code
 * OkHttpClient client = new OkHttpClient.Builder().readTimeout(Duration.ofMinutes(1)).build();
 * Request request = new Request.Builder().url("https://example.com/events").build();
 * try (EventSource source = OkHttpSse.newEventSourceBuilder(client, request).build()) {
 *     source.stream().limit(10).forEach(event -> handle(event));
 * }
 * }</pre>
 *
 * <h2>What comes from the client</h2>
 * Each connection is one {@link okhttp3.Call} on {@code client}, so its interceptors, connection
 * pool, proxy, DNS, certificate pinning and timeouts apply as they do to any call:
 * <ul>
 *   <li>The <em>read timeout</em> (OkHttp's default: 10 seconds) bounds both the wait for the
 *       response headers and each silence of the stream: a server that sends nothing, not even a
 *       comment, for longer breaks the stream with a {@link java.net.SocketTimeoutException}
 *       (an {@code EventSource} then reconnects). Raise it, or set it to zero, for quiet streams;
 *       an {@code EventSource}'s {@link EventSource.Builder#idleTimeout idle timeout} is the
 *       sse4j way to bound silence.</li>
 *   <li>A <em>call timeout</em> bounds the whole call, body included: it ends every stream after
 *       that long.</li>
 *   <li><em>Redirects</em> are followed by OkHttp as the client says
 *       ({@link OkHttpClient#followRedirects()}, {@link OkHttpClient#followSslRedirects()}, both on
 *       by default, https to http included); OkHttp drops {@code Authorization} when a hop goes to
 *       another scheme, host or port, and no other header. The URI sse4j reports is the one
 *       finally answered.</li>
 *   <li><em>Compression</em>: OkHttp asks for gzip and undoes it itself, unless the request sets
 *       {@code Accept-Encoding}; sse4j undoes any other encoding it knows.</li>
 *   <li>The <em>dispatcher</em> runs the call: a stream waiting for its headers, and one whose
 *       body is read on the call's callback thread, count against
 *       {@link okhttp3.Dispatcher#getMaxRequests()} and
 *       {@link okhttp3.Dispatcher#getMaxRequestsPerHost()} (64 and 5 by default), as with
 *       okhttp-sse; raise them to hold many streams open at once.</li>
 * </ul>
 *
 * <h2>Threads</h2>
 * The body is read with OkHttp's blocking I/O on the thread that runs the call's callback (one of
 * the dispatcher's threads), which also runs an {@link SseListener}'s or
 * {@link io.sse4j.EventSourceListener}'s callbacks, as okhttp-sse does. It reads ahead while sse4j's
 * buffer has room; when a consumer falls behind, the read stops and the thread goes back to the
 * dispatcher, and reading resumes on the dispatcher's executor once the consumer has made room. A
 * blocking reader ({@link EventStream#read()}, iteration, streams) waits for what that thread
 * parsed. {@code close()} from any thread cancels the call, which ends a blocked read at once.
 */
public final class OkHttpSse {

    private OkHttpSse() {
    }

    /**
     * A transport that sends {@code request} (again on each attempt) on {@code client}: for
     * {@link EventStream#connect(SseTransport, SseOptions)}, {@link EventSource#newBuilder(SseTransport)}
     * or {@link SseTransport#tap}. {@code Accept}, {@code Cache-Control}, {@code Pragma} and
     * {@code Last-Event-ID} are added unless the request sets them. {@link SseTransport.Exchange#idempotent()}
     * follows the request's method.
     *
     * @param client  the client
     * @param request the request
     * @return the transport, immutable and safe to share
     */
    public static SseTransport transport(OkHttpClient client, Request request) {
        Objects.requireNonNull(request, "request");
        return transport(client, attempt -> request);
    }

    /**
     * A transport that builds the request of each attempt with {@code requests}: to refresh an
     * auth token, or move a cursor into the URL or body.
     *
     * @param client   the client
     * @param requests builds the request of each attempt; must not return {@code null}
     * @return the transport, immutable and safe to share
     */
    public static SseTransport transport(OkHttpClient client, Function<SseTransport.Attempt, Request> requests) {
        return new OkHttpTransport(Objects.requireNonNull(client, "client"), Objects.requireNonNull(requests, "requests"));
    }

    /**
     * Sends the request and opens its response as an event stream, with default options: read it
     * blocking ({@link EventStream#read()}, iteration, {@link EventStream#stream()}), as a
     * {@link java.util.concurrent.Flow.Publisher} ({@link EventStream#subscribe}) or with a listener
     * ({@link EventStream#listen}).
     *
     * @param client  the client to send with
     * @param request the request; {@code Accept}, {@code Cache-Control} and {@code Pragma} are added if absent
     * @return the open stream, which must be closed
     * @throws SseResponseException       if the response is not an event stream
     * @throws java.net.ProtocolException if its {@code Content-Encoding} cannot be decoded
     * @throws IOException                if sending fails or no response arrives, of OkHttp's type
     *                                    with a message that names the request and the host
     * @throws InterruptedException       if interrupted while waiting for the response
     */
    public static EventStream connect(OkHttpClient client, Request request) throws IOException, InterruptedException {
        return connect(client, request, SseOptions.defaults());
    }

    /**
     * Sends the request and opens its response as an event stream.
     *
     * @param client  the client to send with
     * @param request the request; {@code Accept}, {@code Cache-Control} and {@code Pragma} are added if absent
     * @param options limits and error-body settings
     * @return the open stream, which must be closed
     * @throws SseResponseException       if the response is not an event stream
     * @throws java.net.ProtocolException if its {@code Content-Encoding} cannot be decoded
     * @throws IOException                if sending fails or no response arrives
     * @throws InterruptedException       if interrupted while waiting for the response
     */
    public static EventStream connect(OkHttpClient client, Request request, SseOptions options)
            throws IOException, InterruptedException {
        return EventStream.connect(transport(client, request), Objects.requireNonNull(options, "options"));
    }

    /**
     * Sends the request asynchronously and delivers the stream to {@code listener}, on the thread
     * that reads it: {@code onOpen}, events and comments, then exactly one of {@code onClosed} or
     * {@code onError}, also when sending fails or the response is not an event stream. See
     * {@link SseListener} for the threading contract. The counterpart of okhttp-sse's
     * {@code EventSources.createFactory(client).newEventSource(request, listener)}, without
     * reconnecting (for that, {@link #newEventSourceBuilder} and {@link EventSource#listen}).
     *
     * @param client   the client to send with
     * @param request  the request; {@code Accept}, {@code Cache-Control} and {@code Pragma} are added if absent
     * @param options  limits and error-body settings, e.g. {@link SseOptions#defaults()}
     * @param listener receives the stream
     * @return the future stream, already being delivered to the listener: to close it early
     */
    public static CompletableFuture<EventStream> connectAsync(OkHttpClient client, Request request, SseOptions options,
            SseListener listener) {
        return EventStream.connectAsync(transport(client, request), Objects.requireNonNull(options, "options"),
                Objects.requireNonNull(listener, "listener"));
    }

    /**
     * A builder for a reconnecting {@link EventSource} that sends {@code request} on
     * {@code client} (again on every reconnect, body included, with {@code Last-Event-ID}); every
     * setting of {@link EventSource.Builder} applies.
     *
     * @param client  the client
     * @param request the request
     * @return the builder
     */
    public static EventSource.Builder newEventSourceBuilder(OkHttpClient client, Request request) {
        return EventSource.newBuilder(transport(client, request));
    }

    /**
     * A builder for a reconnecting {@link EventSource} that builds the request of each connection
     * attempt with {@code requests}.
     *
     * @param client   the client
     * @param requests builds the request of each attempt; must not return {@code null}
     * @return the builder
     */
    public static EventSource.Builder newEventSourceBuilder(OkHttpClient client,
            Function<SseTransport.Attempt, Request> requests) {
        return EventSource.newBuilder(transport(client, requests));
    }
}
