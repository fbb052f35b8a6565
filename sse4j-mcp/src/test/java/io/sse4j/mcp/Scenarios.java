package io.sse4j.mcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpClientTransport;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import io.sse4j.testkit.MockResponse;
import io.sse4j.testkit.MockSseServer;
import io.sse4j.testkit.RecordedRequest;
import io.sse4j.testkit.ResumableScenario;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The scenarios every streamable HTTP client transport is run through, by
 * {@link StreamableHttpTransportTest} for ours and by {@link SideBySideTest} for ours and the
 * SDK's. Each takes a factory from the server's base URI to a transport, and fails with an
 * {@code AssertionError} or an exception; each is bounded in time.
 */
@SuppressWarnings("deprecation") // the SDK 2.2.0 deprecates most of McpSchema for its "modern" package
final class Scenarios {

    static final Duration WAIT = Duration.ofSeconds(5);

    /** Text with the three characters a MULTILINE regex takes for line ends, and JSON escapes. */
    static final String TRICKY = "line\u2028separator\u2029paragraph\u0085next \"quoted\" back\\slash é 😀";

    private Scenarios() {
    }

    /** A client of the SDK over {@code transport}, answering sampling requests and collecting notifications. */
    static McpSyncClient client(McpClientTransport transport, BlockingQueue<McpSchema.ProgressNotification> progress,
            BlockingQueue<String> logs) {
        return McpClient.sync(transport)
                .requestTimeout(WAIT)
                .initializationTimeout(WAIT)
                .capabilities(McpSchema.ClientCapabilities.builder().sampling().build())
                .sampling(request -> McpSchema.CreateMessageResult.builder()
                        .role(McpSchema.Role.ASSISTANT)
                        .content(new TextContent("sampled: " + ((TextContent) request.messages().get(0).content()).text()))
                        .model("test-model")
                        .stopReason(McpSchema.CreateMessageResult.StopReason.END_TURN)
                        .build())
                .progressConsumer(progress::add)
                .loggingConsumer(notification -> logs.add(notification.data()))
                .build();
    }

    static String text(CallToolResult result) {
        return ((TextContent) result.content().get(0)).text();
    }

    static String call(McpSyncClient client, String tool, String text) {
        return text(client.callTool(new CallToolRequest(tool, SdkServer.text(text))));
    }

    /** initialize, list tools, call a tool, a progress notification on the GET stream, sampling, close (DELETE). */
    static void endToEnd(Function<URI, McpClientTransport> transports) throws Exception {
        try (SdkServer server = SdkServer.streamable()) {
            BlockingQueue<McpSchema.ProgressNotification> progress = new LinkedBlockingQueue<>();
            McpSyncClient client = client(transports.apply(server.uri()), progress, new LinkedBlockingQueue<>());
            try {
                McpSchema.InitializeResult init = client.initialize();
                assertEquals("sdk-server", init.serverInfo().name());
                server.wire.awaitListening(WAIT);
                List<String> tools = client.listTools().tools().stream().map(McpSchema.Tool::name).sorted()
                        .collect(Collectors.toList());
                assertEquals(List.of("echo", "notify", "sample"), tools);
                assertEquals("hello", call(client, "echo", "hello"));
                assertEquals("notified", call(client, "notify", ""));
                McpSchema.ProgressNotification note = progress.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
                assertNotNull(note, "no progress notification arrived on the GET stream");
                assertEquals("half way", note.message());
                assertEquals("sampled: a question", call(client, "sample", "a question"));
            } finally {
                client.closeGracefully();
            }
            server.wire.awaitDelete(WAIT);
            assertTrue(!server.wire.deletedSession.isEmpty() && !server.wire.deletedSession.equals("null"),
                    "DELETE carried Mcp-Session-Id");
        }
    }

    /**
     * SEP-1699: the server closes a tools/call stream after a priming event with an id and
     * {@code retry: 500}; the client resumes with GET and that Last-Event-ID 450 to 700 ms later,
     * and receives the tool's result there.
     */
    static long sseRetry(Function<URI, McpClientTransport> transports) throws Exception {
        try (SdkServer server = SdkServer.streamable()) {
            server.wire.primeAndClose("echo", "prime-1", Duration.ofMillis(500));
            McpSyncClient client = client(transports.apply(server.uri()), new LinkedBlockingQueue<>(),
                    new LinkedBlockingQueue<>());
            try {
                client.initialize();
                assertEquals("after the break", call(client, "echo", "after the break"));
                server.wire.awaitResumed(WAIT);
                assertEquals("GET", server.wire.resumedMethod);
                assertEquals("prime-1", server.wire.resumedLastEventId);
                long waited = TimeUnit.NANOSECONDS.toMillis(server.wire.resumedAtNanos - server.wire.closedAtNanos);
                assertTrue(waited >= 450 && waited <= 700, "resumed " + waited + " ms after the close, not 450 to 700");
                return waited;
            } finally {
                client.closeGracefully();
            }
        }
    }

    /**
     * A tool result with U+2028, U+2029 and U+0085, sent as pretty-printed JSON over several
     * {@code data:} lines, without {@code event:}, after a comment, a {@code retry:} line and an
     * event of an unknown type.
     */
    static void wireQuirks(Function<URI, McpClientTransport> transports) throws Exception {
        try (SdkServer server = SdkServer.streamable()) {
            server.wire.quirks("echo");
            McpSyncClient client = client(transports.apply(server.uri()), new LinkedBlockingQueue<>(),
                    new LinkedBlockingQueue<>());
            try {
                client.initialize();
                assertEquals(TRICKY, call(client, "echo", TRICKY));
                assertEquals("and again", call(client, "echo", "and again"));
            } finally {
                client.closeGracefully();
            }
        }
    }

