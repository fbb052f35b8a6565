package io.sse4j.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.sse4j.BrokenStreamException;
import io.sse4j.EventStream;
import io.sse4j.ServerSentEvent;
import io.sse4j.SseBodyHandlers;
import io.sse4j.SseComment;
import io.sse4j.SseItem;
import io.sse4j.SseLimits;
import io.sse4j.SseListener;
import io.sse4j.SseOptions;
import io.sse4j.SseParser;
import io.sse4j.SseResponseException;
import io.sse4j.jackson.JacksonSse;
import io.sse4j.testkit.MockResponse;
import io.sse4j.testkit.RecordedRequest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.ProtocolException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

/**
 * Every Java example of docs/guide.md compiles here, the guide shows each exactly as written here,
 * and the examples whose outcome the guide describes run against MockSseServer.
 */
class GuideExamplesTest extends LoopbackTest {

    /** What the examples handed to {@link #handle}, {@link #handleJsonRpc} and {@link #resumeFrom}. */
    private final List<Object> handled = new ArrayList<>();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final PrintStream System_out = new PrintStream(out, true, StandardCharsets.UTF_8);
    private final PrintStream System_err = new PrintStream(err, true, StandardCharsets.UTF_8);

    void handle(ServerSentEvent event) {
        handled.add(event);
    }

    void handleJsonRpc(String message) {
        handled.add(message);
    }

    void resumeFrom(String lastEventId) {
        handled.add("resume from " + lastEventId);
    }

    /** The chunk format of a streaming chat API. */
    static final class Chunk {
        public String text;
    }

    // ---- the examples, in the guide's order ----

    void clients() {
        // clients:begin
        HttpClient client = EventStream.newClientBuilder().build();

        HttpClient forThousandsOfStreams = EventStream.newClientBuilder()
                .executor(Executors.newFixedThreadPool(2))
                .build();

        HttpClient multiplexedOverTls = EventStream.newClientBuilder()
                .version(HttpClient.Version.HTTP_2)
                .build();
        // clients:end
    }

