package io.sse4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code sse4j demo}: the README's run command; it tells the story and checks it. */
class DemoCommandTest {

    @Test
    void theDemoShowsTheCutAndTheResumeAndEndsByItself() throws Exception {
        CliRun.Result result = CliRun.run("demo", "--pace", "0");
        assertEquals(0, result.code(), result.toString());
        String out = result.out();
        assertEquals("", result.err());
        assertTrue(out.startsWith("sse4j demo: an event stream at http://127.0.0.1:"), out);
        assertTrue(out.contains("server: GET /events → 200, events 1 to 10, cut after 4 and a half\n"
                + "[message] id=1 retry=500ms\nServer-Sent Events,\n\n"), out);
        assertTrue(out.contains("[message] id=4\nNow the connection drops\n\nsse4j: connection broke mid-stream from http://"), out);
        assertTrue(out.contains("reconnecting in ") && out.contains(" with Last-Event-ID: 4\n"
                + "server: GET /events with Last-Event-ID: 4 → 200, resuming with event 5\n[message] id=5\n"), out);
        assertTrue(out.contains("server: GET /events with Last-Event-ID: 10 → 204 No Content"), out);
        assertTrue(out.endsWith("sse4j demo: 10 events, each once and in order, over 3 requests; the server's 204 ended"
                + " the stream. Next: sse4j --help\n"), out);
    }

    @Test
    void theDemoInJsonKeepsStandardOutputForTheEvents() throws Exception {
        CliRun.Result result = CliRun.run("demo", "--pace", "0", "--json");
        assertEquals(0, result.code(), result.toString());
        List<String> data = new ArrayList<>();
        ObjectMapper json = new ObjectMapper();
        for (String line : result.outLines()) {
            data.add(json.readTree(line).get("data").asText());
        }
        assertEquals(List.of(DemoCommand.TEXT), data);
        assertTrue(result.err().contains("server: GET /events with Last-Event-ID: 4 → 200"), result.toString());
    }
}
