package io.sse4j.testkit;

import io.sse4j.ServerSentEvent;
import io.sse4j.SseEncoder;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;

/**
 * A scripted HTTP response for {@link MockSseServer}: a status, headers, and a body script of
 * writes, pauses, waits and faults, played in order on the connection.
 *
 * <p>Instances are immutable and may be enqueued or dispatched any number of times. Build one
 * with {@link #newBuilder()}:
 *
 * <pre>{@code
 * CountDownLatch next = new CountDownLatch(1);
 * MockResponse response = MockResponse.newBuilder()
 *         .event(ServerSentEvent.of("first"))
 *         .await(next)                        // the test calls next.countDown() when ready
 *         .event(ServerSentEvent.of("update", "second", "2"))
 *         .stall()                            // keep the stream open until the client closes
 *         .build();
 * }</pre>
 *
 * <h2>What goes on the wire</h2>
 * The head is written in one write: the status line {@code HTTP/1.1 <status> <reason>}, each
 * header as {@code Name: value} in the order the builder added them, and an empty line, each line
 * ended by CRLF. No header is added behind the caller's back except the framing headers named
 * below, and those only when the builder has no header of that name. Each body step is then
 * written with one socket write (and TCP_NODELAY set), unless {@linkplain Builder#chunkSize(int)
 * chunking} splits it.
 *
 * <h2>Framing</h2>
 * <ul>
 *   <li>By default the body is <em>close-delimited</em>: no {@code Content-Length}, the header
 *       {@code Connection: close}, and the body ends when the server closes the connection. This is
 *       how most event streams are served over HTTP/1.1.</li>
 *   <li>{@link Builder#chunkedEncoding()} adds {@code Transfer-Encoding: chunked}; each write
 *       becomes one HTTP chunk and the body ends with the last chunk {@code 0\r\n\r\n}.</li>
 *   <li>{@link Builder#fixedLength()} adds {@code Content-Length} with the total length of the
 *       body's bytes, for ordinary (non-event-stream) bodies such as an HTML error page.</li>
 * </ul>
 * Unless {@link Builder#keepAlive()} is set, {@code Connection: close} is added and the server
 * half-closes the connection when the script ends, then waits for the client to close its side.
 */
public final class MockResponse {

    /** How the end of the body is marked. */
    enum Framing {
        CLOSE_DELIMITED, CHUNKED, FIXED_LENGTH
    }

    private final int status;
    private final List<Map.Entry<String, String>> headers;
    private final byte[] head;
    private final List<Step> steps;
    private final Framing framing;
    private final boolean keepAlive;
    private final int chunkSize;
    private final Duration chunkPause;
    private final long disconnectAfterBodyBytes;
    private final CountDownLatch headLatch;
    private final boolean resetOnDisconnect;

