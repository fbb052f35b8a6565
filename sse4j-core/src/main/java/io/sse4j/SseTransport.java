package io.sse4j;

import io.sse4j.internal.JdkTransport;
import io.sse4j.internal.TappedTransport;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Opens the HTTP exchanges that event streams are read from: the seam between sse4j and an HTTP
 * client. {@link EventStream} and {@link EventSource} see only this interface, so the same parser,
 * limits, errors and reconnect loop run over any client that implements it.
 *
 * <p>{@link #of(HttpClient, HttpRequest)} is the built-in transport, on the JDK's own
 * {@link HttpClient}. {@link #tap(SseTransport, Tap)} decorates any transport to see the bytes of
 * each response, to count or record them. Implement this interface to bring another client.
 *
 * <h2>The contract</h2>
 * <ul>
 *   <li>{@link #open open} starts one exchange and returns at once, without blocking. It sends the
 *       transport's request with each of {@code headers} that the request does not set itself.
 *       The receiver may hear of the exchange before {@code open} returns (a failure known at
 *       once).</li>
 *   <li>The receiver then hears, in order and never concurrently: {@link Receiver#onResponse} once
 *       when the response head has arrived, then one {@link Receiver#onBody} per
 *       {@link Exchange#request()}, then exactly one of {@link Receiver#onComplete} or
 *       {@link Receiver#onError}. When no response arrives, only {@code onError}.</li>
 *   <li>{@link Exchange#request()} asks for the next chunk of body bytes. A transport may read and
 *       deliver it on the calling thread (a client with blocking I/O: no thread hop) or later on
 *       one of its own; either way at most one chunk follows each request.</li>
 *   <li>{@link Exchange#readHere()} is {@code request()} for a blocking reader's own thread. A
 *       transport with blocking I/O says so with {@link Exchange#readsOnCaller()}; sse4j then
 *       stops reading ahead for a blocking reader and lets the thread that waits for the next
 *       event read the socket itself, one chunk at a time. Either kind of call counts as the one
 *       request outstanding.</li>
 *   <li>{@link Exchange#abort()} may be called from any thread at any time, also before the
 *       response has arrived. It releases the connection; afterwards the receiver hears at most
 *       one more call, {@code onError}. It is idempotent.</li>
 *   <li>{@code open} may throw (a client that rejects the request, a full executor): sse4j then
 *       treats the attempt as failed with what was thrown.</li>
 * </ul>
 */
@FunctionalInterface
public interface SseTransport {

    /**
     * Starts one exchange.
     *
     * @param attempt  which attempt this is, and where the stream resumes
     * @param headers  headers to send unless the request sets them itself, in order:
     *                 {@code Accept}, {@code Cache-Control}, {@code Pragma}, and
     *                 {@code Last-Event-ID} when resuming
     * @param receiver where the response goes
     * @return the exchange, to ask for body bytes and to abort
     */
    Exchange open(Attempt attempt, Map<String, String> headers, Receiver receiver);

    /**
     * What a transport knows when it builds the request of one connection attempt.
     *
     * @param number      the attempt, from 1 for the first connection
     * @param lastEventId the last event ID to resume from, {@code ""} if none; the
     *                    {@code headers} of {@link #open open} carry it as {@code Last-Event-ID}
     *                    (or, if it cannot be a header value, the last one that can)
     * @param lastFailure why the previous attempt ended, if this is a reconnect
     */
    record Attempt(int number, String lastEventId, Optional<Throwable> lastFailure) {

        /**
         * Checks the values.
         *
         * @param number      the attempt, from 1
         * @param lastEventId the last event ID
         * @param lastFailure why the previous attempt ended
         */
        public Attempt {
            if (number < 1) {
                throw new IllegalArgumentException("number must be at least 1, got " + number);
            }
            Objects.requireNonNull(lastEventId, "lastEventId");
            Objects.requireNonNull(lastFailure, "lastFailure");
        }

        /**
         * The first attempt, resuming from nothing.
         *
         * @return attempt 1 with no last event ID and no failure
         */
        public static Attempt first() {
            return new Attempt(1, "", Optional.empty());
        }
    }

    /** One exchange in flight. */
    interface Exchange {

        /** Asks for the next chunk of the body; at most one {@link Receiver#onBody} follows. */
        void request();

        /**
         * Whether {@link #readHere()} reads on the calling thread: true for a client with blocking
         * I/O. A blocking reader of sse4j's ({@link EventStream#read()}, iteration,
         * {@link EventSource#read()}) then reads the socket on its own thread when it has nothing
         * left to take, and nothing reads ahead of it: no thread hands it events. Default
         * {@code false}: sse4j asks with {@link #request()} and reads ahead while it has room.
         *
         * @return true if {@link #readHere()} reads and delivers on the calling thread
         */
        default boolean readsOnCaller() {
            return false;
        }

        /**
         * Asks for the next chunk as {@link #request()} does, from a thread that is willing to
         * block for it: a transport whose {@link #readsOnCaller()} is true reads it on the calling
         * thread and delivers it (or the end of the body) there before returning. If another of
         * its threads is reading at that moment, it may deliver there instead and return at once.
         * {@link #abort()} from another thread ends a blocked call at once. An interrupt of the
         * calling thread may fail the read, as it does a blocking socket read: report that as the
         * exchange's {@link Receiver#onError error}. Default: {@link #request()}.
         */
        default void readHere() {
            request();
        }

        /** Aborts the exchange and releases its connection; idempotent, from any thread. */
        void abort();

        /**
         * Whether the request may be sent again from the start without harm: its method is
         * idempotent (see {@link SseTransport#isIdempotent}). A reconnecting source sends a
         * request that is not (a {@code POST}) again only to resume with {@code Last-Event-ID},
         * unless told otherwise. Default {@code true}.
         *
         * @return true if the request is idempotent
         */
        default boolean idempotent() {
            return true;
        }
    }

    /**
     * Whether an HTTP method is idempotent (RFC 9110 §9.2.2): {@code GET}, {@code HEAD},
     * {@code OPTIONS}, {@code TRACE}, {@code PUT} and {@code DELETE}; a {@code POST} or
     * {@code PATCH} is not.
     *
     * @param method the method, in any case
     * @return true if sending it twice has the effect of sending it once
     */
    static boolean isIdempotent(String method) {
        switch (method.toUpperCase(java.util.Locale.ROOT)) {
            case "GET":
            case "HEAD":
            case "OPTIONS":
            case "TRACE":
            case "PUT":
            case "DELETE":
                return true;
            default:
                return false;
        }
    }

    /** Hears one exchange; calls are sequential. See {@link SseTransport} for their order. */
    interface Receiver {

        /**
         * The response head arrived.
         *
         * @param response its status, headers and version
         * @param uri      the URI the response came from (after any redirect the transport
         *                 followed)
         */
        void onResponse(HttpResponse.ResponseInfo response, URI uri);

        /**
         * The next chunk of the body, as it arrived (before any {@code Content-Encoding} is
         * undone). The buffers are read during the call only.
         *
         * @param chunk the bytes
         */
        void onBody(List<ByteBuffer> chunk);

        /** The body ended cleanly. */
        void onComplete();

        /**
         * The exchange failed: before the response (the connection could not be made) or during
         * its body.
         *
         * @param error what went wrong
         */
        void onError(Throwable error);
    }

    /**
     * Sees the bytes of each response a tapped transport reads: for counting, logging or
     * recording. Called on the thread that reads (the transport's, or a blocking reader's own
     * for a transport that {@linkplain Exchange#readsOnCaller reads on the caller}), sequentially
     * per response.
     */
    interface Tap {

        /**
         * A response arrived; its body's bytes go to the returned sink, if any.
         *
         * @param response the response head
         * @param uri      the URI it came from
         * @return where to show this response's body, or empty to leave it alone
         */
        Optional<BodyTap> onResponse(HttpResponse.ResponseInfo response, URI uri);
    }

    /** Sees one response's body. */
    interface BodyTap {

        /**
         * Bytes of the body as they arrived (before any {@code Content-Encoding} is undone), shown
         * before sse4j reads them. Read-only views, valid during the call only.
         *
         * @param bytes the bytes
         */
        void received(ByteBuffer bytes);

        /** The body ended, failed or was aborted; called once. */
        void ended();
    }

    /**
     * The built-in transport: sends {@code request} (again on each attempt) on the JDK's
     * {@code client}. See {@link EventStream#newClientBuilder()} for a client set up for event
     * streams.
     *
     * @param client  the client
     * @param request the request
     * @return the transport
     */
    static SseTransport of(HttpClient client, HttpRequest request) {
        Objects.requireNonNull(request, "request");
        return of(client, attempt -> request);
    }

    /**
     * The built-in transport, building each attempt's request with {@code requests}: to refresh
     * an auth token, or move a cursor into the URL or body.
     *
     * @param client   the client
     * @param requests builds the request of each attempt; must not return {@code null}
     * @return the transport
     */
    static SseTransport of(HttpClient client, Function<Attempt, HttpRequest> requests) {
        return of(client, requests, SseOptions.defaults());
    }

    /**
     * The built-in transport, building each attempt's request with {@code requests}, with the
     * {@linkplain SseOptions#isSensitive sensitive headers} of {@code options}.
     *
     * <p>Redirects are followed by sse4j, not by the JDK, as the client's
     * {@link HttpClient#followRedirects() policy} says: {@code NORMAL} follows all but https to
     * http, {@code ALWAYS} all, {@code NEVER} none (the redirect is then refused with an
     * {@link SseResponseException} that says so). At most 10 hops; a 303, and a 301 or 302 after
     * a {@code POST}, continue as a {@code GET} without a body; and the sensitive headers are
     * dropped when a hop leaves the origin (scheme, host and port), as curl and Fetch do, where
     * the JDK would send them on. A JDK client set to follow redirects is used through a twin
     * with the same settings that does not (made once per client); a client of another class is
     * sent through as it is. Each reconnect starts again from the request's own URI.
     *
     * @param client   the client
     * @param requests builds the request of each attempt; must not return {@code null}
     * @param options  which headers are credentials
     * @return the transport
     */
    static SseTransport of(HttpClient client, Function<Attempt, HttpRequest> requests, SseOptions options) {
        Objects.requireNonNull(options, "options");
        return new JdkTransport(Objects.requireNonNull(client, "client"), Objects.requireNonNull(requests, "requests"),
                options::isSensitive);
    }

    /**
     * {@code transport}, with each response's body shown to {@code tap} as it arrives.
     *
     * @param transport the transport to decorate
     * @param tap       what sees the bytes
     * @return the tapped transport
     */
    static SseTransport tap(SseTransport transport, Tap tap) {
        return new TappedTransport(Objects.requireNonNull(transport, "transport"), Objects.requireNonNull(tap, "tap"));
    }
}
