package io.sse4j.bench.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class IdleServerTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final String COMMENT_CHUNK = "8\r\n: idle\n\n\r\n";

    @Test
    void answersEveryConnectionWithOneCommentAndCountsClientCloses() throws Exception {
        try (IdleServer server = IdleServer.start(100)) {
            List<Socket> sockets = new ArrayList<>();
            try {
                for (int i = 0; i < 20; i++) {
                    Socket socket = new Socket("127.0.0.1", server.port());
                    socket.setSoTimeout((int) TIMEOUT.toMillis());
                    sockets.add(socket);
                    // Split the request head, as a slow client might.
                    socket.getOutputStream().write("GET /idle HTTP/1.1\r\nHost: x\r".getBytes(StandardCharsets.US_ASCII));
                    socket.getOutputStream().flush();
                    socket.getOutputStream().write("\n\r\n".getBytes(StandardCharsets.US_ASCII));
                }
                for (Socket socket : sockets) {
                    String response = readUntil(socket.getInputStream(), COMMENT_CHUNK);
                    assertTrue(response.startsWith("HTTP/1.1 200 OK\r\n"), response);
                    assertTrue(response.contains("Content-Type: text/event-stream\r\n"), response);
                }
                server.awaitStreams(20, TIMEOUT);
            } finally {
                for (Socket socket : sockets) {
                    socket.close();
                }
            }
            server.awaitClientCloses(20, TIMEOUT);
            assertEquals(0, server.openConnections());
        }
    }

    @Test
    void closesConnectionsBeyondItsMaximum() throws Exception {
        try (IdleServer server = IdleServer.start(1);
             Socket first = new Socket("127.0.0.1", server.port());
             Socket second = new Socket("127.0.0.1", server.port())) {
            first.getOutputStream().write("GET / HTTP/1.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            readUntil(first.getInputStream(), COMMENT_CHUNK);
            second.setSoTimeout((int) TIMEOUT.toMillis());
            assertEquals(-1, second.getInputStream().read(), "the second connection is closed unanswered");
            server.awaitStreams(1, TIMEOUT);
        }
    }

    private static String readUntil(InputStream in, String end) throws IOException {
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        while (!got.toString(StandardCharsets.US_ASCII).endsWith(end)) {
            int b = in.read();
            if (b < 0) {
                throw new java.io.EOFException("ended before " + end + ": " + got);
            }
            got.write(b);
        }
        return got.toString(StandardCharsets.US_ASCII);
    }
}
