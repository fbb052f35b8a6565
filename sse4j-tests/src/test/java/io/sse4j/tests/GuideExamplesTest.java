package io.sse4j.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpClientTransport;
import io.sse4j.BrokenStreamException;
import io.sse4j.EventSource;
import io.sse4j.EventSourceListener;
import io.sse4j.EventStream;
import io.sse4j.RetryPolicy;
import io.sse4j.ServerSentEvent;
import io.sse4j.SseBodyHandlers;
import io.sse4j.SseComment;
import io.sse4j.SseItem;
import io.sse4j.SseLimits;
import io.sse4j.SseListener;
import io.sse4j.SseOptions;
import io.sse4j.SseParser;
import io.sse4j.SseResponseException;
import io.sse4j.SseTransport;
import io.sse4j.jackson.JacksonSse;
import io.sse4j.mcp.StreamableHttpTransport;
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
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every Java example of docs/guide.md compiles here, the guide shows each exactly as written here,
 * and the examples whose outcome the guide describes run against MockSseServer.
 */
class GuideExamplesTest extends LoopbackTest {

    /** What the examples handed to {@link #handle}, {@link #handleJsonRpc} and {@link #resumeFrom}. */
    private final List<Object> handled = Collections.synchronizedList(new ArrayList<>());
    /** Counted down by the listener examples' terminal call. */
    private final CountDownLatch ended = new CountDownLatch(1);
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

    long tap(HttpClient client, HttpRequest request) {
        // tap:begin
        LongAdder received = new LongAdder();
        SseTransport counted = SseTransport.tap(SseTransport.of(client, request), (response, uri) ->
                Optional.of(new SseTransport.BodyTap() {
                    @Override
                    public void received(ByteBuffer bytes) {
                        received.add(bytes.remaining());
                    }

                    @Override
                    public void ended() {
                    }
                }));
        try (EventSource source = EventSource.newBuilder(counted).build()) {
            source.stream().limit(10).forEach(event -> handle(event));
        }
        // tap:end
        return received.sum();
    }

