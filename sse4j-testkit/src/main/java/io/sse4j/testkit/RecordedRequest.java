package io.sse4j.testkit;

import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;

/**
 * A request as {@link MockSseServer} received it: request line, headers and body. Immutable.
 *
 * <p>Header names compare ignoring case, as in {@link HttpHeaders}: {@code
 * headers().firstValue("last-event-id")} finds a {@code Last-Event-ID} header. Values are kept as
 * received, without the whitespace around them; repeated headers keep every value in order.
 */
public final class RecordedRequest {

    private final String method;
    private final String target;
    private final String version;
    private final HttpHeaders headers;
    private final byte[] body;
    private final int sequenceNumber;
    private final int connectionNumber;

    RecordedRequest(String method, String target, String version, HttpHeaders headers, byte[] body,
                    int sequenceNumber, int connectionNumber) {
        this.method = method;
        this.target = target;
        this.version = version;
        this.headers = headers;
        this.body = body;
        this.sequenceNumber = sequenceNumber;
        this.connectionNumber = connectionNumber;
    }

    /**
     * The request method, such as {@code GET}.
     *
     * @return the method, as sent
     */
    public String method() {
        return method;
    }

    /**
     * The request target exactly as sent on the request line, such as {@code /events?topic=a}.
     *
     * @return the request target
     */
    public String target() {
        return target;
    }

    /**
     * The request target without its query, such as {@code /events}; not decoded.
     *
     * @return the path
     */
    public String path() {
        int query = target.indexOf('?');
        return query < 0 ? target : target.substring(0, query);
    }

    /**
     * The protocol version from the request line, such as {@code HTTP/1.1}.
     *
     * @return the version, as sent
     */
    public String version() {
        return version;
    }

    /**
     * The request headers, names compared ignoring case. Trailer fields of a chunked body are not
     * included.
     *
     * @return the headers
     */
    public HttpHeaders headers() {
        return headers;
    }

    /**
     * The value of the {@code Last-Event-ID} header, which an event source sends when it
     * reconnects (WHATWG HTML §9.2.4).
     *
     * @return the header's first value, or {@code ""} if the request had none, as in the spec
     */
    public String lastEventId() {
        return headers.firstValue("Last-Event-ID").orElse("");
    }

    /**
     * The body, read by {@code Content-Length} or decoded from {@code Transfer-Encoding: chunked}.
     *
     * @return a copy of the body's bytes, empty if there was none
     */
    public byte[] body() {
        return body.clone();
    }

    /**
     * The body decoded as UTF-8 (malformed input becomes U+FFFD).
     *
     * @return the body text, empty if there was none
     */
    public String bodyAsString() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /**
     * Where this request comes among all the requests the server received, counting from 0.
     *
     * @return the request's sequence number
     */
    public int sequenceNumber() {
        return sequenceNumber;
    }

    /**
     * Which connection carried this request, counting accepted connections from 0. Requests with
     * the same number shared a kept-alive connection.
     *
     * @return the connection's number
     */
    public int connectionNumber() {
        return connectionNumber;
    }

    /** The request line and body size, for logs and assertion messages. */
    @Override
    public String toString() {
        return "RecordedRequest[" + method + ' ' + target + ' ' + version + ", " + body.length
                + " body bytes, #" + sequenceNumber + " on connection " + connectionNumber + ']';
    }
}
