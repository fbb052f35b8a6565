package io.sse4j.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sse4j.EventSource;
import io.sse4j.EventStream;
import io.sse4j.ServerSentEvent;
import io.sse4j.testkit.MockResponse;
import io.sse4j.testkit.RecordedRequest;
import io.sse4j.tests.guide.CatchingExample;
import io.sse4j.tests.guide.CommentsExample;
import io.sse4j.tests.guide.CompressionExample;
import io.sse4j.tests.guide.ErrorsExample;
import io.sse4j.tests.guide.EventSourceExample;
import io.sse4j.tests.guide.EventSourceListenerExample;
import io.sse4j.tests.guide.McpExample;
import io.sse4j.tests.guide.PersistLastEventIdExample;
import io.sse4j.tests.guide.RequestHookExample;
import io.sse4j.tests.guide.StreamExample;
import io.sse4j.tests.guide.OkHttpExample;
import io.sse4j.tests.guide.TapExample;
import io.sse4j.tests.guide.VirtualTimeExample;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ProtocolException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every Java example of docs/guide.md compiles in {@code io.sse4j.tests.guide}, one a file, and the
 * guide shows each exactly as written there, with that file's imports; the examples whose outcome
 * the guide describes run here against MockSseServer.
 */
class GuideExamplesTest extends LoopbackTest {

    // ---- the guide shows them as they are here ----

    @Test
    void theGuideShowsEveryExampleAsTestedWithItsImportsAndNoOther() throws IOException {
        // the guide's examples, and the module-info.java of its module-path example
        DocSnippets examples = DocSnippets.in(Path.of("src/test/java/io/sse4j/tests/guide"), Path.of("src/test/resources/modular"));
        List<String> problems = DocSnippets.problems(examples,
                "docs/guide.md", DocSnippets.document("docs/guide.md"));
        assertEquals(List.of(), problems, String.join("\n\n", problems));
    }

    // ---- and they do what the guide says ----

    @Test
    void aTappedTransportSeesEveryByteTheSourceReads() {
        StringBuilder body = new StringBuilder();
        MockResponse.Builder response = MockResponse.newBuilder();
        for (int i = 1; i <= 10; i++) {
            ServerSentEvent event = ServerSentEvent.of("message", "event " + i, String.valueOf(i));
            response.event(event);
            body.append("id: ").append(i).append("\ndata: event ").append(i).append("\n\n");
        }
        server.enqueue(response.stall().build());
        TapExample example = new TapExample();
        long bytes = example.tap(client, get("/events"));
        assertEquals(10, example.handled().size());
        assertEquals(body.length(), bytes, "the tap saw the body as sent");
    }

    @Test
    void theOkHttpExampleReadsTheStreamThroughOkHttp() {
        MockResponse.Builder response = MockResponse.newBuilder();
        for (int i = 1; i <= 12; i++) {
            response.event(ServerSentEvent.of("message", "event " + i, String.valueOf(i)));
        }
        server.enqueue(response.stall().build());
        OkHttpExample example = new OkHttpExample();
        example.okhttp(server.url("/events").toString());
        assertEquals(10, example.handled().size());
        assertEquals(ServerSentEvent.of("message", "event 10", "10"), example.handled().get(9));
    }

    @Test
    void catchingFailuresSeesAFirstRefusalAndALaterOneWhereTheGuideSays() throws Exception {
        server.enqueue(MockResponse.newBuilder().status(404).contentType("text/plain").fixedLength().raw("gone").build());
        CatchingExample first = new CatchingExample();
        first.catching(client, get("/events"));
        assertTrue(first.err().startsWith("expected 200 text/event-stream, got 404 text/plain"), first.err());
        server.enqueue(MockResponse.newBuilder().event(ServerSentEvent.of("message", "a", "1")).build());
        server.enqueue(MockResponse.newBuilder().status(401).contentType("text/plain").fixedLength().raw("expired").build());
        CatchingExample later = new CatchingExample();
        later.catching(client, get("/events"));
        assertEquals(1, later.handled().size());
        assertTrue(later.err().startsWith("expected 200 text/event-stream, got 401 text/plain"), later.err());
    }

    @Test
    void aStreamOfDataStopsAtDone() throws Exception {
        server.enqueue(MockResponse.newBuilder().event(ServerSentEvent.of("Hel")).event(ServerSentEvent.of("lo"))
                .event(ServerSentEvent.of("[DONE]")).event(ServerSentEvent.of("not read")).build());
        StreamExample example = new StreamExample();
        example.stream(client, get("/chat"));
        assertEquals("Hello", example.out());
        server.awaitOpenConnections(0, TIMEOUT);
    }

    @Test
    void readItemGivesHeartbeatsBetweenEvents() throws Exception {
        server.enqueue(MockResponse.newBuilder().comment("ping").event(ServerSentEvent.of("a"))
                .comment("ping").build());
        CommentsExample example = new CommentsExample();
        try (EventStream events = EventStream.connect(client, get("/items"))) {
            example.comments(events);
        }
        assertEquals("heartbeat: ping\nheartbeat: ping\n", example.out());
        assertEquals(List.of(ServerSentEvent.of("a")), example.handled());
    }

