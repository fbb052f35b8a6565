package io.sse4j.testkit;

import io.sse4j.ServerSentEvent;
import io.sse4j.SseParser;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A minimal event-source client over raw sockets for testing {@link ResumableScenario}: one
 * connection at a time, each a {@code GET} with the {@code Last-Event-ID} so far, its body read to
 * the end (or a reset) and parsed by a fresh {@link SseParser}; it reconnects at once, whatever the
 * answer, until a {@code 204}. Every read is bounded by {@link RawClient#TIMEOUT}.
 */
final class ResumingClient {

    /**
     * One connection as the client saw it.
     *
     * @param sentLastEventId the {@code Last-Event-ID} sent, {@code ""} for none
     * @param head            the response head, {@code ""} if the connection ended before it
     * @param status          the status code, or -1 if the head did not arrive whole
     * @param body            the body bytes received
     * @param events          the events parsed from them
     * @param endedCleanly    whether the body ended at a block boundary ({@link SseParser#finish()})
     * @param reset           whether the connection was reset rather than closed
     */
    record Exchange(String sentLastEventId, String head, int status, byte[] body, List<ServerSentEvent> events,
                    boolean endedCleanly, boolean reset) {

        boolean hasHeader(String line) {
            return head.contains("\r\n" + line + "\r\n");
        }
    }

    private final MockSseServer server;
    private final String target;
    private final List<ServerSentEvent> events = new ArrayList<>();
    private final List<Exchange> exchanges = new ArrayList<>();
    private String lastEventId = "";

    ResumingClient(MockSseServer server, String target) {
        this.server = server;
        this.target = target;
    }

    /** Connects again and again until a 204; fails after {@code maxConnections}. */
    ResumingClient runToCompletion(int maxConnections) throws IOException {
        for (int i = 0; i < maxConnections; i++) {
            if (connectOnce().status() == 204) {
                return this;
            }
        }
        throw new AssertionError("no 204 after " + maxConnections + " connections; last event ID \""
                + lastEventId + "\"");
    }

    /** One connection: request, head, body to the end; events and the last event ID carried over. */
    Exchange connectOnce() throws IOException {
        String sent = lastEventId;
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", server.port()), (int) RawClient.TIMEOUT.toMillis());
            socket.setSoTimeout((int) RawClient.TIMEOUT.toMillis());
            String request = "GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n"
                    + (sent.isEmpty() ? "" : "Last-Event-ID: " + sent + "\r\n") + "\r\n";
            socket.getOutputStream().write(request.getBytes(StandardCharsets.UTF_8));
            InputStream in = new BufferedInputStream(socket.getInputStream());
            List<ServerSentEvent> received = new ArrayList<>();
            SseParser parser = SseParser.of(received::add);
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            boolean reset = false;
            try {
                readHead(in, head);
                byte[] buffer = new byte[8192];
                for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                    body.write(buffer, 0, n);
                    parser.feed(buffer, 0, n);
                }
            } catch (SocketException e) {
                // A reset (never a timeout: SocketTimeoutException is not a SocketException).
                reset = true;
            }
            boolean clean = parser.finish();
            String headText = head.toString(StandardCharsets.ISO_8859_1);
            int status = headText.endsWith("\r\n\r\n") ? Integer.parseInt(headText.substring(9, 12)) : -1;
            if (status == 200) {
                events.addAll(received);
                if (!parser.lastEventId().isEmpty()) {
                    lastEventId = parser.lastEventId();
                }
            }
            Exchange exchange = new Exchange(sent, headText, status, body.toByteArray(), List.copyOf(received),
                    clean, reset);
            exchanges.add(exchange);
            return exchange;
        }
    }

    /** Reads through the blank line that ends the head, or to the end of the stream. */
    private static void readHead(InputStream in, ByteArrayOutputStream head) throws IOException {
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                return;
            }
            head.write(b);
            matched = b == "\r\n\r\n".charAt(matched) ? matched + 1 : b == '\r' ? 1 : 0;
        }
    }

    List<ServerSentEvent> events() {
        return events;
    }

    List<Exchange> exchanges() {
        return exchanges;
    }

    Exchange last() {
        return exchanges.get(exchanges.size() - 1);
    }
}