    private MockResponse(Builder builder, List<Map.Entry<String, String>> headers) {
        this.status = builder.status;
        this.headers = headers;
        this.steps = List.copyOf(builder.steps);
        this.framing = builder.framing;
        this.keepAlive = builder.keepAlive;
        this.chunkSize = builder.chunkSize;
        this.chunkPause = builder.chunkPause;
        this.disconnectAfterBodyBytes = builder.disconnectAfterBodyBytes;
        this.headLatch = builder.headLatch;
        this.resetOnDisconnect = builder.resetOnDisconnect;
        StringBuilder text = new StringBuilder(128);
        text.append("HTTP/1.1 ").append(status).append(' ').append(builder.reason).append("\r\n");
        for (Map.Entry<String, String> header : headers) {
            text.append(header.getKey()).append(": ").append(header.getValue()).append("\r\n");
        }
        text.append("\r\n");
        // Header values are validated to be single lines; non-ASCII goes out as UTF-8 bytes.
        this.head = text.toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * A new builder for a {@code 200 OK} event stream with the headers
     * {@code Content-Type: text/event-stream} and {@code Cache-Control: no-store} and an empty
     * script.
     *
     * @return the builder
     */
    public static Builder newBuilder() {
        return new Builder();
    }

    /**
     * The status code.
     *
     * @return the status code, 100 to 999
     */
    public int status() {
        return status;
    }

    /**
     * The response headers as they will be sent, including the framing headers the builder added.
     * The wire order is the builder's order; this view is sorted by name, as
     * {@link HttpHeaders} is.
     *
     * @return the headers
     */
    public HttpHeaders headers() {
        Map<String, List<String>> map = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (Map.Entry<String, String> header : headers) {
            map.computeIfAbsent(header.getKey(), k -> new ArrayList<>()).add(header.getValue());
        }
        return HttpHeaders.of(map, (name, value) -> true);
    }

    byte[] head() {
        return head;
    }

    /** The latch to wait on before writing the head, or null. */
    CountDownLatch headLatch() {
        return headLatch;
    }

    List<Step> steps() {
        return steps;
    }

    Framing framing() {
        return framing;
    }

    boolean keepAlive() {
        return keepAlive;
    }

    int chunkSize() {
        return chunkSize;
    }

    Duration chunkPause() {
        return chunkPause;
    }

    long disconnectAfterBodyBytes() {
        return disconnectAfterBodyBytes;
    }

    boolean resetOnDisconnect() {
        return resetOnDisconnect;
    }

    /** A one-line description: the status line, the step count and the framing. */
    @Override
    public String toString() {
        String statusLine = new String(head, 0, indexOfCr(head), StandardCharsets.UTF_8);
        return "MockResponse[" + statusLine + ", " + steps.size() + " steps, "
                + framing.name().toLowerCase(Locale.ROOT).replace('_', '-')
                + (keepAlive ? ", keep-alive" : "") + "]";
    }

    private static int indexOfCr(byte[] bytes) {
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == '\r') {
                return i;
            }
        }
        return bytes.length;
    }

    /**
     * The standard reason phrase for a status code, or {@code ""} for codes it does not know.
     */
    static String reasonPhrase(int status) {
        switch (status) {
            case 100: return "Continue";
            case 200: return "OK";
            case 201: return "Created";
            case 202: return "Accepted";
            case 204: return "No Content";
            case 301: return "Moved Permanently";
            case 302: return "Found";
            case 303: return "See Other";
            case 304: return "Not Modified";
            case 307: return "Temporary Redirect";
            case 308: return "Permanent Redirect";
            case 400: return "Bad Request";
            case 401: return "Unauthorized";
            case 403: return "Forbidden";
            case 404: return "Not Found";
            case 405: return "Method Not Allowed";
            case 406: return "Not Acceptable";
            case 408: return "Request Timeout";
            case 409: return "Conflict";
            case 410: return "Gone";
            case 413: return "Content Too Large";
            case 415: return "Unsupported Media Type";
            case 429: return "Too Many Requests";
            case 500: return "Internal Server Error";
            case 501: return "Not Implemented";
            case 502: return "Bad Gateway";
            case 503: return "Service Unavailable";
            case 504: return "Gateway Timeout";
            default: return "";
        }
    }

    /**
     * Builds a {@link MockResponse}. Each method returns this builder; {@link #build()} takes a
     * snapshot, so a builder may go on to build further responses. Not thread-safe.
     *
     * <p>Body steps run in the order they are added. The waiting steps ({@link #pause},
     * {@link #await}, {@link #stall}) end early, abandoning the rest of the script, when the
     * client closes the connection or the server is closed.
     */
    public static final class Builder {

        private int status = 200;
        private String reason = "OK";
        private final List<Map.Entry<String, String>> headers = new ArrayList<>();
        private final List<Step> steps = new ArrayList<>();
        private final SseEncoder encoder = SseEncoder.create();
        private Framing framing = Framing.CLOSE_DELIMITED;
        private boolean keepAlive;
        private int chunkSize;
        private Duration chunkPause = Duration.ZERO;
        private long disconnectAfterBodyBytes = -1;
        private boolean resetOnDisconnect;
        private CountDownLatch headLatch;

        private Builder() {
            headers.add(Map.entry("Content-Type", "text/event-stream"));
            headers.add(Map.entry("Cache-Control", "no-store"));
        }

        /**
         * Sets the status code, with its standard reason phrase ({@code ""} for codes without a
         * well-known one). The default is {@code 200 OK}.
         *
         * @param code the status code, 100 to 999
         * @return this builder
         */
        public Builder status(int code) {
            return status(code, reasonPhrase(code));
        }

        /**
         * Sets the status code and reason phrase.
         *
         * @param code   the status code, 100 to 999
         * @param reason the reason phrase, possibly empty; one line
         * @return this builder
         */
        public Builder status(int code, String reason) {
            Objects.requireNonNull(reason, "reason");
            if (code < 100 || code > 999) {
                throw new IllegalArgumentException("status must be 100 to 999, got " + code);
            }
            requireNoLineBreak("reason", reason);
            this.status = code;
            this.reason = reason;
            return this;
        }

        /**
         * Adds a header after those already added, keeping any others of the same name.
         *
         * @param name  the header name: not empty, without whitespace, colon, CR or LF
         * @param value the value: without CR or LF
         * @return this builder
         */
        public Builder header(String name, String value) {
            validateHeader(name, value);
            headers.add(Map.entry(name, value));
            return this;
        }

        /**
         * Sets a header: replaces the first header of that name (compared ignoring case) in place
         * and removes the others, or adds it at the end if there is none.
         *
         * @param name  the header name: not empty, without whitespace, colon, CR or LF
         * @param value the value: without CR or LF
         * @return this builder
         */
        public Builder setHeader(String name, String value) {
            validateHeader(name, value);
            int first = -1;
            for (int i = 0; i < headers.size(); i++) {
                if (headers.get(i).getKey().equalsIgnoreCase(name)) {
                    if (first < 0) {
                        first = i;
                        headers.set(i, Map.entry(name, value));
                    } else {
                        headers.remove(i--);
                    }
                }
            }
            if (first < 0) {
                headers.add(Map.entry(name, value));
            }
            return this;
        }

        /**
         * Removes every header of that name (compared ignoring case), including the defaults; for
         * example {@code removeHeader("Content-Type")} sends no content type at all.
         *
         * @param name the header name
         * @return this builder
         */
        public Builder removeHeader(String name) {
            Objects.requireNonNull(name, "name");
            headers.removeIf(header -> header.getKey().equalsIgnoreCase(name));
            return this;
        }

        /**
         * Sets {@code Content-Type}, for instance to a wrong one; shorthand for
         * {@code setHeader("Content-Type", value)}.
         *
         * @param value the media type
         * @return this builder
         */
        public Builder contentType(String value) {
            return setHeader("Content-Type", value);
        }

        /**
         * Writes an event in the event stream format. Events are encoded by one
         * {@link SseEncoder} per builder, so an {@code id} field is written only when the event's
         * last event ID differs from the previous event's.
         *
         * @param event the event
         * @return this builder
         * @throws IllegalArgumentException if the encoder cannot encode the event
         */
        public Builder event(ServerSentEvent event) {
            Objects.requireNonNull(event, "event");
            return raw(encoder.encode(event));
        }

        /**
         * Writes a comment, as {@link SseEncoder#comment(String)} encodes it (SSE servers send
         * comments as heartbeats).
         *
         * @param text the comment
         * @return this builder
         */
        public Builder comment(String text) {
            return raw(SseEncoder.comment(text));
        }

        /**
         * Writes a {@code retry} field setting the client's reconnection time.
         *
         * @param reconnectionTime the reconnection time, not negative
         * @return this builder
         */
        public Builder retry(Duration reconnectionTime) {
            return raw(SseEncoder.retry(reconnectionTime));
        }

        /**
         * Writes a string as UTF-8 bytes, exactly: use it for malformed or partial events, CR line
         * endings, a byte order mark, or an ordinary body.
         *
         * @param text the text
         * @return this builder
         */
        public Builder raw(String text) {
            Objects.requireNonNull(text, "text");
            return raw(text.getBytes(StandardCharsets.UTF_8));
        }

        /**
         * Writes bytes exactly as given.
         *
         * @param bytes the bytes; copied
         * @return this builder
         */
        public Builder raw(byte[] bytes) {
            Objects.requireNonNull(bytes, "bytes");
            steps.add(new Step.Bytes(bytes.clone()));
            return this;
        }

        /**
         * Waits this long before the next step.
         *
         * @param duration the pause, not negative
         * @return this builder
         */
        public Builder pause(Duration duration) {
            steps.add(new Step.Pause(requireNotNegative("duration", duration)));
            return this;
        }

        /**
         * Waits until the latch reaches zero before the next step, so a test can release the next
         * bytes exactly when it wants to, without sleeping.
         *
         * @param latch the latch the test counts down
         * @return this builder
         */
        public Builder await(CountDownLatch latch) {
            steps.add(new Step.Await(Objects.requireNonNull(latch, "latch")));
            return this;
        }

        /**
         * Counts the latch down once everything before has been written, so a test can wait until
         * the server reached this point.
         *
         * @param latch the latch the test waits on
         * @return this builder
         */
        public Builder signal(CountDownLatch latch) {
            steps.add(new Step.Signal(Objects.requireNonNull(latch, "latch")));
            return this;
        }

        /**
         * Holds back the whole response, head included, until the latch reaches zero: a server
         * slow to answer, for testing what a client does while it waits for the headers (a
         * timeout, a caller who gives up). If the client closes the connection meanwhile, nothing
         * is written.
         *
         * @param latch the latch the test counts down to let the response go
         * @return this builder
         */
        public Builder awaitBeforeHead(CountDownLatch latch) {
            this.headLatch = Objects.requireNonNull(latch, "latch");
            return this;
        }

        /**
         * Writes nothing more and keeps the connection open until the client closes it or the
         * server is closed: a stream that stays silent forever. Later steps never run.
         *
         * @return this builder
         */
        public Builder stall() {
            steps.add(Step.Stall.INSTANCE);
            return this;
        }

        /**
         * Closes the connection abruptly here, without ending the body (no last chunk, no
         * remaining {@code Content-Length} bytes). After a partial event, for example
         * {@code .raw("data: half an ev").disconnect()}, this is a disconnect mid-event. Later
         * steps never run. See {@link #resetOnDisconnect()}.
         *
         * @return this builder
         */
        public Builder disconnect() {
            steps.add(Step.Disconnect.INSTANCE);
            return this;
        }

        /**
         * Closes the connection abruptly once exactly this many body bytes have been written,
         * counted on the wire (including chunk framing, if any), wherever that falls: inside an
         * event, a chunk, or a write. {@code 0} disconnects right after the head. A script whose
         * body is shorter ends as usual.
         *
         * @param bodyBytes the number of body bytes to write, not negative
         * @return this builder
         */
        public Builder disconnectAfterBodyBytes(long bodyBytes) {
            if (bodyBytes < 0) {
                throw new IllegalArgumentException("bodyBytes must not be negative, got " + bodyBytes);
            }
            this.disconnectAfterBodyBytes = bodyBytes;
            return this;
        }

        /**
         * Makes the disconnect faults ({@link #disconnect()}, {@link #disconnectAfterBodyBytes})
         * reset the connection (TCP RST, by closing with {@code SO_LINGER} zero) instead of
         * closing it normally (FIN). The client then typically sees "connection reset".
         *
         * @return this builder
         */
        public Builder resetOnDisconnect() {
            this.resetOnDisconnect = true;
            return this;
        }

        /**
         * Splits every body write into writes of at most this many bytes, each sent at once,
         * with {@link #chunkPause(Duration)} between them; for testing a client against data that
         * arrives a few bytes at a time. {@code 0}, the default, does not split. This is about
         * socket writes; it is unrelated to {@link #chunkedEncoding()}, though each piece does
         * become its own HTTP chunk there.
         *
         * @param bytes the largest write, at least 1, or 0 for no splitting
         * @return this builder
         */
        public Builder chunkSize(int bytes) {
            if (bytes < 0) {
                throw new IllegalArgumentException("chunk size must not be negative, got " + bytes);
            }
            this.chunkSize = bytes;
            return this;
        }

        /**
         * The pause between the pieces of a write split by {@link #chunkSize(int)}. The default is
         * zero.
         *
         * @param pause the pause, not negative
         * @return this builder
         */
        public Builder chunkPause(Duration pause) {
            this.chunkPause = requireNotNegative("pause", pause);
            return this;
        }

        /**
         * Frames the body with {@code Transfer-Encoding: chunked} instead of the default
         * close-delimited framing, replacing {@link #fixedLength()} if it was called. Empty writes
         * are skipped, since an empty chunk ends the body.
         *
         * @return this builder
         */
        public Builder chunkedEncoding() {
            this.framing = Framing.CHUNKED;
            return this;
        }

        /**
         * Frames the body with a {@code Content-Length} header giving the total length of its
         * writes, instead of the default close-delimited framing, replacing
         * {@link #chunkedEncoding()} if it was called. Set {@code Content-Length} with
         * {@link #setHeader} to send a wrong one.
         *
         * @return this builder
         */
        public Builder fixedLength() {
            this.framing = Framing.FIXED_LENGTH;
            return this;
        }

        /**
         * Keeps the connection open after this response so the client can send another request on
         * it, instead of sending {@code Connection: close}. Needs {@link #chunkedEncoding()} or
         * {@link #fixedLength()}, since a close-delimited body ends only when the connection does.
         * The connection is still closed after the response if the request asked for that.
         *
         * @return this builder
         */
        public Builder keepAlive() {
            this.keepAlive = true;
            return this;
        }

        /**
         * Builds the response: adds the framing headers the builder does not have yet
         * ({@code Transfer-Encoding} or {@code Content-Length}, and {@code Connection: close}
         * unless keep-alive) after the others.
         *
         * @return the response
         * @throws IllegalStateException if {@link #keepAlive()} is set on a close-delimited body
         */
        public MockResponse build() {
            if (keepAlive && framing == Framing.CLOSE_DELIMITED) {
                throw new IllegalStateException("keepAlive() needs chunkedEncoding() or fixedLength(): "
                        + "a close-delimited body ends only when the connection closes");
            }
            List<Map.Entry<String, String>> all = new ArrayList<>(headers);
            if (framing == Framing.CHUNKED && !has(all, "Transfer-Encoding")) {
                all.add(Map.entry("Transfer-Encoding", "chunked"));
            }
            if (framing == Framing.FIXED_LENGTH && !has(all, "Content-Length")) {
                long length = 0;
                for (Step step : steps) {
                    if (step instanceof Step.Bytes) {
                        length += ((Step.Bytes) step).bytes.length;
                    }
                }
                all.add(Map.entry("Content-Length", Long.toString(length)));
            }
            if (!keepAlive && !has(all, "Connection")) {
                all.add(Map.entry("Connection", "close"));
            }
            return new MockResponse(this, Collections.unmodifiableList(all));
        }

        private static boolean has(List<Map.Entry<String, String>> headers, String name) {
            for (Map.Entry<String, String> header : headers) {
                if (header.getKey().equalsIgnoreCase(name)) {
                    return true;
                }
            }
            return false;
        }

        private static void validateHeader(String name, String value) {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(value, "value");
            if (name.isEmpty()) {
                throw new IllegalArgumentException("header name is empty");
            }
            for (int i = 0; i < name.length(); i++) {
                char c = name.charAt(i);
                if (c <= ' ' || c == ':' || c >= 0x7F) {
                    throw new IllegalArgumentException("header name must be visible ASCII without ':', got \""
                            + name + "\"");
                }
            }
            requireNoLineBreak("header value", value);
        }

        private static void requireNoLineBreak(String what, String value) {
            if (value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
                throw new IllegalArgumentException(what + " contains CR or LF, which would end the head line: \""
                        + value.replace("\r", "\\r").replace("\n", "\\n") + "\"");
            }
        }

        private static Duration requireNotNegative(String what, Duration duration) {
            Objects.requireNonNull(duration, what);
            if (duration.isNegative()) {
                throw new IllegalArgumentException(what + " is negative: " + duration);
            }
            return duration;
        }
    }
}