    @Test
    void aRefusedResponseIsCaughtAroundTheLoop() throws Exception {
        server.enqueue(MockResponse.newBuilder().status(503).contentType("text/plain").fixedLength()
                .raw("busy").build());
        ErrorsExample example = new ErrorsExample();
        example.errors(client, get("/refused"));
        assertEquals("503 text/plain: busy\n", example.err());
        assertEquals(List.of(), example.handled());
    }

    @Test
    void aBrokenStreamTellsWhereToResume() throws Exception {
        server.enqueue(MockResponse.newBuilder().chunkedEncoding().event(ServerSentEvent.of("message", "a", "1"))
                .raw("data: half an ev").disconnect().build());
        ErrorsExample example = new ErrorsExample();
        example.errors(client, get("/broken"));
        assertEquals(List.of(ServerSentEvent.of("message", "a", "1"), "resume from 1"), example.handled());
    }

    @Test
    void anMcpServerMayAnswerWithJson() throws Exception {
        server.enqueue(MockResponse.newBuilder().contentType("application/json").fixedLength()
                .raw("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{}}").build());
        McpExample example = new McpExample();
        example.mcp(client, server.url("/mcp"), "s-1", "2025-06-18", "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\"}");
        assertEquals(List.of("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{}}"), example.handled());
        RecordedRequest request = server.takeRequest(TIMEOUT);
        assertEquals("application/json, text/event-stream", request.headers().firstValue("Accept").orElseThrow());
        assertEquals("s-1", request.headers().firstValue("Mcp-Session-Id").orElseThrow());
    }

