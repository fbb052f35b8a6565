package io.sse4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sse4j.ServerSentEvent;
import io.sse4j.testkit.MockResponse;
import io.sse4j.testkit.MockSseServer;
import io.sse4j.testkit.RecordedRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The curl-like options become the request the server receives. */
class RequestArgumentsTest {

    private MockSseServer server;

    @BeforeEach
    void start() throws Exception {
        server = MockSseServer.start();
        server.setDispatcher(request -> MockResponse.newBuilder().event(ServerSentEvent.of("ok")).build());
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private RecordedRequest send(String... args) throws Exception {
        return sendWithInput(new byte[0], args);
    }

    private RecordedRequest sendWithInput(byte[] stdin, String... args) throws Exception {
        CliRun.Result result = CliRun.runWithInput(stdin, args);
        assertEquals(0, result.code(), result.toString());
        assertEquals(List.of("ok"), result.outLines(), result.toString());
        return server.takeRequest(CliRun.TIMEOUT);
    }

    private String url() {
        return server.url("/events?topic=a").toString();
    }

    @Test
    void getWithTheHeadersAnEventStreamNeeds() throws Exception {
        RecordedRequest request = send(url(), "--no-reconnect", "--raw");
        assertEquals("GET", request.method());
        assertEquals("/events?topic=a", request.target());
        assertEquals("text/event-stream", request.headers().firstValue("Accept").orElseThrow());
        assertEquals("", request.lastEventId());
        assertEquals(0, request.body().length);
    }

    @Test
    void repeatedHeadersAreAllSentAndOverrideTheDefaults() throws Exception {
        RecordedRequest request = send("-H", "Authorization: Bearer abc", "-H", "X-Trace:  one two ",
                "--header", "Accept: application/json, text/event-stream", "-H", "X-Many: 1", "-H", "X-Many: 2",
                url(), "--no-reconnect", "--raw");
        assertEquals("Bearer abc", request.headers().firstValue("Authorization").orElseThrow());
        assertEquals("one two", request.headers().firstValue("X-Trace").orElseThrow());
        assertEquals(List.of("application/json, text/event-stream"), request.headers().allValues("Accept"));
        assertEquals(List.of("1", "2"), request.headers().allValues("X-Many"));
    }

    @Test
    void dataMakesAPostWithThatBody() throws Exception {
        RecordedRequest request = send("-H", "Content-Type: application/json", "-d", "{\"prompt\":\"Say hi ☺\"}",
                url(), "--no-reconnect", "--raw");
        assertEquals("POST", request.method());
        assertEquals("{\"prompt\":\"Say hi ☺\"}", request.bodyAsString());
        assertEquals("application/json", request.headers().firstValue("Content-Type").orElseThrow());
    }

    @Test
    void methodIsAsGivenWithOrWithoutABody() throws Exception {
        RecordedRequest put = send("-X", "PUT", "--data=x", url(), "--no-reconnect", "--raw");
        assertEquals("PUT", put.method());
        assertEquals("x", put.bodyAsString());
        RecordedRequest delete = send("--request", "DELETE", url(), "--no-reconnect", "--raw");
        assertEquals("DELETE", delete.method());
        assertEquals(0, delete.body().length);
    }

    @Test
    void dataFromAFileIsSentByteForByte(@TempDir Path dir) throws Exception {
        byte[] body = {'{', (byte) 0xC3, (byte) 0xA9, 0, '\r', '\n', '}'};
        Path file = Files.write(dir.resolve("body.json"), body);
        RecordedRequest request = send("-d", "@" + file, url(), "--no-reconnect", "--raw");
        assertEquals("POST", request.method());
        assertEquals(new String(body, StandardCharsets.ISO_8859_1), new String(request.body(), StandardCharsets.ISO_8859_1));
    }

    @Test
    void dataFromStandardInput() throws Exception {
        RecordedRequest request = sendWithInput("line one\nline two\n".getBytes(StandardCharsets.UTF_8),
                "-d", "@-", url(), "--no-reconnect", "--raw");
        assertEquals("line one\nline two\n", request.bodyAsString());
    }

    @Test
    void theBodyIsSentAgainOnEveryReconnect() throws Exception {
        server.setDispatcher(request -> request.lastEventId().equals("1")
                ? MockResponse.newBuilder().status(204).build()
                : MockResponse.newBuilder().retry(Duration.ofMillis(1)).event(ServerSentEvent.of("message", "ok", "1")).build());
        CliRun.Result result = CliRun.run("-d", "again", url(), "--raw", "--quiet");
        assertEquals(0, result.code(), result.toString());
        RecordedRequest first = server.takeRequest(CliRun.TIMEOUT);
        RecordedRequest second = server.takeRequest(CliRun.TIMEOUT);
        assertEquals("again", first.bodyAsString());
        assertEquals("again", second.bodyAsString());
        assertEquals("POST", second.method());
        assertEquals("1", second.lastEventId());
    }

    @Test
    void lastEventIdStartsTheFirstConnectionThere() throws Exception {
        assertEquals("41", send("--last-event-id", "41", url(), "--no-reconnect", "--raw").lastEventId());
    }

    @Test
    void aLastEventIdHeaderIsTakenAsWhereToStartNotSentForEver() throws Exception {
        server.setDispatcher(request -> request.lastEventId().equals("2")
                ? MockResponse.newBuilder().status(204).build()
                : MockResponse.newBuilder().retry(Duration.ofMillis(1))
                        .event(ServerSentEvent.of("message", "ok", "2")).build());
        CliRun.Result result = CliRun.run("-H", "Last-Event-ID: 1", url(), "--raw", "--quiet");
        assertEquals(0, result.code(), result.toString());
        assertEquals("1", server.takeRequest(CliRun.TIMEOUT).lastEventId());
        assertEquals("2", server.takeRequest(CliRun.TIMEOUT).lastEventId());
    }

    @Test
    void aHeaderThatIsNotNameColonValueIsAUsageError() throws Exception {
        CliRun.Result result = CliRun.run("-H", "NoColon", url());
        assertEquals(2, result.code(), result.toString());
        assertEquals(List.of("sse4j: -H 'NoColon': expected 'Name: value'"), result.errLines());
        CliRun.Result restricted = CliRun.run("-H", "Host: elsewhere", url());
        assertEquals(2, restricted.code(), restricted.toString());
        assertTrue(restricted.err().startsWith("sse4j: -H 'Host: elsewhere': restricted header name"), restricted.toString());
        assertEquals(0, server.requestCount());
    }
}
