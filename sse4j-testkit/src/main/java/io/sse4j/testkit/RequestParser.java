package io.sse4j.testkit;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.ProtocolException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Reads HTTP/1.1 requests (RFC 9112) one after another from a connection's input stream. Lenient
 * where real servers are (bare LF line endings, empty lines before a request line), strict where
 * a wrong guess would misframe the next request (body length).
 */
final class RequestParser {

    private static final int MAX_HEAD_SIZE = MockSseServer.MAX_REQUEST_HEAD_SIZE;
    private static final int MAX_BODY_SIZE = MockSseServer.MAX_REQUEST_BODY_SIZE;

    /** A request's parts, before the server numbers and records it. */
    static final class Request {
        final String method;
        final String target;
        final String version;
        final Map<String, List<String>> headers;
        final byte[] body;

        Request(String method, String target, String version, Map<String, List<String>> headers, byte[] body) {
            this.method = method;
            this.target = target;
            this.version = version;
            this.headers = headers;
            this.body = body;
        }

        /** Whether the request asked to close the connection after the response. */
        boolean wantsClose() {
            for (String value : headers.getOrDefault("Connection", List.of())) {
                for (String option : value.split(",")) {
                    if (option.trim().equalsIgnoreCase("close")) {
                        return true;
                    }
                }
            }
            return version.equals("HTTP/1.0") && !headers.containsKey("Connection");
        }
    }

    private final InputStream in;
    private int lineBudget;

    /** @param in a buffered stream: the parser reads it a byte at a time */
    RequestParser(InputStream in) {
        this.in = in;
    }

    /**
     * Reads the next request.
     *
     * @return the request, or empty if the stream ended cleanly before one began
     * @throws ProtocolException if the request is malformed or crosses a limit
     * @throws EOFException      if the stream ends inside a request
     * @throws IOException       if reading fails
     */
    Optional<Request> next() throws IOException {
        lineBudget = MAX_HEAD_SIZE;
        String requestLine;
        do {
            // RFC 9112 §2.2: a server SHOULD ignore empty lines received before the request line.
            requestLine = readLine(true);
            if (requestLine == null) {
                return Optional.empty();
            }
        } while (requestLine.isEmpty());
        String[] parts = requestLine.split(" ", -1);
        if (parts.length != 3 || parts[0].isEmpty() || parts[1].isEmpty() || !parts[2].startsWith("HTTP/")) {
            throw new ProtocolException("malformed request line: \"" + requestLine + "\"");
        }
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (String line = readLine(false); !line.isEmpty(); line = readLine(false)) {
            int colon = line.indexOf(':');
            if (colon <= 0 || hasWhitespace(line, colon)) {
                throw new ProtocolException("malformed header line: \"" + line + "\"");
            }
            String name = line.substring(0, colon);
            String value = trimOws(line.substring(colon + 1));
            headers.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
        }
        byte[] body = readBody(headers);
        return Optional.of(new Request(parts[0], parts[1], parts[2], headers, body));
    }

    private byte[] readBody(Map<String, List<String>> headers) throws IOException {
        List<String> transferEncoding = headers.get("Transfer-Encoding");
        if (transferEncoding != null) {
            String codings = String.join(",", transferEncoding).toLowerCase(Locale.ROOT);
            String[] each = codings.split(",");
            // RFC 9112 §6.3: chunked must be the final coding of a request, or the length is unknown.
            if (!each[each.length - 1].trim().equals("chunked")) {
                throw new ProtocolException("Transfer-Encoding of a request must end with chunked: \""
                        + codings + "\"");
            }
            return readChunkedBody();
        }
        List<String> contentLength = headers.get("Content-Length");
        if (contentLength == null) {
            return new byte[0];
        }
        long length = -1;
        for (String value : contentLength) {
            for (String item : value.split(",")) {
                long parsed = parseLength(item.trim());
                if (length >= 0 && parsed != length) {
                    throw new ProtocolException("conflicting Content-Length values: " + contentLength);
                }
                length = parsed;
            }
        }
        if (length > MAX_BODY_SIZE) {
            throw new ProtocolException("request body of " + length + " bytes exceeds the limit of "
                    + MAX_BODY_SIZE + " bytes");
        }
        byte[] body = in.readNBytes((int) length);
        if (body.length < length) {
            throw new EOFException("stream ended after " + body.length + " of " + length + " body bytes");
        }
        return body;
    }

