package io.sse4j.testkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sse4j.ServerSentEvent;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What a response puts on the wire, byte for byte, read over a plain socket. */
class ResponseWireFormatTest {

    private static final String DEFAULT_HEAD = "HTTP/1.1 200 OK\r\n"
            + "Content-Type: text/event-stream\r\n"
            + "Cache-Control: no-store\r\n"
            + "Connection: close\r\n"
            + "\r\n";

    private MockSseServer server;

    @BeforeEach
    void start() throws Exception {
        server = MockSseServer.start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void eventStreamIsWrittenExactlyThenEndsWithClose() throws Exception {
        server.enqueue(MockResponse.newBuilder()
                .event(ServerSentEvent.of("hello"))
                .event(ServerSentEvent.of("update", "line 1\nline 2", "7"))
                .comment("keep-alive")
                .retry(Duration.ofMillis(1500))
                .event(ServerSentEvent.of("update", "again", "7"))
                .build());
        try (RawClient client = new RawClient(server)) {
            String response = client.get("/events").readToEndAsString();
            assertEquals(DEFAULT_HEAD
                    + "data: hello\n\n"
                    + "event: update\nid: 7\ndata: line 1\ndata: line 2\n\n"
                    + ": keep-alive\n"
                    + "retry: 1500\n"
                    + "event: update\ndata: again\n\n", response);
        }
    }

    @Test
    void rawBytesAreWrittenUnchanged() throws Exception {
        byte[] odd = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, 'd', 'a', 't', 'a', ':', (byte) 0xFF, '\r', '\r', 0};
        server.enqueue(MockResponse.newBuilder().raw(odd).raw("é\r\n").build());
        try (RawClient client = new RawClient(server)) {
            byte[] response = client.get("/").readToEnd();
            ByteArrayOutputStream expected = new ByteArrayOutputStream();
            expected.writeBytes(DEFAULT_HEAD.getBytes(StandardCharsets.US_ASCII));
            expected.writeBytes(odd);
            expected.writeBytes(new byte[] {(byte) 0xC3, (byte) 0xA9, '\r', '\n'});
            assertArrayEquals(expected.toByteArray(), response);
        }
    }

    @Test
    void headersCanBeAddedReplacedAndRemovedInOrder() throws Exception {
        server.enqueue(MockResponse.newBuilder()
                .status(200, "Fine")
                .header("X-One", "1")
                .contentType("text/html; charset=utf-8")
                .header("X-One", "2")
                .setHeader("x-one", "only")
                .removeHeader("cache-control")
                .header("Connection", "keep-alive")
                .raw("<p>not a stream</p>")
                .build());
        try (RawClient client = new RawClient(server)) {
            assertEquals("HTTP/1.1 200 Fine\r\n"
                    + "Content-Type: text/html; charset=utf-8\r\n"
                    + "x-one: only\r\n"
                    + "Connection: keep-alive\r\n"
                    + "\r\n"
                    + "<p>not a stream</p>", client.get("/").readToEndAsString());
        }
    }

    @Test
    void noContentHasNoBody() throws Exception {
        server.enqueue(MockResponse.newBuilder().status(204).build());
        try (RawClient client = new RawClient(server)) {
            assertEquals("HTTP/1.1 204 No Content\r\n"
                    + "Content-Type: text/event-stream\r\n"
                    + "Cache-Control: no-store\r\n"
                    + "Connection: close\r\n"
                    + "\r\n", client.get("/").readToEndAsString());
        }
    }

    @Test
    void serviceUnavailableWithRetryAfterAndHtmlBody() throws Exception {
        server.enqueue(MockResponse.newBuilder()
                .status(503)
                .contentType("text/html")
                .header("Retry-After", "5")
                .raw("<h1>busy</h1>")
                .fixedLength()
                .build());
        try (RawClient client = new RawClient(server)) {
            assertEquals("HTTP/1.1 503 Service Unavailable\r\n"
                    + "Content-Type: text/html\r\n"
                    + "Cache-Control: no-store\r\n"
                    + "Retry-After: 5\r\n"
                    + "Content-Length: 13\r\n"
                    + "Connection: close\r\n"
                    + "\r\n"
                    + "<h1>busy</h1>", client.get("/").readToEndAsString());
        }
    }

    @Test
    void unknownStatusHasEmptyReason() throws Exception {
        server.enqueue(MockResponse.newBuilder().status(599).removeHeader("Content-Type")
                .removeHeader("Cache-Control").build());
        try (RawClient client = new RawClient(server)) {
            assertEquals("HTTP/1.1 599 \r\nConnection: close\r\n\r\n", client.get("/").readToEndAsString());
        }
    }

