package io.sse4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sse4j.ServerSentEvent;
import io.sse4j.testkit.MockResponse;
import io.sse4j.testkit.MockSseServer;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Each kind of outcome has its own exit code and one readable line on standard error. */
class ExitCodesTest {

    private MockSseServer server;
    private final CountDownLatch never = new CountDownLatch(1);

    @BeforeEach
    void start() throws Exception {
        server = MockSseServer.start();
    }

    @AfterEach
    void stop() {
        never.countDown();
        server.close();
    }

    private String url() {
        return server.url("/events").toString();
    }

    /** Runs, checks the exit code and that standard error is one line, and returns that line. */
    private static String fails(int code, String... args) throws Exception {
        CliRun.Result result = CliRun.run(args);
        assertEquals(code, result.code(), result.toString());
        assertEquals(1, result.errLines().size(), result.toString());
        assertEquals("", result.out(), result.toString());
        return result.errLines().get(0);
    }

    @Test
    void ok0WhenTheStreamEndsWithNoReconnect() throws Exception {
        server.enqueue(MockResponse.newBuilder().event(ServerSentEvent.of("x")).build());
        CliRun.Result result = CliRun.run(url(), "--no-reconnect", "--raw");
        assertEquals(0, result.code(), result.toString());
        assertEquals("x\n", result.out());
        assertEquals("", result.err());
    }

    @Test
    void ok0WhenTheStreamEndsAndMaxRetriesIsUsedUp() throws Exception {
        // A clean end is the server's to give: with no reconnect left it ends the command with
        // success, never with 10 (which is for a stream that broke).
        // With an ID, so that there is something to resume from: a reconnect, not a repeat.
        MockResponse ends = MockResponse.newBuilder().retry(java.time.Duration.ZERO).raw("id: 1\n\n").build();
        server.setDispatcher(request -> ends);
        CliRun.Result once = CliRun.run(url(), "--max-retries", "0", "--raw");
        assertEquals(0, once.code(), once.toString());
        assertEquals(1, server.requestCount());
        CliRun.Result twice = CliRun.run(url(), "--max-retries", "1", "--raw", "--quiet");
        assertEquals(0, twice.code(), twice.toString());
        assertEquals("", twice.err(), twice.toString());
        assertEquals(3, server.requestCount());
    }

    @Test
    void ok0WhenAFiniteStreamWithoutIdsEndsOnceShown() throws Exception {
        // Reopening a stream that ended with no last event ID could only repeat it (issue 15).
        server.setDispatcher(request -> MockResponse.newBuilder().retry(java.time.Duration.ZERO)
                .event(ServerSentEvent.of("a")).event(ServerSentEvent.of("b")).build());
        CliRun.Result result = CliRun.run(url(), "--raw");
        assertEquals(0, result.code(), result.toString());
        assertEquals("a\nb\n", result.out());
        assertEquals(1, server.requestCount());
    }

    @Test
    void ok0AfterThePostExampleWithOneRequestOnly() throws Exception {
        // The README's POST: an LLM-style stream ending in [DONE]; each resend would be a new completion.
        server.setDispatcher(request -> MockResponse.newBuilder().retry(java.time.Duration.ZERO)
                .event(ServerSentEvent.of("Hel")).event(ServerSentEvent.of("lo")).event(ServerSentEvent.of("[DONE]")).build());
        CliRun.Result result = CliRun.run("-H", "Content-Type: application/json", "-d", "{\"prompt\":\"Say hi\",\"stream\":true}",
                url(), "--raw");
        assertEquals(0, result.code(), result.toString());
        assertEquals(1, server.requestCount(), "exactly one POST");
        assertEquals("POST", server.takeRequest(java.time.Duration.ofSeconds(5)).method());
        assertEquals("Hel\nlo\n[DONE]\n", result.out());
    }

    @Test
    void usage2() throws Exception {
        CliRun.Result unknown = CliRun.run("--nope", url());
        assertEquals(2, unknown.code(), unknown.toString());
        assertEquals("sse4j: Unknown option: '--nope'", unknown.errLines().get(0));
        assertEquals("(sse4j --help shows the options)", unknown.errLines().get(unknown.errLines().size() - 1));
        assertEquals("sse4j: --json and --raw cannot be combined: choose one format", fails(2, url(), "--json", "--raw"));
        assertEquals("sse4j: a URL or a command is needed (sse4j --help shows them)", fails(2));
        CliRun.Result badDuration = CliRun.run(url(), "--idle-timeout", "soon");
        assertEquals(2, badDuration.code(), badDuration.toString());
        assertTrue(badDuration.err().contains("'soon' is not a duration; expected a duration above zero (500ms, 5s"), badDuration.toString());
        assertEquals(0, server.requestCount());
    }