    /**
     * The GET stream is cut at random offsets (between events, mid-line, mid-character, between
     * CR and LF) while 120 notifications flow; every one arrives once, in order. The server is
     * scripted ({@code ResumableScenario}), because the SDK's server replays nothing.
     */
    static void randomCuts(Function<URI, McpClientTransport> transports, long seed) throws Exception {
        int count = 120;
        ResumableScenario scenario = ResumableScenario.newBuilder(count).seed(seed)
                .data(k -> "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/message\",\"params\":{\"level\":\"info\","
                        + "\"logger\":\"cuts\",\"data\":\"" + k + "\"}}")
                .retry(Duration.ofMillis(100))
                .build();
        try (MockSseServer server = MockSseServer.start()) {
            server.setDispatcher(request -> "GET".equals(request.method()) ? scenario.apply(request) : scripted(request));
            BlockingQueue<String> logs = new LinkedBlockingQueue<>();
            RecordingTransport transport = new RecordingTransport(transports.apply(server.uri()));
            McpSyncClient client = client(transport, new LinkedBlockingQueue<>(), logs);
            try {
                client.initialize();
                List<String> received = new ArrayList<>();
                long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                while (received.size() < count && System.nanoTime() < deadline) {
                    String next = logs.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
                    if (next == null) {
                        break;
                    }
                    received.add(next);
                }
                String more = logs.poll(200, TimeUnit.MILLISECONDS); // a repeat after the last would show here
                if (more != null) {
                    received.add(more);
                }
                List<String> expected = IntStream.rangeClosed(1, count).mapToObj(String::valueOf).collect(Collectors.toList());
                // What the transport handed over, in its order: each once, in stream order.
                assertEquals(expected, transport.logData(), "seed " + scenario.seed() + ", " + scenario);
                // What reached the SDK's logging consumer: each once (the SDK runs consumers
                // on boundedElastic, so it may swap neighbours).
                received.sort(java.util.Comparator.comparingInt(Integer::parseInt));
                assertEquals(expected, received, "seed " + scenario.seed() + ", " + scenario);
                assertTrue(scenario.drops() > 0, scenario.toString());
            } finally {
                client.closeGracefully();
            }
        }
    }

    /** The legacy HTTP+SSE transport against the SDK's legacy server: initialize, list, call, sampling, close. */
    static void legacy(Function<URI, McpClientTransport> transports) throws Exception {
        try (SdkServer server = SdkServer.legacy()) {
            McpSyncClient client = client(transports.apply(server.uri()), new LinkedBlockingQueue<>(),
                    new LinkedBlockingQueue<>());
            try {
                assertEquals("sdk-legacy-server", client.initialize().serverInfo().name());
                assertEquals(3, client.listTools().tools().size());
                assertEquals(TRICKY, call(client, "echo", TRICKY));
                assertEquals("sampled: a question", call(client, "sample", "a question"));
            } finally {
                client.closeGracefully();
            }
        }
    }

    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*(\"[^\"]*\"|\\d+)");

    /** A scripted MCP server's answers to POST and DELETE: initialize, then 202 for the rest. */
    static MockResponse scripted(RecordedRequest request) {
        String body = request.bodyAsString();
        if ("POST".equals(request.method()) && body.contains("\"initialize\"")) {
            Matcher id = ID.matcher(body);
            String requestId = id.find() ? id.group(1) : "0";
            return MockResponse.newBuilder().contentType("application/json").setHeader("Mcp-Session-Id", "scripted-1")
                    .raw("{\"jsonrpc\":\"2.0\",\"id\":" + requestId + ",\"result\":{\"protocolVersion\":\"2025-06-18\","
                            + "\"capabilities\":{\"logging\":{}},\"serverInfo\":{\"name\":\"scripted\",\"version\":\"1\"}}}")
                    .build();
        }
        return MockResponse.newBuilder().status(202).removeHeader("Content-Type").build();
    }

    /** Sequential echo calls: messages per second and the median round trip, after a warm-up. */
    static double[] throughput(Function<URI, McpClientTransport> transports, int warmUp, int calls) throws Exception {
        try (SdkServer server = SdkServer.streamable()) {
            McpSyncClient client = client(transports.apply(server.uri()), new LinkedBlockingQueue<>(),
                    new LinkedBlockingQueue<>());
            try {
                client.initialize();
                for (int i = 0; i < warmUp; i++) {
                    call(client, "echo", "warm " + i);
                }
                long[] nanos = new long[calls];
                long start = System.nanoTime();
                for (int i = 0; i < calls; i++) {
                    long t = System.nanoTime();
                    assertEquals("m" + i, call(client, "echo", "m" + i));
                    nanos[i] = System.nanoTime() - t;
                }
                long total = System.nanoTime() - start;
                java.util.Arrays.sort(nanos);
                return new double[] {calls / (total / 1e9), nanos[calls / 2] / 1e6};
            } finally {
                client.closeGracefully();
            }
        }
    }

    static Map<String, Object> none() {
        return Map.of();
    }
}