    @Test
    void chunkedEncodingFramesEachWriteAndSkipsEmptyOnes() throws Exception {
        server.enqueue(MockResponse.newBuilder()
                .chunkedEncoding()
                .event(ServerSentEvent.of("hi"))
                .raw("")
                .raw(new byte[20])
                .build());
        try (RawClient client = new RawClient(server)) {
            assertEquals("HTTP/1.1 200 OK\r\n"
                    + "Content-Type: text/event-stream\r\n"
                    + "Cache-Control: no-store\r\n"
                    + "Transfer-Encoding: chunked\r\n"
                    + "Connection: close\r\n"
                    + "\r\n"
                    + "a\r\ndata: hi\n\n\r\n"
                    + "14\r\n" + "\0".repeat(20) + "\r\n"
                    + "0\r\n\r\n", client.get("/").readToEndAsString());
        }
    }

    @Test
    void chunkSizeSplitsWritesIntoSeparateHttpChunks() throws Exception {
        server.enqueue(MockResponse.newBuilder().chunkedEncoding().chunkSize(4).raw("data: x\n\n").build());
        try (RawClient client = new RawClient(server)) {
            String response = client.get("/").readToEndAsString();
            assertTrue(response.endsWith("\r\n\r\n4\r\ndata\r\n4\r\n: x\n\r\n1\r\n\n\r\n0\r\n\r\n"), response);
        }
    }

    @Test
    void chunkSizeSplitsWritesIntoSeparateReads() throws Exception {
        int chunkSize = 4;
        // The pause makes each piece arrive on its own; a read never spans two pieces.
        server.enqueue(MockResponse.newBuilder()
                .chunkSize(chunkSize)
                .chunkPause(Duration.ofMillis(150))
                .raw("data: abcdefghij\n\n")
                .build());
        try (RawClient client = new RawClient(server)) {
            client.get("/");
            List<byte[]> reads = client.reads();
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            int headLength = DEFAULT_HEAD.length();
            int offset = 0;
            for (byte[] read : reads) {
                int bodyStart = Math.max(offset - headLength, 0);
                int bodyEnd = offset + read.length - headLength;
                if (bodyEnd > 0) {
                    assertEquals(bodyStart / chunkSize, (bodyEnd - 1) / chunkSize,
                            "a read spans two pieces: body bytes " + bodyStart + " to " + bodyEnd);
                }
                offset += read.length;
                all.writeBytes(read);
            }
            assertEquals(DEFAULT_HEAD + "data: abcdefghij\n\n", all.toString(StandardCharsets.ISO_8859_1));
            assertTrue(reads.size() >= 5, "reads: " + reads.size());
        }
    }

    @Test
    void fixedLengthCountsEveryWrite() throws Exception {
        server.enqueue(MockResponse.newBuilder()
                .status(404)
                .contentType("text/html")
                .raw("<p>")
                .pause(Duration.ofMillis(1))
                .raw("gone é</p>")
                .fixedLength()
                .build());
        try (RawClient client = new RawClient(server)) {
            String response = client.get("/").readToEndAsString();
            assertTrue(response.contains("\r\nContent-Length: 14\r\n"), response);
            assertTrue(response.startsWith("HTTP/1.1 404 Not Found\r\n"), response);
        }
    }

    @Test
    void wrongContentLengthIsSentAsGiven() throws Exception {
        server.enqueue(MockResponse.newBuilder().setHeader("Content-Length", "100").raw("short").fixedLength().build());
        try (RawClient client = new RawClient(server)) {
            String response = client.get("/").readToEndAsString();
            assertTrue(response.contains("\r\nContent-Length: 100\r\n"), response);
            assertTrue(response.endsWith("\r\n\r\nshort"), response);
        }
    }

    @Test
    void builderRejectsWhatWouldBreakTheHead() {
        MockResponse.Builder builder = MockResponse.newBuilder();
        assertThrows(IllegalArgumentException.class, () -> builder.header("X-A", "1\r\nX-B: 2"));
        assertThrows(IllegalArgumentException.class, () -> builder.header("X A", "1"));
        assertThrows(IllegalArgumentException.class, () -> builder.header("", "1"));
        assertThrows(IllegalArgumentException.class, () -> builder.status(99));
        assertThrows(IllegalArgumentException.class, () -> builder.status(200, "O\nK"));
        assertThrows(IllegalArgumentException.class, () -> builder.pause(Duration.ofMillis(-1)));
        assertThrows(IllegalArgumentException.class, () -> builder.chunkSize(-1));
        assertThrows(IllegalArgumentException.class, () -> builder.disconnectAfterBodyBytes(-1));
        assertThrows(NullPointerException.class, () -> builder.raw((String) null));
        assertThrows(IllegalStateException.class, () -> MockResponse.newBuilder().keepAlive().build());
    }

    @Test
    void responseReportsItsHeadersIncludingFraming() {
        MockResponse response = MockResponse.newBuilder().status(201).raw("abc").fixedLength().build();
        assertEquals(201, response.status());
        assertEquals(List.of("3"), response.headers().allValues("content-length"));
        assertEquals(List.of("close"), response.headers().allValues("Connection"));
        assertEquals(List.of("text/event-stream"), response.headers().allValues("Content-Type"));
        assertEquals("MockResponse[HTTP/1.1 201 Created, 1 steps, fixed-length]", response.toString());
    }
}