    void catching(HttpClient client, HttpRequest request, PrintStream System_err) throws InterruptedException {
        // catching:begin
        try (EventSource source = EventSource.newBuilder(client, request).connect()) {
            for (ServerSentEvent event : source) {
                handle(event);
            }
        } catch (SseResponseException e) {        // the first connection was refused (401, 404, not SSE)
            System_err.println(e.getMessage());
        } catch (IOException e) {                 // the first connection could not be made
            System_err.println(e.getMessage());
        } catch (UncheckedIOException e) {        // a later failure, once retrying gave up or could not help
            System_err.println(e.getCause().getMessage());
        }
        // catching:end
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

    void mcpOneLine() {
        // mcpOneLine:begin
        // McpClientTransport transport = HttpClientStreamableHttpTransport.builder("http://localhost:8080").build();
        McpClientTransport transport = StreamableHttpTransport.builder("http://localhost:8080").build();
        McpSyncClient client = McpClient.sync(transport).build();
        client.initialize();
        // mcpOneLine:end
    }

    McpClientTransport mcpBuilder(String token) {
        // mcpBuilder:begin
        McpClientTransport transport = StreamableHttpTransport.builder("https://mcp.example.com")
                .endpoint("/mcp")
                .requestBuilder(HttpRequest.newBuilder().header("Authorization", "Bearer " + token))
                .idleTimeout(Duration.ofSeconds(45))
                .options(SseOptions.defaults().withMaxBodySize(4 * 1024 * 1024))
                .build();
        // mcpBuilder:end
        return transport;
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

    void eventSource(HttpClient client, HttpRequest request) {
        // eventSource:begin
        try (EventSource source = EventSource.newBuilder(client, request).build()) {
            for (ServerSentEvent event : source) { // every connection's events, each once, in order
                handle(event);
            }
        } // the loop ends when the server answers 204 No Content; it throws if the source fails for good
        // eventSource:end
    }

    EventSource requestHook(HttpClient client, URI uri, Supplier<String> accessToken) {
        // requestHook:begin
        EventSource source = EventSource.newBuilder(client, attempt -> HttpRequest.newBuilder(uri)
                .header("Authorization", "Bearer " + accessToken.get()) // fresh for every attempt
                .POST(HttpRequest.BodyPublishers.ofString("{\"after\":\"" + attempt.lastEventId() + "\"}"))
                .build())
                .build();
        // requestHook:end
        return source;
    }

    EventSource eventSourceListener(HttpClient client, HttpRequest request) {
        // eventSourceListener:begin
        EventSource source = EventSource.newBuilder(client, request).build();
        source.listen(new EventSourceListener() {
            @Override
            public void onOpen(HttpResponse.ResponseInfo response) {
                System_out.println("connected: " + response.statusCode());
            }

            @Override
            public void onEvent(ServerSentEvent event) {
                handle(event);
            }

            @Override
            public void onRetrying(Throwable cause, Duration delay, int attempt) {
                System_out.println("retry " + attempt + " in " + delay.toMillis() + " ms: " + cause.getMessage());
            }

            @Override
            public void onClosed() {
                System_out.println("closed: the server answered 204, or close() was called");
                // eventSourceListener:hide
                ended.countDown();
                // eventSourceListener:show
            }

            @Override
            public void onError(Throwable error) {
                System_err.println("failed for good: " + error);
            }
        });
        // eventSourceListener:end
        return source;
    }

    EventSource settings(HttpClient client, HttpRequest request, String savedLastEventId) {
        // settings:begin
        EventSource source = EventSource.newBuilder(client, request)
                .options(SseOptions.defaults().withLimits(SseLimits.defaults().withMaxEventSize(1024 * 1024)))
                .retryPolicy(RetryPolicy.exponentialBackoff(Duration.ofMinutes(1)).withMaxElapsed(Duration.ofHours(1)))
                .lastEventId(savedLastEventId)        // the first connection resumes from here
                .idleTimeout(Duration.ofSeconds(45))  // three missed heartbeats of a 15 s server
                .build();
        // settings:end
        return source;
    }

    void retryPolicies() {
        // retryPolicies:begin
        RetryPolicy likeABrowser = RetryPolicy.reconnectionTime();
        RetryPolicy patient = RetryPolicy.exponentialBackoff(Duration.ofMinutes(5));
        RetryPolicy bounded = RetryPolicy.exponentialBackoff().withMaxAttempts(10).withMaxElapsed(Duration.ofMinutes(2));

        RetryPolicy backoff = RetryPolicy.exponentialBackoff();
        RetryPolicy networkErrorsOnly = context -> context.cause() instanceof SseResponseException
                ? Optional.empty()           // give up on 5xx, 408 and 429
                : backoff.delay(context);
        // retryPolicies:end
    }

    void persistLastEventId(HttpClient client, HttpRequest request, Path saved) throws IOException {
        // persistLastEventId:begin
        String lastEventId = Files.exists(saved) ? Files.readString(saved) : "";
        try (EventSource source = EventSource.newBuilder(client, request).lastEventId(lastEventId).build()) {
            for (ServerSentEvent event : source) {
                handle(event);
                Files.writeString(saved, event.lastEventId()); // after handling: a crash repeats an event, never skips one
            }
        }
        // persistLastEventId:end
    }

    // stepScheduler:begin
    /** A scheduler for tests: nothing runs until the test runs it, and the clock moves only then. */
    static final class StepScheduler implements EventSource.Scheduler {
        private record Task(Duration delay, Runnable run, CompletableFuture<Void> handle) {
        }

        private final BlockingQueue<Task> tasks = new LinkedBlockingQueue<>();
        private volatile Instant now = Instant.parse("2026-01-01T00:00:00Z");

        @Override
        public Instant now() {
            return now;
        }

        @Override
        public Future<?> schedule(Runnable task, Duration delay) {
            Task t = new Task(delay, task, new CompletableFuture<>());
            tasks.add(t);
            return t.handle(); // EventSource cancels it when it is no longer needed
        }

        /** Waits (boundedly) for the next task, moves the clock by its delay and runs it here. */
        Duration runNext() throws InterruptedException {
            Task t = tasks.poll(10, TimeUnit.SECONDS);
            if (t == null) {
                throw new AssertionError("nothing was scheduled");
            }
            now = now.plus(t.delay());
            if (!t.handle().isCancelled()) {
                t.run().run();
            }
            return t.delay();
        }
    }
    // stepScheduler:end

    void virtualTime(HttpClient client, HttpRequest request) throws IOException, InterruptedException {
        // virtualTime:begin
        // The server sends "retry: 5000" and event 1, ends the stream, then sends event 2.
        StepScheduler time = new StepScheduler();
        try (EventSource source = EventSource.newBuilder(client, request)
                .retryPolicy(RetryPolicy.reconnectionTime()).scheduler(time).build()) {
            assertEquals("1", source.read().orElseThrow().lastEventId());
            assertEquals(Duration.ofSeconds(5), time.runNext()); // the reconnect, 5 s later, without waiting
            assertEquals("2", source.read().orElseThrow().lastEventId());
        }
        // virtualTime:end
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
    void aTappedTransportSeesEveryByteTheSourceReads() {
        StringBuilder body = new StringBuilder();
        MockResponse.Builder response = MockResponse.newBuilder();
        for (int i = 1; i <= 10; i++) {
            ServerSentEvent event = ServerSentEvent.of("message", "event " + i, String.valueOf(i));
            response.event(event);
            body.append("id: ").append(i).append("\ndata: event ").append(i).append("\n\n");
        }
        server.enqueue(response.stall().build());
        long bytes = tap(client, get("/events"));
        assertEquals(10, handled.size());
        assertEquals(body.length(), bytes, "the tap saw the body as sent");
    }

    @Test
    void catchingFailuresSeesAFirstRefusalAndALaterOneWhereTheGuideSays() throws Exception {
        server.enqueue(MockResponse.newBuilder().status(404).contentType("text/plain").fixedLength().raw("gone").build());
        catching(client, get("/events"), System_err);
        assertTrue(err.toString(StandardCharsets.UTF_8).startsWith("expected 200 text/event-stream, got 404 text/plain"),
                err.toString(StandardCharsets.UTF_8));
        err.reset();
        server.enqueue(MockResponse.newBuilder().event(ServerSentEvent.of("message", "a", "1")).build());
        server.enqueue(MockResponse.newBuilder().status(401).contentType("text/plain").fixedLength().raw("expired").build());
        catching(client, get("/events"), System_err);
        assertEquals(1, handled.size());
        assertTrue(err.toString(StandardCharsets.UTF_8).startsWith("expected 200 text/event-stream, got 401 text/plain"),
                err.toString(StandardCharsets.UTF_8));
    }

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

    private static MockResponse noContent() {
        return MockResponse.newBuilder().status(204).contentType("text/plain").fixedLength().raw("").build();
    }

    @Test
    void anEventSourceReadsEveryConnectionUntil204() throws Exception {
        server.enqueue(MockResponse.newBuilder().retry(Duration.ZERO).event(ServerSentEvent.of("message", "a", "1")).build());
        server.enqueue(MockResponse.newBuilder().chunkedEncoding().event(ServerSentEvent.of("message", "b", "2"))
                .raw("data: half an ev").disconnect().build());
        server.enqueue(noContent());
        eventSource(client, get("/events"));
        assertEquals(List.of(ServerSentEvent.of("message", "a", "1"), ServerSentEvent.of("message", "b", "2")), handled);
        assertEquals(Optional.empty(), server.takeRequest(TIMEOUT).headers().firstValue("Last-Event-ID"));
        assertEquals(Optional.of("1"), server.takeRequest(TIMEOUT).headers().firstValue("Last-Event-ID"));
        assertEquals(Optional.of("2"), server.takeRequest(TIMEOUT).headers().firstValue("Last-Event-ID"));
    }

    @Test
    void theRequestHookSendsAFreshTokenAndTheCursorEachAttempt() throws Exception {
        server.enqueue(MockResponse.newBuilder().retry(Duration.ZERO).event(ServerSentEvent.of("message", "a", "7")).build());
        server.enqueue(noContent());
        AtomicInteger tokens = new AtomicInteger();
        try (EventSource source = requestHook(client, server.url("/chat"), () -> "token-" + tokens.incrementAndGet())) {
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
        try (EventSource source = eventSourceListener(client, get("/events"))) {
            assertTrue(ended.await(TIMEOUT.toSeconds(), TimeUnit.SECONDS));
            assertEquals(EventSource.ReadyState.CLOSED, source.readyState());
        }
        String printed = out.toString(StandardCharsets.UTF_8);
        java.util.regex.Matcher retry = java.util.regex.Pattern.compile("retry 1 in (\\d+) ms").matcher(printed);
        assertTrue(retry.find(), printed);
        int delay = Integer.parseInt(retry.group(1));
        assertTrue(delay >= 100 && delay <= 200, "retry: 0 waits the floor, jittered up to twice it: " + delay);
        assertEquals("connected: 200\nretry 1 in " + delay + " ms: the server ended the stream\n"
                + "closed: the server answered 204, or close() was called\n", printed);
        assertEquals(List.of(ServerSentEvent.of("message", "a", "1")), handled);
        assertEquals("", err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aSavedLastEventIdResumesTheNextRun(@TempDir Path dir) throws Exception {
        Path saved = dir.resolve("last-event-id");
        Files.writeString(saved, "41");
        server.enqueue(MockResponse.newBuilder().retry(Duration.ZERO).event(ServerSentEvent.of("message", "a", "42")).build());
        server.enqueue(noContent());
        persistLastEventId(client, get("/events"), saved);
        assertEquals("42", Files.readString(saved));
        assertEquals("41", server.takeRequest(TIMEOUT).lastEventId());
        assertEquals("42", server.takeRequest(TIMEOUT).lastEventId());
    }

    @Test
    void aStepSchedulerReconnectsWithoutWaiting() throws Exception {
        server.enqueue(MockResponse.newBuilder().retry(Duration.ofSeconds(5)).event(ServerSentEvent.of("message", "a", "1")).build());
        server.enqueue(MockResponse.newBuilder().event(ServerSentEvent.of("message", "b", "2")).stall().build());
        virtualTime(client, get("/events"));
        server.takeRequest(TIMEOUT);
        assertEquals("1", server.takeRequest(TIMEOUT).lastEventId());
    }
}