    @Test
    void badUrl3() throws Exception {
        assertEquals("sse4j: bad URL 'ftp://example.com/x': not an http or https URL", fails(3, "ftp://example.com/x"));
        assertEquals("sse4j: bad URL 'localhost:8080/events': not an http or https URL"
                + " (did you mean http://localhost:8080/events ?)", fails(3, "localhost:8080/events"));
        assertEquals("sse4j: bad URL 'http:///events': no host", fails(3, "http:///events"));
        assertTrue(fails(3, "http://exa mple.com/").startsWith("sse4j: bad URL 'http://exa mple.com/': Illegal character"));
    }

    @Test
    void localFile4() throws Exception {
        assertEquals("sse4j: cannot read missing.json: no such file or directory", fails(4, "-d", "@missing.json", url()));
        assertEquals(0, server.requestCount());
    }

    @Test
    void connectionRefused5() throws Exception {
        int port;
        try (MockSseServer closed = MockSseServer.start()) {
            port = closed.port();
        }
        assertEquals("sse4j: GET http://127.0.0.1:" + port + "/events: cannot connect to 127.0.0.1:" + port
                + ": connection refused", fails(5, "http://127.0.0.1:" + port + "/events"));
    }

    @Test
    void timeout6ForTheHeadersAndForIdleWithoutReconnect() throws Exception {
        server.enqueue(MockResponse.newBuilder().awaitBeforeHead(never).build());
        assertEquals("sse4j: no response headers from " + url() + " in time (--timeout)", fails(6, url(), "--timeout", "200ms"));

        server.enqueue(MockResponse.newBuilder().event(ServerSentEvent.of("only")).stall().build());
        CliRun.Result idle = CliRun.run(url(), "--idle-timeout", "300ms", "--no-reconnect", "--raw");
        assertEquals(6, idle.code(), idle.toString());
        assertEquals("only\n", idle.out());
        assertTrue(idle.err().startsWith("sse4j: no bytes from " + url() + " for 300 ms (the idle timeout)")
                && idle.err().endsWith("(--idle-timeout)\n"), idle.toString());
    }

    @Test
    void httpStatus7() throws Exception {
        server.enqueue(MockResponse.newBuilder().status(404).contentType("text/html").fixedLength()
                .raw("<h1>Not\nfound</h1>").build());
        assertEquals("sse4j: expected 200 text/event-stream, got 404 text/html from " + url() + ": <h1>Not found</h1>",
                fails(7, url()));
    }

    @Test
    void http7OnceRetriesAreUsedUp() throws Exception {
        MockResponse unavailable = MockResponse.newBuilder().status(503).header("Retry-After", "0")
                .contentType("text/plain").fixedLength().raw("busy").build();
        server.setDispatcher(request -> unavailable);
        CliRun.Result result = CliRun.run(url(), "--max-retries", "2");
        assertEquals(7, result.code(), result.toString());
        assertEquals(3, server.requestCount());
        List<String> lines = result.errLines();
        assertEquals(3, lines.size(), result.toString());
        assertTrue(lines.get(0).startsWith("sse4j: expected 200 text/event-stream, got 503 text/plain from " + url()
                + ": busy; reconnecting in 100 ms, from the start"), lines.get(0));
        assertEquals("sse4j: gave up after 3 failed attempts in a row: expected 200 text/event-stream, got 503 text/plain from "
                + url() + ": busy", lines.get(2));
    }

    @Test
    void ok0ForAnAnswerThatIsNotAnEventStreamPrintedWhole() throws Exception {
        // Larger than the 4 KiB of body an EventSource's refusal keeps, with no final newline.
        String json = "{\"result\":\"" + "x".repeat(10_000) + "\"}";
        server.enqueue(MockResponse.newBuilder().contentType("application/json").fixedLength().raw(json).build());
        CliRun.Result result = CliRun.run(url(), "--raw");
        assertEquals(0, result.code(), result.toString());
        assertEquals(json, result.out());
        assertEquals(List.of("sse4j: 200 application/json from " + url() + ", not an event stream: 10013 bytes, printed whole"),
                result.errLines());
        assertEquals(1, server.requestCount(), "the body is read from the one response, not asked for again");

        server.enqueue(MockResponse.newBuilder().contentType("application/json").fixedLength().raw(json).build());
        CliRun.Result quiet = CliRun.run(url(), "--quiet", "--json");
        assertEquals(0, quiet.code(), quiet.toString());
        assertEquals(json, quiet.out(), "the body as it came, whatever the format");
        assertEquals("", quiet.err());
    }

    @Test
    void ok0ForAnEmpty202AcceptedToAPost() throws Exception {
        server.enqueue(MockResponse.newBuilder().status(202).removeHeader("Content-Type").fixedLength().build());
        CliRun.Result result = CliRun.run("-d", "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}", url());
        assertEquals(0, result.code(), result.toString());
        assertEquals("", result.out());
        assertEquals(List.of("sse4j: 202 without Content-Type from " + url() + ", not an event stream: no body"),
                result.errLines());
    }