    void post(HttpClient client, String apiKey) throws IOException, InterruptedException {
        // post:begin
        HttpRequest request = HttpRequest.newBuilder(URI.create("https://api.example.com/v1/chat"))
                .header("Authorization", "Bearer " + apiKey)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"stream\":true,\"prompt\":\"Hi\"}"))
                .timeout(Duration.ofSeconds(30))
                .build();
        try (EventStream events = EventStream.connect(client, request)) {
            for (ServerSentEvent event : events) {
                System.out.print(event.data());
            }
        }
        // post:end
    }

    void stream(HttpClient client, HttpRequest request) throws IOException, InterruptedException {
        // stream:begin
        try (Stream<String> data = EventStream.connect(client, request).stream().map(ServerSentEvent::data)) {
            data.takeWhile(text -> !text.equals("[DONE]")).forEach(System_out::print);
        }
        // stream:end
    }

    void flow(HttpClient client, HttpRequest request, Flow.Subscriber<ServerSentEvent> subscriber) {
        // flow:begin
        EventStream.connectAsync(client, request).whenComplete((events, error) -> {
            if (error != null) {
                System.err.println("no stream: " + error); // the subscriber is never subscribed
            } else {
                events.subscribe(subscriber);
            }
        });
        // flow:end
    }

    void listener(HttpClient client, HttpRequest request) {
        // listener:begin
        EventStream.connectAsync(client, request, SseOptions.defaults(), new SseListener() {
            @Override
            public void onEvent(ServerSentEvent event) {
                System.out.println(event.type() + ": " + event.data());
            }

            @Override
            public void onError(Throwable error) {
                System.err.println("stream failed: " + error);
            }
        });
        // listener:end
    }

    void jackson(HttpClient client, HttpRequest request) throws IOException, InterruptedException {
        // jackson:begin
        JacksonSse json = JacksonSse.of(new ObjectMapper());
        try (EventStream events = EventStream.connect(client, request)) {
            json.stream(events, Chunk.class).forEach(chunk -> System.out.print(chunk.text));
        }
        // jackson:end
    }

    void comments(EventStream events) throws IOException {
        // comments:begin
        Optional<SseItem> item;
        while ((item = events.readItem()).isPresent()) {
            if (item.get() instanceof SseComment comment) {
                System_out.println("heartbeat: " + comment.text());
            } else {
                handle((ServerSentEvent) item.get());
            }
        }
        // comments:end
    }

    void errors(HttpClient client, HttpRequest request) throws IOException, InterruptedException {
        // errors:begin
        try (EventStream events = EventStream.connect(client, request)) {
            for (ServerSentEvent event : events) {
                handle(event);
            }
        } catch (SseResponseException e) { // refused: not an event stream
            System_err.println(e.statusCode() + " " + e.contentType().orElse("") + ": " + e.body());
        } catch (UncheckedIOException e) { // failed mid-stream, thrown by the for loop
            if (e.getCause() instanceof BrokenStreamException broken) {
                resumeFrom(broken.lastEventId());
            } else {
                throw e.getCause(); // e.g. a ProtocolException: a limit was crossed
            }
        }
        // errors:end
    }

    void mcp(HttpClient client, URI endpoint, String sessionId, String protocolVersion, String message)
            throws IOException, InterruptedException {
        // mcp:begin
        HttpRequest post = HttpRequest.newBuilder(endpoint)
                .header("Accept", "application/json, text/event-stream")
                .header("Content-Type", "application/json")
                .header("Mcp-Session-Id", sessionId)
                .header("MCP-Protocol-Version", protocolVersion)
                .POST(HttpRequest.BodyPublishers.ofString(message))
                .build();
        HttpResponse<EventStream> response = client.send(post, SseBodyHandlers.ofEvents());
        try (EventStream body = response.body()) {
            if (body.isEventStream()) {
                for (ServerSentEvent event : body) {
                    handleJsonRpc(event.data()); // server requests and notifications, then the response
                }
            } else if (response.statusCode() == 200) {
                handleJsonRpc(body.readBody()); // the response, as one JSON object
            } else if (response.statusCode() != 202) { // 202 Accepted: a notification, no body
                throw new IOException("MCP server answered " + response.statusCode() + ": " + body.readBody());
            }
        }
        // mcp:end
    }

    void timeout(HttpClient client, HttpRequest request) {
        // timeout:begin
        CompletableFuture<EventStream> opening = EventStream.connectAsync(client, request)
                .orTimeout(10, TimeUnit.SECONDS);
        opening.thenAccept(events -> events.listen(event -> System.out.println(event.data())));
        // timeout:end
    }

    void idle(HttpClient client, HttpRequest request, ScheduledExecutorService timer)
            throws IOException, InterruptedException {
        // idle:begin
        EventStream events = EventStream.connect(client, request);
        AtomicLong lastSeen = new AtomicLong(System.nanoTime());
        ScheduledFuture<?> watchdog = timer.scheduleAtFixedRate(() -> {
            if (System.nanoTime() - lastSeen.get() > TimeUnit.SECONDS.toNanos(60)) {
                events.close(); // readItem() then returns empty
            }
        }, 10, 10, TimeUnit.SECONDS);
        try (events) {
            Optional<SseItem> item;
            while ((item = events.readItem()).isPresent()) {
                lastSeen.set(System.nanoTime()); // an event or a heartbeat comment
                if (item.get() instanceof ServerSentEvent event) {
                    handle(event);
                }
            }
        } finally {
            watchdog.cancel(false);
        }
        // idle:end
    }

    void reconnect(HttpClient client, HttpRequest request) throws IOException, InterruptedException {
        // reconnect:begin
        String lastEventId = "";
        Duration delay = Duration.ofSeconds(3);
        while (true) {
            HttpRequest.Builder next = HttpRequest.newBuilder(request, (name, value) -> true);
            if (!lastEventId.isEmpty()) {
                next.setHeader("Last-Event-ID", lastEventId);
            }
            try (EventStream events = EventStream.connect(client, next.build())) {
                try {
                    events.forEach(this::handle);
                } finally {
                    lastEventId = events.lastEventId();
                    delay = events.reconnectionTime().orElse(delay);
                }
            } catch (UncheckedIOException e) {
                if (!(e.getCause() instanceof BrokenStreamException)) {
                    throw e;
                }
            }
            Thread.sleep(delay.toMillis());
        }
        // reconnect:end
    }

    void compression(HttpClient client, URI uri) throws IOException, InterruptedException {
        // compression:begin
        HttpRequest request = HttpRequest.newBuilder(uri).header("Accept-Encoding", "gzip").build();
        try (EventStream events = EventStream.connect(client, request)) {
            events.forEach(this::handle);
        }
        // compression:end
    }

    void limits(HttpClient client, HttpRequest request) throws IOException, InterruptedException {
        // limits:begin
        SseOptions options = SseOptions.defaults()
                .withLimits(SseLimits.defaults().withMaxLineLength(64 * 1024).withMaxEventSize(1024 * 1024))
                .withMaxBodySize(1024 * 1024);
        try (EventStream events = EventStream.connect(client, request, options)) {
            events.forEach(this::handle);
        }
        // limits:end
    }

    void parser(byte[] bytes, int n) throws ProtocolException {
        // parser:begin
        SseParser parser = SseParser.of(event -> System.out.println(event.data()));
        parser.feed(bytes, 0, n);  // chunks of any size, split anywhere
        parser.finish();           // end of stream: an unfinished event is discarded
        // parser:end
    }

    // ---- the guide shows them as they are here ----

    @Test
    void theGuideShowsEveryExampleAsTestedAndNoOther() throws IOException {
        DocSnippets snippets = DocSnippets.in(GuideExamplesTest.class);
        String guide = DocSnippets.document("docs/guide.md");
        List<String> tested = new ArrayList<>();
        for (String name : snippets.names()) {
            String fenced = snippets.fenced(name);
            assertTrue(guide.contains(fenced), "docs/guide.md does not show example " + name + " as tested:\n" + fenced);
            tested.add(fenced);
        }
        for (String block : DocSnippets.javaBlocks(guide)) {
            assertTrue(tested.contains(block), "docs/guide.md shows a Java example that no test compiles:\n" + block);
        }
    }

    // ---- and they do what the guide says ----

    @Test
    void aStreamOfDataStopsAtDone() throws Exception {
        server.enqueue(MockResponse.newBuilder().event(ServerSentEvent.of("Hel")).event(ServerSentEvent.of("lo"))
                .event(ServerSentEvent.of("[DONE]")).event(ServerSentEvent.of("not read")).build());
        stream(client, get("/chat"));
        assertEquals("Hello", out.toString(StandardCharsets.UTF_8));
        server.awaitOpenConnections(0, TIMEOUT);
    }

    @Test
    void readItemGivesHeartbeatsBetweenEvents() throws Exception {
        server.enqueue(MockResponse.newBuilder().comment("ping").event(ServerSentEvent.of("a"))
                .comment("ping").build());
        try (EventStream events = EventStream.connect(client, get("/items"))) {
            comments(events);
        }
        assertEquals("heartbeat: ping\nheartbeat: ping\n", out.toString(StandardCharsets.UTF_8));
        assertEquals(List.of(ServerSentEvent.of("a")), handled);
    }

    @Test
    void aRefusedResponseIsCaughtAroundTheLoop() throws Exception {
        server.enqueue(MockResponse.newBuilder().status(503).contentType("text/plain").fixedLength()
                .raw("busy").build());
        errors(client, get("/refused"));
        assertEquals("503 text/plain: busy\n", err.toString(StandardCharsets.UTF_8));
        assertEquals(List.of(), handled);
    }

    @Test
    void aBrokenStreamTellsWhereToResume() throws Exception {
        server.enqueue(MockResponse.newBuilder().chunkedEncoding().event(ServerSentEvent.of("message", "a", "1"))
                .raw("data: half an ev").disconnect().build());
        errors(client, get("/broken"));
        assertEquals(List.of(ServerSentEvent.of("message", "a", "1"), "resume from 1"), handled);
    }

    @Test
    void anMcpServerMayAnswerWithJson() throws Exception {
        server.enqueue(MockResponse.newBuilder().contentType("application/json").fixedLength()
                .raw("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{}}").build());
        mcp(client, server.url("/mcp"), "s-1", "2025-06-18", "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\"}");
        assertEquals(List.of("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{}}"), handled);
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
        mcp(client, server.url("/mcp"), "s-1", "2025-06-18", "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\"}");
        assertEquals(List.of("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/progress\"}",
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{}}"), handled);
    }

    @Test
    void anMcpNotificationIsAcceptedWithoutBody() throws Exception {
        server.enqueue(MockResponse.newBuilder().status(202).contentType("application/json").fixedLength().build());
        mcp(client, server.url("/mcp"), "s-1", "2025-06-18", "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
        assertEquals(List.of(), handled);
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
        compression(client, server.url("/maybe-gzip"));
        assertEquals("gzip", server.takeRequest(TIMEOUT).headers().firstValue("Accept-Encoding").orElseThrow());
        assertEquals(List.of(ServerSentEvent.of("plain")), handled);
    }

    @Test
    void anEncodingOtherThanGzipOrDeflateFailsConnect() {
        server.enqueue(MockResponse.newBuilder().header("Content-Encoding", "br").event(ServerSentEvent.of("x")).build());
        ProtocolException e = assertThrows(ProtocolException.class, () -> EventStream.connect(client, get("/br")));
        assertTrue(e.getMessage().startsWith("unsupported Content-Encoding \"br\""), e.getMessage());
    }
}