    @Test
    void anMcpServerMayAnswerWithAStream() throws Exception {
        server.enqueue(MockResponse.newBuilder()
                .event(ServerSentEvent.of("message", "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/progress\"}", ""))
                .event(ServerSentEvent.of("message", "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{}}", "e1"))
                .build());
        McpExample example = new McpExample();
        example.mcp(client, server.url("/mcp"), "s-1", "2025-06-18", "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\"}");
        assertEquals(List.of("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/progress\"}",
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{}}"), example.handled());
    }

    @Test
    void anMcpNotificationIsAcceptedWithoutBody() throws Exception {
        server.enqueue(MockResponse.newBuilder().status(202).contentType("application/json").fixedLength().build());
        McpExample example = new McpExample();
        example.mcp(client, server.url("/mcp"), "s-1", "2025-06-18", "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
        assertEquals(List.of(), example.handled());
    }

    @Test
    void aConnectAsyncGivenUpBeforeTheHeadersAbortsTheRequest() throws Exception {
        CountDownLatch head = new CountDownLatch(1);
        server.enqueue(MockResponse.newBuilder().awaitBeforeHead(head).event(ServerSentEvent.of("late")).stall().build());
        CompletableFuture<EventStream> opening = EventStream.connectAsync(client, get("/slow"))
                .orTimeout(100, TimeUnit.MILLISECONDS);
        ExecutionException e = assertThrows(ExecutionException.class, opening::get);
        assertInstanceOf(TimeoutException.class, e.getCause());
        server.awaitClientDisconnects(1, TIMEOUT);
        head.countDown();
        server.awaitOpenConnections(0, TIMEOUT);
    }

    @Test
    void gzipIsDecodedEventByEventAsTheServerFlushes() throws Exception {
        ByteArrayOutputStream compressed = new ByteArrayOutputStream();
        GZIPOutputStream gzip = new GZIPOutputStream(compressed, true);
        gzip.write("data: first\n\n".getBytes(StandardCharsets.UTF_8));
        gzip.flush();
        byte[] first = compressed.toByteArray();
        compressed.reset();
        gzip.write("data: second\n\n".getBytes(StandardCharsets.UTF_8));
        gzip.close();
        CountDownLatch firstRead = new CountDownLatch(1);
        server.enqueue(MockResponse.newBuilder().header("Content-Encoding", "gzip").chunkedEncoding()
                .raw(first).await(firstRead).raw(compressed.toByteArray()).build());
        try (EventStream events = EventStream.connect(client, get("/gzip"))) {
            assertEquals(ServerSentEvent.of("first"), events.read().orElseThrow(), "before the rest was sent");
            firstRead.countDown();
            assertEquals(ServerSentEvent.of("second"), events.read().orElseThrow());
            assertEquals(Optional.empty(), events.read());
        }
    }

    @Test
    void theCompressionExampleAsksForGzip() throws Exception {
        server.enqueue(MockResponse.newBuilder().event(ServerSentEvent.of("plain")).build());
        CompressionExample example = new CompressionExample();
        example.compression(client, server.url("/maybe-gzip"));
        assertEquals("gzip", server.takeRequest(TIMEOUT).headers().firstValue("Accept-Encoding").orElseThrow());
        assertEquals(List.of(ServerSentEvent.of("plain")), example.handled());
    }

    @Test
    void anEncodingOtherThanGzipOrDeflateFailsConnect() {
        server.enqueue(MockResponse.newBuilder().header("Content-Encoding", "br").event(ServerSentEvent.of("x")).build());
        ProtocolException e = assertThrows(ProtocolException.class, () -> EventStream.connect(client, get("/br")));
        assertTrue(e.getMessage().startsWith("unsupported Content-Encoding \"br\""), e.getMessage());
    }

    private static MockResponse noContent() {
        return MockResponse.newBuilder().status(204).contentType("text/plain").fixedLength().raw("").build();
    }

    @Test
    void anEventSourceReadsEveryConnectionUntil204() throws Exception {
        server.enqueue(MockResponse.newBuilder().retry(Duration.ZERO).event(ServerSentEvent.of("message", "a", "1")).build());
        server.enqueue(MockResponse.newBuilder().chunkedEncoding().event(ServerSentEvent.of("message", "b", "2"))
                .raw("data: half an ev").disconnect().build());
        server.enqueue(noContent());
        EventSourceExample example = new EventSourceExample();
        example.eventSource(client, get("/events"));
        assertEquals(List.of(ServerSentEvent.of("message", "a", "1"), ServerSentEvent.of("message", "b", "2")), example.handled());
        assertEquals(Optional.empty(), server.takeRequest(TIMEOUT).headers().firstValue("Last-Event-ID"));
        assertEquals(Optional.of("1"), server.takeRequest(TIMEOUT).headers().firstValue("Last-Event-ID"));
        assertEquals(Optional.of("2"), server.takeRequest(TIMEOUT).headers().firstValue("Last-Event-ID"));
    }

    @Test
    void theRequestHookSendsAFreshTokenAndTheCursorEachAttempt() throws Exception {
        server.enqueue(MockResponse.newBuilder().retry(Duration.ZERO).event(ServerSentEvent.of("message", "a", "7")).build());
        server.enqueue(noContent());
        AtomicInteger tokens = new AtomicInteger();
        try (EventSource source = new RequestHookExample().requestHook(client, server.url("/chat"), () -> "token-" + tokens.incrementAndGet())) {
            assertEquals("a", source.read().orElseThrow().data());
            assertEquals(Optional.empty(), source.read());
        }
        RecordedRequest first = server.takeRequest(TIMEOUT);
        RecordedRequest second = server.takeRequest(TIMEOUT);
        assertEquals("Bearer token-1", first.headers().firstValue("Authorization").orElseThrow());
        assertEquals("{\"after\":\"\"}", first.bodyAsString());
        assertEquals("POST", second.method());
        assertEquals("Bearer token-2", second.headers().firstValue("Authorization").orElseThrow());
        assertEquals("{\"after\":\"7\"}", second.bodyAsString());
        assertEquals("7", second.lastEventId());
    }

    @Test
    void anEventSourceListenerHearsOfOpeningsAndRetries() throws Exception {
        server.enqueue(MockResponse.newBuilder().retry(Duration.ZERO).event(ServerSentEvent.of("message", "a", "1")).build());
        server.enqueue(noContent());
        EventSourceListenerExample example = new EventSourceListenerExample();
        try (EventSource source = example.eventSourceListener(client, get("/events"))) {
            assertTrue(example.ended().await(TIMEOUT.toSeconds(), TimeUnit.SECONDS));
            assertEquals(EventSource.ReadyState.CLOSED, source.readyState());
        }
        String printed = example.out();
        java.util.regex.Matcher retry = java.util.regex.Pattern.compile("retry 1 in (\\d+) ms").matcher(printed);
        assertTrue(retry.find(), printed);
        int delay = Integer.parseInt(retry.group(1));
        assertTrue(delay >= 100 && delay <= 200, "retry: 0 waits the floor, jittered up to twice it: " + delay);
        assertEquals("connected: 200\nretry 1 in " + delay + " ms: the server ended the stream\n"
                + "closed: the server answered 204, or close() was called\n", printed);
        assertEquals(List.of(ServerSentEvent.of("message", "a", "1")), example.handled());
        assertEquals("", example.err());
    }

    @Test
    void aSavedLastEventIdResumesTheNextRun(@TempDir Path dir) throws Exception {
        Path saved = dir.resolve("last-event-id");
        Files.writeString(saved, "41");
        server.enqueue(MockResponse.newBuilder().retry(Duration.ZERO).event(ServerSentEvent.of("message", "a", "42")).build());
        server.enqueue(noContent());
        new PersistLastEventIdExample().persistLastEventId(client, get("/events"), saved);
        assertEquals("42", Files.readString(saved));
        assertEquals("41", server.takeRequest(TIMEOUT).lastEventId());
        assertEquals("42", server.takeRequest(TIMEOUT).lastEventId());
    }

    @Test
    void aStepSchedulerReconnectsWithoutWaiting() throws Exception {
        server.enqueue(MockResponse.newBuilder().retry(Duration.ofSeconds(5)).event(ServerSentEvent.of("message", "a", "1")).build());
        server.enqueue(MockResponse.newBuilder().event(ServerSentEvent.of("message", "b", "2")).stall().build());
        new VirtualTimeExample().virtualTime(client, get("/events"));
        server.takeRequest(TIMEOUT);
        assertEquals("1", server.takeRequest(TIMEOUT).lastEventId());
    }
}
