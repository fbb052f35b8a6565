package io.sse4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sse4j.ServerSentEvent;
import io.sse4j.testkit.MockResponse;
import io.sse4j.testkit.MockSseServer;
import io.sse4j.testkit.ResumableScenario;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code sse4j URL} over loopback: across reconnects, recording, stopping. */
class FollowEndToEndTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

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
    void jsonAcrossReconnectsIsEveryEventOnceAndInOrderAndTheRecordParsesToTheSame() throws Exception {
        ResumableScenario scenario = ResumableScenario.newBuilder(40).seed(9).maxEventsPerConnection(4)
                .retry(Duration.ofMillis(1)).build();
        server.setDispatcher(scenario);
        Path record = dir.resolve("record.sse");

        CliRun.Result live = CliRun.run(server.url("/events").toString(), "--json", "--record", record.toString(),
                "--stats");

        assertEquals(0, live.code(), live.toString());
        scenario.awaitCompletion(CliRun.TIMEOUT);
        List<ServerSentEvent> received = new ArrayList<>();
        for (String line : live.outLines()) {
            JsonNode event = JSON.readTree(line);
            received.add(ServerSentEvent.of(event.get("event").asText(), event.get("data").asText(), event.get("id").asText()));
            if (event.has("retry")) {
                assertEquals(1, event.get("retry").asInt(), line); // each connection's retry: line
            }
        }
        assertEquals(scenario.events(), received);
        assertTrue(JSON.readTree(live.outLines().get(0)).has("retry"), live.outLines().get(0));
        assertTrue(scenario.drops() >= 10, scenario.toString());

        List<String> notices = live.errLines().stream().filter(line -> line.contains("reconnecting in")).toList();
        assertEquals(scenario.requests() - 1, notices.size(), live.err());
        String summary = live.errLines().get(live.errLines().size() - 1);
        assertTrue(summary.startsWith("sse4j: 40 events, ") && summary.endsWith(", " + (scenario.requests() - 1)
                + " reconnects"), summary);

        CliRun.Result parsed = CliRun.run("parse", record.toString(), "--json");
        assertEquals(0, parsed.code(), parsed.toString());
        assertEquals(live.out(), parsed.out(), "the record parses to what was shown, retries included");
    }

    @Test
    void maxEventsStopsAndClosesTheConnection() throws Exception {
        MockResponse.Builder stream = MockResponse.newBuilder();
        for (int i = 1; i <= 5; i++) {
            stream.event(ServerSentEvent.of("message", "e" + i, String.valueOf(i)));
        }
        server.enqueue(stream.stall().build());
        CliRun.Result result = CliRun.run(server.uri().toString(), "--raw", "-n", "3");
        assertEquals(0, result.code(), result.toString());
        assertEquals(List.of("e1", "e2", "e3"), result.outLines());
        server.awaitClientDisconnects(1, CliRun.TIMEOUT);
        assertEquals(1, server.requestCount());
    }

    @Test
    void includeShowsEachResponsesStatusAndHeadersBeforeItsEvents() throws Exception {
        server.setDispatcher(request -> request.lastEventId().equals("1")
                ? MockResponse.newBuilder().status(204).build()
                : MockResponse.newBuilder().header("X-Served", "yes").retry(Duration.ofMillis(1))
                        .event(ServerSentEvent.of("message", "hi", "1")).build());
        CliRun.Result result = CliRun.run(server.uri().toString(), "-i", "--raw", "--quiet");
        assertEquals(0, result.code(), result.toString());
        List<String> lines = result.outLines();
        assertEquals("HTTP/1.1 200", lines.get(0));
        assertTrue(lines.contains("x-served: yes") || lines.contains("X-Served: yes"), result.toString());
        assertEquals(List.of("", "hi"), lines.subList(lines.size() - 2, lines.size()));

        CliRun.Result json = CliRun.run(server.uri().toString(), "-i", "--json", "--quiet");
        assertEquals(List.of("{\"event\":\"message\",\"data\":\"hi\",\"id\":\"1\",\"retry\":1}"), json.outLines());
        assertTrue(json.err().startsWith("HTTP/1.1 200\n"), json.toString());
    }

    @Test
    void includeShowsTheHeadOfAnAnswerThatIsNotAStreamBeforeItsBody() throws Exception {
        server.enqueue(MockResponse.newBuilder().contentType("application/json").header("Mcp-Session-Id", "s-1")
                .fixedLength().raw("{\"ok\":true}\n").build());
        CliRun.Result result = CliRun.run(server.uri().toString(), "-i", "--raw", "--quiet");
        assertEquals(0, result.code(), result.toString());
        List<String> lines = result.outLines();
        assertEquals("HTTP/1.1 200", lines.get(0), result.toString());
        assertTrue(lines.stream().anyMatch(line -> line.equalsIgnoreCase("mcp-session-id: ***")),
                "-i masks what looks like a credential: " + result);
        assertEquals(List.of("", "{\"ok\":true}"), lines.subList(lines.size() - 2, lines.size()));
    }

    @Test
    void dumpHeaderWritesEachResponsesHeadAsReceivedAndLeavesStandardOutputAlone() throws Exception {
        server.setDispatcher(request -> request.lastEventId().equals("1")
                ? MockResponse.newBuilder().status(204).build()
                : MockResponse.newBuilder().header("Mcp-Session-Id", "s-1").retry(Duration.ofMillis(1))
                        .event(ServerSentEvent.of("message", "hi", "1")).build());
        Path head = dir.resolve("head.txt");
        CliRun.Result result = CliRun.run(server.uri().toString(), "-D", head.toString(), "--raw", "--quiet");
        assertEquals(0, result.code(), result.toString());
        assertEquals("hi\n", result.out());
        String dumped = java.nio.file.Files.readString(head);
        // Two responses, each a status line, its headers and a blank line; the session ID unmasked.
        List<String> heads = List.of(dumped.split("\n\n", -1));
        assertEquals(3, heads.size(), dumped);
        assertTrue(heads.get(0).startsWith("HTTP/1.1 200\n"), dumped);
        assertTrue(heads.get(0).lines().anyMatch(line -> line.equalsIgnoreCase("mcp-session-id: s-1")), dumped);
        assertTrue(heads.get(1).startsWith("HTTP/1.1 204"), dumped);
        assertEquals("", heads.get(2), dumped);
    }

    @Test
    void dumpHeaderToAFileThatCannotBeWrittenIsALocalError() throws Exception {
        CliRun.Result result = CliRun.run(server.uri().toString(), "-D", dir.resolve("no/such/dir/head.txt").toString());
        assertEquals(4, result.code(), result.toString());
        assertEquals(0, server.requestCount());
    }

    @Test
    void statsWithoutATerminalIsOneSummaryLine() throws Exception {
        server.enqueue(MockResponse.newBuilder().event(ServerSentEvent.of("a")).event(ServerSentEvent.of("b")).build());
        CliRun.Result result = CliRun.run(server.uri().toString(), "--raw", "--stats", "--no-reconnect");
        assertEquals(0, result.code(), result.toString());
        assertEquals(1, result.errLines().size(), result.toString());
        assertTrue(result.err().matches("sse4j: 2 events, 18 B in \\d+\\.\\d s \\(\\d+\\.\\d events/s\\), 0 reconnects\n"),
                result.err());
    }

    @Test
    void aClosedStandardOutputEndsTheCommandQuietly() throws Exception {
        MockResponse.Builder stream = MockResponse.newBuilder();
        for (int i = 0; i < 100; i++) {
            stream.event(ServerSentEvent.of("event " + i));
        }
        server.enqueue(stream.stall().build());
        OutputStream closedAfterTenBytes = new OutputStream() {
            private int written;

            @Override
            public void write(int b) throws IOException {
                if (++written > 10) {
                    throw new IOException("Broken pipe");
                }
            }
        };
        Capture err = new Capture();
        Io io = new Io(java.io.InputStream.nullInputStream(), new PrintStream(closedAfterTenBytes, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), false, false, true);
        int code = new Cli(io, new Cancellation()).run(server.uri().toString(), "--raw");
        assertEquals(0, code, err.text());
        assertEquals("", err.text());
        server.awaitClientDisconnects(1, CliRun.TIMEOUT);
    }

    @Test
    void cancellingClosesTheStreamAndReportsAnInterrupt() throws Exception {
        server.enqueue(MockResponse.newBuilder().event(ServerSentEvent.of("first")).stall().build());
        CliRun.Running running = CliRun.start(server.uri().toString(), "--raw", "--stats");
        running.out.await(out -> out.equals("first\n"), CliRun.TIMEOUT);
        CliRun.Result result = running.cancel().result();
        assertEquals(130, result.code(), result.toString());
        assertTrue(result.err().startsWith("sse4j: 1 event, "), result.toString());
        server.awaitClientDisconnects(1, CliRun.TIMEOUT);
    }
}
