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
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docs/cli.md's MCP session from the shell, run as written against an MCP-shaped server: each
 * command's standard output, standard error and exit status are the ones the manual shows.
 */
class McpSessionTest {

    private static final String DOC_URL = "http://localhost:3000/mcp";
    private static final String SESSION = "5f1c2a9e-mcp-session";
    private static final String SID_LINE = "SID=$(grep -i '^mcp-session-id:' head.txt | cut -d' ' -f2)";

    @TempDir
    Path dir;

    private MockSseServer server;

    @BeforeEach
    void start() throws Exception {
        server = MockSseServer.start();
        server.setDispatcher(McpSessionTest::mcp);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    /**
     * A streamable-HTTP MCP server in miniature: {@code initialize} answered in JSON mode with a
     * session ID, the {@code initialized} notification with 202 and no body, {@code tools/call}
     * in stream mode; a request without the session, or that does not accept both types, 400.
     */
    private static MockResponse mcp(RecordedRequest request) {
        String body = request.bodyAsString();
        String accept = request.headers().firstValue("Accept").orElse("");
        if (!request.method().equals("POST") || !accept.contains("application/json")
                || !accept.contains("text/event-stream")) {
            return refuse("expected a POST accepting application/json and text/event-stream");
        }
        if (body.contains("\"method\":\"initialize\"")) {
            return MockResponse.newBuilder().contentType("application/json").header("Mcp-Session-Id", SESSION)
                    .fixedLength().raw("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"protocolVersion\":\"2025-06-18\","
                            + "\"capabilities\":{\"tools\":{}},\"serverInfo\":{\"name\":\"mock\",\"version\":\"1\"}}}")
                    .build();
        }
        if (!request.headers().firstValue("Mcp-Session-Id").orElse("").equals(SESSION)) {
            return refuse("no such session");
        }
        if (body.contains("\"method\":\"notifications/initialized\"")) {
            return MockResponse.newBuilder().status(202).removeHeader("Content-Type").removeHeader("Cache-Control")
                    .fixedLength().build();
        }
        if (body.contains("\"method\":\"tools/call\"")) {
            return MockResponse.newBuilder().event(ServerSentEvent.of(
                    "{\"jsonrpc\":\"2.0\",\"id\":2,\"result\":{\"content\":[{\"type\":\"text\",\"text\":\"hi\"}]}}"))
                    .build();
        }
        return refuse("unknown method");
    }

    private static MockResponse refuse(String why) {
        return MockResponse.newBuilder().status(400).contentType("text/plain").fixedLength().raw(why).build();
    }

    /** One command of the manual's session, and what the manual says it prints. */
    record Step(String command, List<String> out, List<String> err, int exit) {
    }

    @Test
    void theManualsSessionRunsAsShown() throws Exception {
        List<Step> steps = steps(session());
        assertEquals(3, steps.size(), steps.toString());
        Path head = dir.resolve("head.txt");
        String sid = null;
        for (Step step : steps) {
            String command = step.command().replace(DOC_URL, server.url("/mcp").toString())
                    .replace("head.txt", head.toString());
            if (sid != null) {
                command = command.replace("$SID", sid);
            }
            List<String> args = DocsTest.ShellWords.split(command);
            assertEquals("sse4j", args.get(0), command);
            CliRun.Result result = CliRun.run(args.subList(1, args.size()).toArray(String[]::new));
            String shown = result.toString();
            assertEquals(step.exit(), result.code(), shown);
            assertEquals(step.out(), result.outLines(), shown);
            assertEquals(step.err().stream().map(line -> line.replace(DOC_URL, server.url("/mcp").toString())).toList(),
                    result.errLines(), shown);
            if (sid == null) {
                sid = sessionId(head);
                assertEquals(SESSION, sid, "the session ID as the manual's grep and cut find it in head.txt");
            }
        }
        assertEquals(3, server.requestCount(), "one request per command");
    }

    @Test
    void withoutTheSessionHeaderTheServerRefusesWithExit7() throws Exception {
        // The test server checks the header: the session test above cannot pass without it carried over.
        CliRun.Result result = CliRun.run("--no-reconnect", "-H", "Accept: application/json, text/event-stream",
                "-d", "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}", server.url("/mcp").toString());
        assertEquals(7, result.code(), result.toString());
        assertTrue(result.err().contains("got 400 text/plain") && result.err().contains("no such session"), result.toString());
    }

    /** What {@code SID=$(grep -i '^mcp-session-id:' head.txt | cut -d' ' -f2)} gives. */
    private static String sessionId(Path head) throws Exception {
        return Files.readAllLines(head, StandardCharsets.UTF_8).stream()
                .filter(line -> line.toLowerCase(java.util.Locale.ROOT).startsWith("mcp-session-id:"))
                .map(line -> line.split(" ", -1)[1])
                .findFirst().orElseThrow(() -> new AssertionError("no Mcp-Session-Id in head.txt"));
    }

    /** The shell block of the manual's MCP section. */
    private static String session() throws Exception {
        String manual = Files.readString(Path.of("..", "docs/cli.md"), StandardCharsets.UTF_8);
        int start = manual.indexOf("### An MCP session from the shell");
        assertTrue(start >= 0, "no MCP section in docs/cli.md");
        Matcher block = Pattern.compile("(?ms)^```sh\\n(.*?)^```").matcher(manual);
        assertTrue(block.find(start), "no sh block in the MCP section");
        String script = block.group(1);
        assertTrue(script.contains(SID_LINE + "\n"), "the session ID is read as this test reads it: " + SID_LINE);
        return script;
    }

    /** Each sse4j command (continuations joined) and the "# stdout:", "# stderr:" and "# exit" lines after it. */
    static List<Step> steps(String script) {
        List<Step> steps = new ArrayList<>();
        String command = null;
        List<String> out = new ArrayList<>();
        List<String> err = new ArrayList<>();
        for (String line : script.replace("\\\n", " ").lines().toList()) {
            if (line.startsWith("sse4j ")) {
                command = line.replaceAll(" +", " ");
                out = new ArrayList<>();
                err = new ArrayList<>();
            } else if (line.startsWith("# stdout: ")) {
                out.add(line.substring("# stdout: ".length()));
            } else if (line.startsWith("# stderr: ")) {
                err.add(line.substring("# stderr: ".length()));
            } else if (line.startsWith("# exit ")) {
                assertTrue(command != null, "an exit status before a command: " + line);
                steps.add(new Step(command, out, err, Integer.parseInt(line.substring("# exit ".length()))));
                command = null;
            }
        }
        assertEquals(null, command, "a command without its # exit line");
        return steps;
    }

    @Test
    void theStepReaderTakesEachCommandAndWhatItPrints() {
        String script = "# a comment\nsse4j a \\\n      b\n# stdout: x\n# stderr: sse4j: y\n# exit 0\nX=1\n"
                + "sse4j c\n# exit 7\n";
        assertEquals(List.of(new Step("sse4j a b", List.of("x"), List.of("sse4j: y"), 0),
                new Step("sse4j c", List.of(), List.of(), 7)), steps(script));
    }
}
