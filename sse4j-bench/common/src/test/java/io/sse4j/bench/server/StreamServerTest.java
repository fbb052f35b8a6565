package io.sse4j.bench.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sse4j.bench.Workload;
import io.sse4j.bench.Workloads;
import io.sse4j.bench.e2e.RawHttpReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ProtocolException;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class StreamServerTest {

    private static final int TIMEOUT_MILLIS = 30_000;

    @Test
    void workloadStreamCarriesTheWorkloadBytesPassesTimes() throws IOException {
        Workload llm = Workloads.of(Workloads.LLM);
        try (StreamServer server = StreamServer.start()) {
            RawHttpReader.Result one = RawHttpReader.read(server.workloadUri(Workloads.LLM, 1), TIMEOUT_MILLIS);
            assertEquals(llm.bytes().length, one.bodyBytes());
            assertEquals(llm.events(), one.blankLines());
            RawHttpReader.Result two = RawHttpReader.read(server.workloadUri(Workloads.LLM, 2), TIMEOUT_MILLIS);
            assertEquals(2L * llm.bytes().length, two.bodyBytes());
            assertEquals(2 * llm.events(), two.blankLines());
        }
    }

    @Test
    void framedWorkloadUnframesToTheWorkload() {
        byte[] body = Workloads.of(Workloads.LARGE).bytes();
        try (StreamServer server = StreamServerTest.startQuietly()) {
            byte[] framed = server.framedWorkload(Workloads.LARGE);
            byte[] unframed = new byte[body.length];
            int in = 0;
            int out = 0;
            while (true) {
                int lineEnd = indexOf(framed, in, (byte) '\r');
                int size = Integer.parseInt(new String(framed, in, lineEnd - in, StandardCharsets.US_ASCII), 16);
                in = lineEnd + 2;
                if (in >= framed.length && size == 0) {
                    break;
                }
                assertTrue(size > 0 && size <= StreamServer.WORKLOAD_CHUNK_SIZE, "chunk size " + size);
                System.arraycopy(framed, in, unframed, out, size);
                in += size + 2;
                out += size;
                if (in == framed.length) {
                    break;
                }
            }
            assertEquals(body.length, out);
            assertTrue(java.util.Arrays.equals(body, unframed));
        }
    }

    @Test
    void pacedStreamNumbersItsEventsAndStampsThemWithNanoTime() throws IOException {
        try (StreamServer server = StreamServer.start(); Socket socket = connect(server.pacedUri(5, 100))) {
            long before = System.nanoTime();
            String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
            assertTrue(response.startsWith("HTTP/1.1 200 OK\r\n"), response);
            assertTrue(response.contains("Transfer-Encoding: chunked\r\n"), response);
            assertTrue(response.endsWith("0\r\n\r\n"), response);
            int from = 0;
            for (int seq = 1; seq <= 5; seq++) {
                int at = response.indexOf("data: " + seq + " ", from);
                assertTrue(at > 0, "event " + seq + " in " + response);
                int end = response.indexOf("\n\n", at);
                long stamp = Long.parseLong(response.substring(at + ("data: " + seq + " ").length(), end));
                assertTrue(stamp - before > -1_000_000_000L && stamp <= System.nanoTime(), "stamp " + stamp);
                from = end;
            }
        }
    }

    @Test
    void idleStreamSendsOneCommentAndStaysOpen() throws IOException {
        try (StreamServer server = StreamServer.start(); Socket socket = connect(server.idleUri())) {
            InputStream in = socket.getInputStream();
            String expected = "8\r\n: idle\n\n\r\n";
            byte[] head = readUntil(in, expected);
            String text = new String(head, StandardCharsets.US_ASCII);
            assertTrue(text.startsWith("HTTP/1.1 200 OK\r\n"), text);
            socket.setSoTimeout(200);
            assertThrows(java.net.SocketTimeoutException.class, in::read, "the idle stream sends nothing more");
        }
    }

    @Test
    void unknownPathIsNotFound() throws IOException {
        try (StreamServer server = StreamServer.start()) {
            URI missing = URI.create(server.idleUri().toString().replace("/idle", "/missing"));
            ProtocolException e = assertThrows(ProtocolException.class, () -> RawHttpReader.read(missing, TIMEOUT_MILLIS));
            assertTrue(e.getMessage().contains("404"), e.getMessage());
        }
    }

    private static StreamServer startQuietly() {
        try {
            return StreamServer.start();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static Socket connect(URI uri) throws IOException {
        Socket socket = new Socket(uri.getHost(), uri.getPort());
        socket.setSoTimeout(TIMEOUT_MILLIS);
        OutputStream out = socket.getOutputStream();
        out.write(("GET " + uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery())
                + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return socket;
    }

    private static byte[] readUntil(InputStream in, String end) throws IOException {
        java.io.ByteArrayOutputStream got = new java.io.ByteArrayOutputStream();
        while (!got.toString(StandardCharsets.US_ASCII).endsWith(end)) {
            int b = in.read();
            if (b < 0) {
                throw new java.io.EOFException("ended before " + end + ": " + got);
            }
            got.write(b);
        }
        return got.toByteArray();
    }

    private static int indexOf(byte[] bytes, int from, byte b) {
        for (int i = from; i < bytes.length; i++) {
            if (bytes[i] == b) {
                return i;
            }
        }
        return -1;
    }
}
