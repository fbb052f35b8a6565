package io.sse4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sse4j.testkit.MockSseServer;
import io.sse4j.testkit.ResumableScenario;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code sse4j serve} replays a capture, and {@code sse4j URL} reads it back as {@code parse} reads the file. */
class ServeRoundTripTest {

    @TempDir
    Path dir;

    /** A capture with a BOM, comments, a retry, every line ending, an ID-only block and an unfinished event. */
    private Path handMadeCapture() throws Exception {
        ByteArrayOutputStream capture = new ByteArrayOutputStream();
        capture.writeBytes(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
        capture.writeBytes((": a capture\nretry: 1\n\n"
                + "id: 1\ndata: first\n\n"
                + "id: 2\r\nevent: update\r\ndata: two\r\ndata: lines\r\n\r\n"
                + ": heartbeat\r"
                + "id: 3\rdata: caf\u00e9 \ud83d\ude00\r\r"
                + "data: no id of its own\n\n"
                + "id: 4\n\n"
                + "id: 5\ndata: last\n\n"
                + "id: 6\ndata: cut sh").getBytes(StandardCharsets.UTF_8));
        return Files.write(dir.resolve("capture.sse"), capture.toByteArray());
    }

    /** Starts {@code sse4j serve}; returns it once its URL is printed. */
    private static CliRun.Running serve(String... args) throws Exception {
        String[] all = new String[args.length + 1];
        all[0] = "serve";
        System.arraycopy(args, 0, all, 1, args.length);
        CliRun.Running serve = CliRun.start(all);
        serve.out.await(out -> out.endsWith("/\n"), CliRun.TIMEOUT);
        return serve;
    }

    private static String url(CliRun.Running serve) {
        return serve.out.text().strip();
    }

    @Test
    void theClientReadsTheReplayAsParseReadsTheFileAndStopsAtTheServers204() throws Exception {
        Path capture = handMadeCapture();
        CliRun.Result parsed = CliRun.run("parse", capture.toString(), "--json");
        assertEquals(5, parsed.outLines().size(), parsed.toString());

        CliRun.Running serve = serve(capture.toString());
        CliRun.Result live = CliRun.run(url(serve), "--json", "--quiet");
        CliRun.Result served = serve.cancel().result();

        assertEquals(0, live.code(), live.toString());
        assertEquals(parsed.out(), live.out());
        assertEquals(130, served.code(), served.toString());
        List<String> log = served.errLines();
        assertTrue(log.get(0).startsWith("sse4j serve: replaying " + capture + " (5 events) on http://127.0.0.1:"), served.toString());
        assertEquals(List.of("sse4j serve: GET / → 200, from event 1 of 5",
                "sse4j serve: GET / with Last-Event-ID: 5 → 204 No Content: the client has every event"),
                log.subList(1, log.size()));
    }

    @Test
    void aRequestResumesAfterTheEventItsLastEventIdNames() throws Exception {
        CliRun.Running serve = serve(handMadeCapture().toString());
        CliRun.Result fromTwo = CliRun.run(url(serve), "--raw", "--last-event-id", "2", "--quiet");
        CliRun.Result fromFour = CliRun.run(url(serve), "--raw", "--last-event-id", "4", "--quiet");
        CliRun.Result unknown = CliRun.run(url(serve), "--raw", "--last-event-id", "nope", "--max-events", "1");
        CliRun.Result served = serve.cancel().result();
        assertEquals(List.of("caf\u00e9 \ud83d\ude00", "no id of its own", "last"), fromTwo.outLines(), fromTwo.toString());
        assertEquals(List.of("last"), fromFour.outLines(), fromFour.toString());
        assertEquals(List.of("first"), unknown.outLines(), unknown.toString());
        assertTrue(served.err().contains("GET / with Last-Event-ID: nope: an ID the capture never set, so from the start"),
                served.toString());
    }

    @Test
    void loopStartsOverAfterTheLastEventAtTheRateAsked() throws Exception {
        Path capture = Files.writeString(dir.resolve("abc.sse"), "id: a\ndata: A\n\nid: b\ndata: B\n\nid: c\ndata: C\n\n");
        CliRun.Running serve = serve(capture.toString(), "--loop", "--rate", "1000");
        CliRun.Result result = CliRun.run(url(serve), "--raw", "--max-events", "8");
        serve.cancel().result();
        assertEquals(List.of("A", "B", "C", "A", "B", "C", "A", "B"), result.outLines(), result.toString());
    }

    @Test
    void aRecordedStreamReplaysToTheEventsItWasRecordedFrom() throws Exception {
        ResumableScenario scenario = ResumableScenario.newBuilder(24).seed(3).maxEventsPerConnection(5)
                .retry(Duration.ofMillis(1)).build();
        Path record = dir.resolve("record.sse");
        try (MockSseServer origin = MockSseServer.start()) {
            origin.setDispatcher(scenario);
            CliRun.Result recorded = CliRun.run(origin.uri().toString(), "--raw", "--quiet", "--record", record.toString());
            assertEquals(0, recorded.code(), recorded.toString());
        }
        assertTrue(scenario.drops() > 0, scenario.toString());
        CliRun.Result parsed = CliRun.run("parse", record.toString(), "--json");
        CliRun.Running serve = serve(record.toString());
        CliRun.Result replayed = CliRun.run(url(serve), "--json", "--quiet");
        serve.cancel().result();
        assertEquals(24, parsed.outLines().size(), parsed.toString());
        assertEquals(parsed.out(), replayed.out());
    }

    @Test
    void aPortInUseIsExit4() throws Exception {
        Path capture = handMadeCapture();
        try (MockSseServer taken = MockSseServer.start()) {
            CliRun.Result result = CliRun.run("serve", capture.toString(), "--port", String.valueOf(taken.port()));
            assertEquals(4, result.code(), result.toString());
            assertTrue(result.err().startsWith("sse4j: cannot serve on port " + taken.port() + ": "), result.toString());
            assertEquals(1, result.errLines().size(), result.toString());
        }
    }
}