    @Test
    void ok0ForAGzippedAnswerDecodedAndInItsCharsetMadeUtf8() throws Exception {
        java.io.ByteArrayOutputStream gzipped = new java.io.ByteArrayOutputStream();
        try (java.util.zip.GZIPOutputStream gzip = new java.util.zip.GZIPOutputStream(gzipped)) {
            gzip.write("caf\u00e9\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        }
        server.enqueue(MockResponse.newBuilder().contentType("text/plain; charset=ISO-8859-1")
                .header("Content-Encoding", "gzip").fixedLength().raw(gzipped.toByteArray()).build());
        CliRun.Result result = CliRun.run("-H", "Accept-Encoding: gzip", url(), "--quiet");
        assertEquals(0, result.code(), result.toString());
        assertEquals("caf\u00e9\n", result.out());
    }

    @Test
    void notAnEventStream8OnAReconnection() throws Exception {
        // The answer to the request is printed; once a stream has opened, JSON cannot resume it.
        server.setDispatcher(request -> request.lastEventId().equals("1")
                ? MockResponse.newBuilder().contentType("application/json").fixedLength().raw("{\"error\":1}").build()
                : MockResponse.newBuilder().retry(java.time.Duration.ZERO).event(ServerSentEvent.of("message", "a", "1")).build());
        CliRun.Result result = CliRun.run(url(), "--raw", "--quiet");
        assertEquals(8, result.code(), result.toString());
        assertEquals("a\n", result.out());
        assertEquals(List.of("sse4j: expected 200 text/event-stream, got 200 application/json from " + url() + ": {\"error\":1}"),
                result.errLines());
    }

    @Test
    void limitCrossed9ByAnAnswerThatIsNotAnEventStream() throws Exception {
        server.enqueue(MockResponse.newBuilder().contentType("application/json").fixedLength().raw("x".repeat(100)).build());
        assertEquals("sse4j: the reply from " + url() + " is larger than maxEventSize of 64 bytes (--max-event-size)",
                fails(9, url(), "--max-event-size", "64"));
    }

    @Test
    void streamLost10WhenAnAnswerBreaksBeforeItsEnd() throws Exception {
        server.enqueue(MockResponse.newBuilder().contentType("application/json").setHeader("Content-Length", "100")
                .raw("{\"partial\":").disconnect().build());
        String line = fails(10, url());
        assertTrue(line.startsWith("sse4j: the reply from " + url() + " broke after 11 bytes of its body: "), line);
    }

    @Test
    void limitCrossed9() throws Exception {
        server.enqueue(MockResponse.newBuilder().event(ServerSentEvent.of("x".repeat(100))).build());
        assertEquals("sse4j: " + url() + ": SSE event data larger than maxEventSize of 64 bytes (--max-event-size)",
                fails(9, url(), "--max-event-size", "64"));
    }

    @Test
    void streamLost10WhenItBreaksWithNoReconnect() throws Exception {
        server.enqueue(MockResponse.newBuilder().chunkedEncoding().event(ServerSentEvent.of("message", "a", "1"))
                .raw("data: half").disconnect().build());
        CliRun.Result result = CliRun.run(url(), "--no-reconnect", "--raw");
        assertEquals(10, result.code(), result.toString());
        assertEquals("a\n", result.out());
        assertTrue(result.err().startsWith("sse4j: connection broke mid-stream from " + url()
                + " after 1 event (last event ID \"1\")"), result.toString());
    }

    @Test
    void verboseAddsTheStackTrace() throws Exception {
        server.enqueue(MockResponse.newBuilder().status(401).build());
        CliRun.Result result = CliRun.run(url(), "--verbose");
        assertEquals(7, result.code(), result.toString());
        // After sse4j's view of the exchange (> request, < response), the error and its stack trace.
        java.util.List<String> lines = result.errLines().stream()
                .filter(line -> !line.startsWith("sse4j: > ") && !line.startsWith("sse4j: < ")).toList();
        assertTrue(result.errLines().get(0).startsWith("sse4j: > GET "), result.toString());
        assertTrue(lines.get(0).startsWith("sse4j: expected 200 text/event-stream, got 401"), result.toString());
        assertTrue(lines.get(1).startsWith("io.sse4j.SseResponseException: expected 200"), result.toString());
        assertTrue(result.err().contains("\tat "), result.toString());
    }

    @Test
    void everyExitCodeIsDistinct() {
        assertEquals(ExitCode.values().length,
                java.util.Arrays.stream(ExitCode.values()).mapToInt(ExitCode::code).distinct().count());
    }
}
