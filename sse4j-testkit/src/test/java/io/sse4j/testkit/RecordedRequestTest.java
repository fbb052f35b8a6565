package io.sse4j.testkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sse4j.ServerSentEvent;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Requests as the server records them, and how it chooses responses for them. */
class RecordedRequestTest {

    private static final Duration TIMEOUT = RawClient.TIMEOUT;

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
    void postWithContentLengthBodyAndLastEventId() throws Exception {
        server.enqueue(MockResponse.newBuilder().status(204).build());
        try (RawClient client = new RawClient(server)) {
            client.send("POST /events?topic=a HTTP/1.1\r\n"
                    + "Host: 127.0.0.1\r\n"
                    + "last-event-id:   42 \r\n"
                    + "X-Multi: a\r\n"
                    + "x-multi: b\r\n"
                    + "Content-Length: 11\r\n"
                    + "\r\n"
                    + "hello world");
            assertTrue(client.readToEndAsString().startsWith("HTTP/1.1 204 No Content\r\n"));
        }
        RecordedRequest request = server.takeRequest(TIMEOUT);
        assertEquals("POST", request.method());
        assertEquals("/events?topic=a", request.target());
        assertEquals("/events", request.path());
        assertEquals("HTTP/1.1", request.version());
        assertEquals("42", request.lastEventId());
        assertEquals(Optional.of("42"), request.headers().firstValue("Last-Event-ID"));
        assertEquals(List.of("a", "b"), request.headers().allValues("X-MULTI"));
        assertEquals("hello world", request.bodyAsString());
        assertArrayEquals("hello world".getBytes(StandardCharsets.US_ASCII), request.body());
        assertEquals(0, request.sequenceNumber());
        assertEquals(0, request.connectionNumber());
        assertEquals(1, server.requestCount());
    }

    @Test
    void chunkedRequestBodyIsDecoded() throws Exception {
        server.enqueue(MockResponse.newBuilder().build());
        try (RawClient client = new RawClient(server)) {
            client.send("PUT /upload HTTP/1.1\n" // a bare LF is accepted
                    + "Transfer-Encoding: chunked\r\n"
                    + "\r\n"
                    + "5;name=value\r\nhello\r\n"
                    + "C\r\n, chunked é\r\n" // é is two bytes
                    + "0\r\n"
                    + "Trailer-Field: ignored\r\n"
                    + "\r\n");
            client.readToEnd();
        }
        RecordedRequest request = server.takeRequest(TIMEOUT);
        assertEquals("PUT", request.method());
        assertEquals("hello, chunked é", request.bodyAsString());
        assertTrue(request.headers().firstValue("Trailer-Field").isEmpty());
    }

    @Test
    void lastEventIdIsDecodedAsUtf8AndEmptyWhenAbsent() throws Exception {
        try (RawClient client = new RawClient(server)) {
            client.send("GET / HTTP/1.1\r\nLast-Event-ID: évé\r\n\r\n").readToEnd();
        }
        try (RawClient client = new RawClient(server)) {
            client.send("GET / HTTP/1.1\r\n\r\n").readToEnd();
        }
        assertEquals("évé", server.takeRequest(TIMEOUT).lastEventId());
        RecordedRequest second = server.takeRequest(TIMEOUT);
        assertEquals("", second.lastEventId());
        assertEquals(0, second.body().length);
        assertEquals(1, second.sequenceNumber());
        assertEquals(1, second.connectionNumber());
    }

    @Test
    void httpClientRequestIsRecorded() throws Exception {
        server.enqueue(MockResponse.newBuilder().event(ServerSentEvent.of("ok")).build());
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpRequest request = HttpRequest.newBuilder(server.url("/events"))
                .timeout(TIMEOUT)
                .header("Accept", "text/event-stream")
                .header("Last-Event-ID", "17")
                .POST(HttpRequest.BodyPublishers.ofString("{\"resume\":true}"))
                .build();
        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode());
        assertEquals("data: ok\n\n", response.body());

