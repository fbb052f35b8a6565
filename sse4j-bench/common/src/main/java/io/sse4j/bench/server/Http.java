package io.sse4j.bench.server;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.ProtocolException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/** The little HTTP/1.1 the benchmark servers speak: read a request head, write a chunked event stream. */
final class Http {

    /** A request head longer than this is refused: {@value} bytes. */
    static final int MAX_REQUEST_HEAD = 16 * 1024;

    /**
     * The head of every event-stream response: chunked, so the body can go on for as long as the
     * server likes, and {@code Connection: close}, so every stream is its own connection.
     */
    static final byte[] EVENT_STREAM_HEAD = ascii("HTTP/1.1 200 OK\r\n"
            + "Content-Type: text/event-stream\r\n"
            + "Cache-Control: no-store\r\n"
            + "Transfer-Encoding: chunked\r\n"
            + "Connection: close\r\n"
            + "\r\n");

    static final byte[] NOT_FOUND = ascii("HTTP/1.1 404 Not Found\r\n"
            + "Content-Type: text/plain\r\n"
            + "Content-Length: 10\r\n"
            + "Connection: close\r\n"
            + "\r\n"
            + "not found\n");

    static final byte[] SERVICE_UNAVAILABLE = ascii("HTTP/1.1 503 Service Unavailable\r\n"
            + "Content-Length: 0\r\n"
            + "Connection: close\r\n"
            + "\r\n");

    /** The chunk that ends a chunked body. */
    static final byte[] LAST_CHUNK = ascii("0\r\n\r\n");

    private Http() {
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * Reads a request head up to and including the blank line, and returns its request target
     * (path and query). Requests have no body here: the benchmarks only send GET.
     */
    static String readRequestTarget(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream(512);
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException("connection closed inside the request head");
            }
            head.write(b);
            if (head.size() > MAX_REQUEST_HEAD) {
                throw new ProtocolException("request head longer than " + MAX_REQUEST_HEAD + " bytes");
            }
            matched = b == (matched % 2 == 0 ? '\r' : '\n') ? matched + 1 : b == '\r' ? 1 : 0;
        }
        return requestTarget(head.toString(StandardCharsets.ISO_8859_1));
    }

    /** The target of a request head's first line, {@code METHOD SP target SP version}. */
    static String requestTarget(String head) throws ProtocolException {
        int lineEnd = head.indexOf("\r\n");
        String line = lineEnd < 0 ? head : head.substring(0, lineEnd);
        int first = line.indexOf(' ');
        int last = line.lastIndexOf(' ');
        if (first < 0 || last <= first) {
            throw new ProtocolException("not an HTTP request line: " + line);
        }
        return line.substring(first + 1, last);
    }

    /** The path of a request target, without its query. */
    static String path(String target) {
        int q = target.indexOf('?');
        return q < 0 ? target : target.substring(0, q);
    }

    /** The query parameters of a request target; the benchmarks use plain names and numbers, so nothing is decoded. */
    static Map<String, String> query(String target) {
        Map<String, String> parameters = new HashMap<>();
        int q = target.indexOf('?');
        if (q < 0) {
            return parameters;
        }
        for (String pair : target.substring(q + 1).split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                parameters.put(pair.substring(0, eq), pair.substring(eq + 1));
            }
        }
        return parameters;
    }

    /** One chunk of a chunked body: the size in hex, CRLF, the bytes, CRLF. */
    static byte[] chunk(byte[] data, int offset, int length) {
        byte[] size = ascii(Integer.toHexString(length) + "\r\n");
        byte[] chunk = new byte[size.length + length + 2];
        System.arraycopy(size, 0, chunk, 0, size.length);
        System.arraycopy(data, offset, chunk, size.length, length);
        chunk[chunk.length - 2] = '\r';
        chunk[chunk.length - 1] = '\n';
        return chunk;
    }

    /** All of {@code body} framed as chunks of {@code chunkSize} bytes (the last may be shorter), without the last chunk. */
    static byte[] chunked(byte[] body, int chunkSize) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(body.length + body.length / chunkSize * 10 + 16);
        for (int offset = 0; offset < body.length; offset += chunkSize) {
            byte[] chunk = chunk(body, offset, Math.min(chunkSize, body.length - offset));
            out.write(chunk, 0, chunk.length);
        }
        return out.toByteArray();
    }
}