    private byte[] readChunkedBody() throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            lineBudget = MAX_HEAD_SIZE;
            String line = readLine(false);
            int semicolon = line.indexOf(';');
            String hex = (semicolon < 0 ? line : line.substring(0, semicolon)).trim();
            long size;
            try {
                size = hex.isEmpty() || hex.length() > 8 ? -1 : Long.parseLong(hex, 16);
            } catch (NumberFormatException e) {
                size = -1;
            }
            if (size < 0 || hex.startsWith("+") || hex.startsWith("-")) {
                throw new ProtocolException("malformed chunk size line: \"" + line + "\"");
            }
            if (size == 0) {
                // Trailer fields, then the empty line that ends the body; trailers are not recorded.
                while (!readLine(false).isEmpty()) {
                    continue;
                }
                return body.toByteArray();
            }
            if (body.size() + size > MAX_BODY_SIZE) {
                throw new ProtocolException("chunked request body exceeds the limit of " + MAX_BODY_SIZE + " bytes");
            }
            byte[] chunk = in.readNBytes((int) size);
            if (chunk.length < size) {
                throw new EOFException("stream ended inside a chunk");
            }
            body.write(chunk, 0, chunk.length);
            if (!readLine(false).isEmpty()) {
                throw new ProtocolException("chunk data not followed by CRLF");
            }
        }
    }

    /**
     * Reads a line ended by LF or CRLF, without the ending.
     *
     * @param eofAllowed whether a clean end of stream before the line's first byte returns null
     */
    private String readLine(boolean eofAllowed) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(64);
        while (true) {
            int b = in.read();
            if (b < 0) {
                if (eofAllowed && line.size() == 0) {
                    return null;
                }
                throw new EOFException("stream ended inside a request head");
            }
            if (--lineBudget < 0) {
                throw new ProtocolException("request head exceeds the limit of " + MAX_HEAD_SIZE + " bytes");
            }
            if (b == '\n') {
                byte[] bytes = line.toByteArray();
                int length = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                return decode(bytes, length);
            }
            line.write(b);
        }
    }

    /**
     * Decodes a head line as UTF-8 when it is valid UTF-8 (the Last-Event-ID header carries UTF-8,
     * §9.2.4), otherwise as ISO-8859-1, so that no byte is lost either way.
     */
    private static String decode(byte[] bytes, int length) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, 0, length))
                    .toString();
        } catch (CharacterCodingException e) {
            return new String(bytes, 0, length, StandardCharsets.ISO_8859_1);
        }
    }

    private static long parseLength(String value) throws ProtocolException {
        if (value.isEmpty() || value.length() > 18) {
            throw new ProtocolException("malformed Content-Length: \"" + value + "\"");
        }
        for (int i = 0; i < value.length(); i++) {
            if (value.charAt(i) < '0' || value.charAt(i) > '9') {
                throw new ProtocolException("malformed Content-Length: \"" + value + "\"");
            }
        }
        return Long.parseLong(value);
    }

    private static boolean hasWhitespace(String line, int end) {
        for (int i = 0; i < end; i++) {
            if (line.charAt(i) == ' ' || line.charAt(i) == '\t') {
                return true;
            }
        }
        return false;
    }

    /** Strips optional whitespace (SP and HTAB, RFC 9110 §5.6.3) from both ends. */
    private static String trimOws(String value) {
        int start = 0;
        int end = value.length();
        while (start < end && (value.charAt(start) == ' ' || value.charAt(start) == '\t')) {
            start++;
        }
        while (end > start && (value.charAt(end - 1) == ' ' || value.charAt(end - 1) == '\t')) {
            end--;
        }
        return value.substring(start, end);
    }
}
