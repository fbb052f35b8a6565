package io.sse4j.bench.e2e;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ProtocolException;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * The least a client can do with an event stream: one GET over a plain socket, then read the body
 * to the end, undoing chunked framing and counting blank lines (LF LF), without making a string.
 * No SSE library does less, so its rate is the ceiling the server and the loopback set for all of
 * them. It understands just enough HTTP for the benchmark servers: a {@code 200} with
 * {@code Transfer-Encoding: chunked}, or a body delimited by the connection's close.
 */
public final class RawHttpReader {

    private static final int BUFFER_SIZE = 64 * 1024;

    private RawHttpReader() {
    }

    /** What one read found. */
    public record Result(long bodyBytes, int blankLines) {
    }

    /**
     * Requests {@code uri} and reads the whole response.
     *
     * @param uri          an {@code http://} URI
     * @param timeoutMillis bound on each socket read
     * @return the size of the body after unchunking, and the number of LF LF pairs in it
     * @throws IOException if the connection fails or the response is not {@code 200}
     */
    public static Result read(URI uri, int timeoutMillis) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), timeoutMillis);
            socket.setSoTimeout(timeoutMillis);
            String target = uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + target + " HTTP/1.1\r\nHost: " + uri.getHost() + ":" + uri.getPort()
                    + "\r\nAccept: text/event-stream\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            return new Decoder().decode(socket.getInputStream());
        }
    }

    /** A state machine over the response bytes, fed one buffer at a time. */
    private static final class Decoder {
        private static final int HEAD = 0;
        private static final int SIZE = 1;
        private static final int DATA = 2;
        private static final int DATA_END = 3;
        private static final int DONE = 4;
        private static final int UNTIL_CLOSE = 5;

        private final StringBuilder head = new StringBuilder(256);
        private int state = HEAD;
        private long chunkLeft;
        private int dataEndLeft;
        private boolean sizeDigitsOver;
        private boolean lastWasLf;
        private long bodyBytes;
        private int blankLines;

        Result decode(InputStream in) throws IOException {
            byte[] buffer = new byte[BUFFER_SIZE];
            int n;
            while ((n = in.read(buffer)) >= 0) {
                int i = 0;
                while (i < n) {
                    i = step(buffer, i, n);
                }
            }
            if (state != DONE && state != UNTIL_CLOSE) {
                throw new ProtocolException("response ended early (state " + state + ")");
            }
            return new Result(bodyBytes, blankLines);
        }

        /** Consumes bytes from {@code i}, and returns the index of the first one not consumed. */
        private int step(byte[] b, int i, int n) throws ProtocolException {
            switch (state) {
                case HEAD -> {
                    head.append((char) (b[i] & 0xFF));
                    if (head.length() >= 4 && head.lastIndexOf("\r\n\r\n") == head.length() - 4) {
                        String text = head.toString();
                        if (!text.startsWith("HTTP/1.1 200")) {
                            throw new ProtocolException("expected 200, got " + text.lines().findFirst().orElse(""));
                        }
                        state = text.toLowerCase(java.util.Locale.ROOT).contains("transfer-encoding: chunked") ? SIZE : UNTIL_CLOSE;
                    }
                    return i + 1;
                }
                case SIZE -> {
                    byte c = b[i];
                    if (c == '\n') {
                        state = chunkLeft == 0 ? DONE : DATA;
                        sizeDigitsOver = false;
                    } else if (c == ';' || c == '\r' || c == ' ') {
                        sizeDigitsOver = true;
                    } else if (!sizeDigitsOver) {
                        int digit = Character.digit(c, 16);
                        if (digit < 0) {
                            throw new ProtocolException("bad chunk size byte " + c);
                        }
                        chunkLeft = chunkLeft * 16 + digit;
                    }
                    return i + 1;
                }
                case DATA, UNTIL_CLOSE -> {
                    int end = state == DATA ? (int) Math.min(n, i + chunkLeft) : n;
                    for (int j = i; j < end; j++) {
                        if (b[j] == '\n') {
                            if (lastWasLf) {
                                blankLines++;
                                lastWasLf = false;
                            } else {
                                lastWasLf = true;
                            }
                        } else {
                            lastWasLf = false;
                        }
                    }
                    bodyBytes += end - i;
                    if (state == DATA) {
                        chunkLeft -= end - i;
                        if (chunkLeft == 0) {
                            state = DATA_END;
                            dataEndLeft = 2;
                        }
                    }
                    return end;
                }
                case DATA_END -> {
                    if (--dataEndLeft == 0) {
                        state = SIZE;
                    }
                    return i + 1;
                }
                default -> {
                    // DONE: trailers and the end of the connection.
                    return n;
                }
            }
        }
    }
}