        RecordedRequest recorded = server.takeRequest(TIMEOUT);
        assertEquals("POST", recorded.method());
        assertEquals("/events", recorded.path());
        assertEquals("17", recorded.lastEventId());
        assertEquals(Optional.of("text/event-stream"), recorded.headers().firstValue("accept"));
        assertEquals("{\"resume\":true}", recorded.bodyAsString());
    }

    @Test
    void takeRequestTimesOutWhenNothingArrives() {
        TimeoutException e = assertThrows(TimeoutException.class, () -> server.takeRequest(Duration.ofMillis(50)));
        assertEquals("no request within PT0.05S (0 received in all)", e.getMessage());
    }

    @Test
    void malformedRequestIsAnsweredWith400AndNotRecorded() throws Exception {
        try (RawClient client = new RawClient(server)) {
            String response = client.send("NONSENSE\r\n\r\n").readToEndAsString();
            assertTrue(response.startsWith("HTTP/1.1 400 Bad Request\r\n"), response);
            assertTrue(response.endsWith("mock-sse-server: malformed request line: \"NONSENSE\"\n"), response);
        }
        try (RawClient client = new RawClient(server)) {
            String response = client.send("POST / HTTP/1.1\r\nContent-Length: 99999999999\r\n\r\n")
                    .readToEndAsString();
            assertTrue(response.contains("exceeds the limit of " + MockSseServer.MAX_REQUEST_BODY_SIZE), response);
        }
        try (RawClient client = new RawClient(server)) {
            String response = client.send("GET / HTTP/1.1\r\nX: " + "x".repeat(MockSseServer.MAX_REQUEST_HEAD_SIZE)
                    + "\r\n\r\n").readToEndAsString();
            assertTrue(response.contains("request head exceeds the limit of " + MockSseServer.MAX_REQUEST_HEAD_SIZE),
                    response);
        }
        assertEquals(0, server.requestCount());
        server.awaitOpenConnections(0, TIMEOUT);
    }

    @Test
    void enqueuedResponsesAreUsedInOrderThenTheDispatcher() throws Exception {
        server.enqueue(MockResponse.newBuilder().raw("one").build());
        server.enqueue(MockResponse.newBuilder().raw("two").build());
        assertTrue(get("/").endsWith("\r\n\r\none"));
        assertTrue(get("/").endsWith("\r\n\r\ntwo"));
        String notFound = get("/missing?q=1");
        assertTrue(notFound.startsWith("HTTP/1.1 404 Not Found\r\n"), notFound);
        assertTrue(notFound.endsWith("\r\n\r\nmock-sse-server: no response enqueued for GET /missing?q=1\n"),
                notFound);

        server.setDispatcher(request -> request.path().equals("/a")
                ? MockResponse.newBuilder().raw("A").build()
                : MockResponse.newBuilder().status(410).build());
        assertTrue(get("/a").endsWith("\r\n\r\nA"));
        assertTrue(get("/b").startsWith("HTTP/1.1 410 Gone\r\n"));
        server.enqueue(MockResponse.newBuilder().raw("queued first").build());
        assertTrue(get("/a").endsWith("\r\n\r\nqueued first"));

        server.setDispatcher(request -> {
            throw new IllegalStateException("boom");
        });
        String failed = get("/x");
        assertTrue(failed.startsWith("HTTP/1.1 500 Internal Server Error\r\n"), failed);
        assertTrue(failed.endsWith("dispatcher failed for GET /x: java.lang.IllegalStateException: boom\n"), failed);
    }

    @Test
    void keepAliveServesSeveralRequestsOnOneConnection() throws Exception {
        server.enqueue(MockResponse.newBuilder().event(ServerSentEvent.of("1")).chunkedEncoding().keepAlive().build());
        server.enqueue(MockResponse.newBuilder().raw("second").fixedLength().keepAlive().build());
        server.enqueue(MockResponse.newBuilder().raw("third").fixedLength().keepAlive().build());
        try (RawClient client = new RawClient(server)) {
            client.get("/1");
            assertEquals("HTTP/1.1 200 OK\r\n"
                    + "Content-Type: text/event-stream\r\n"
                    + "Cache-Control: no-store\r\n"
                    + "Transfer-Encoding: chunked\r\n"
                    + "\r\n"
                    + "9\r\ndata: 1\n\n\r\n0\r\n\r\n", client.readThrough("0\r\n\r\n"));
            client.get("/2");
            assertTrue(client.readThrough("second").contains("\r\nContent-Length: 6\r\n\r\n"));
            // The client asks to close: the server answers, then ends the connection.
            client.send("GET /3 HTTP/1.1\r\nConnection: close\r\n\r\n");
            assertTrue(client.readToEndAsString().endsWith("\r\n\r\nthird"));
        }
        for (int i = 0; i < 3; i++) {
            RecordedRequest request = server.takeRequest(TIMEOUT);
            assertEquals("/" + (i + 1), request.path());
            assertEquals(i, request.sequenceNumber());
            assertEquals(0, request.connectionNumber());
        }
        assertEquals(1, server.connectionCount());
        server.awaitOpenConnections(0, TIMEOUT);
    }

    @Test
    void httpClientReusesAKeptAliveConnection() throws Exception {
        MockResponse response = MockResponse.newBuilder().raw("hi").fixedLength().keepAlive().build();
        server.setDispatcher(request -> response);
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        for (int i = 0; i < 3; i++) {
            HttpResponse<String> got = client.send(HttpRequest.newBuilder(server.url("/" + i)).timeout(TIMEOUT).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals("hi", got.body());
        }
        assertEquals(1, server.connectionCount());
        assertEquals(3, server.requestCount());
    }

    private String get(String target) throws Exception {
        try (RawClient client = new RawClient(server)) {
            return client.get(target).readToEndAsString();
        }
    }
}
