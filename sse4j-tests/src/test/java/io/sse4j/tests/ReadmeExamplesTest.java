package io.sse4j.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sse4j.EventStream;
import io.sse4j.ServerSentEvent;
import io.sse4j.testkit.MockResponse;
import io.sse4j.testkit.MockSseServer;
import io.sse4j.tests.readme.OkHttpExample;
import io.sse4j.tests.readme.QuickstartExample;
import io.sse4j.tests.readme.ReconnectingExample;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The README's examples compile in {@code io.sse4j.tests.readme}, one a file, and do what it says;
 * the README shows that very code, with its imports.
 */
class ReadmeExamplesTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private void runQuickstart(MockResponse response) throws Exception {
        try (MockSseServer server = MockSseServer.start()) {
            server.enqueue(response);
            QuickstartExample.quickstart(server.url("/events"), new PrintStream(out, true, StandardCharsets.UTF_8),
                    new PrintStream(err, true, StandardCharsets.UTF_8));
        }
    }

    @Test
    void quickstartPrintsEachEvent() throws Exception {
        runQuickstart(MockResponse.newBuilder()
                .event(ServerSentEvent.of("hello"))
                .event(ServerSentEvent.of("update", "line 1\nline 2"))
                .build());
        assertEquals("message: hello\nupdate: line 1\nline 2\n", out.toString(StandardCharsets.UTF_8));
        assertEquals("", err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void quickstartPrintsWhyTheServerRefused() throws Exception {
        runQuickstart(MockResponse.newBuilder().status(401).contentType("application/json")
                .fixedLength().raw("{\"error\":\"invalid API key\"}").build());
        assertEquals("", out.toString(StandardCharsets.UTF_8));
        String printed = err.toString(StandardCharsets.UTF_8);
        assertTrue(printed.matches("expected 200 text/event-stream, got 401 application/json from "
                + "http://127\\.0\\.0\\.1:\\d+/events: \\{\"error\":\"invalid API key\"}\n"), printed);
    }

    @Test
    void reconnectingResumesUntil204() throws Exception {
        try (MockSseServer server = MockSseServer.start()) {
            server.enqueue(MockResponse.newBuilder().retry(Duration.ZERO)
                    .event(ServerSentEvent.of("message", "a", "1")).event(ServerSentEvent.of("message", "b", "2")).build());
            server.enqueue(MockResponse.newBuilder().event(ServerSentEvent.of("message", "c", "3")).build());
            server.enqueue(MockResponse.newBuilder().status(204).contentType("text/plain").fixedLength().raw("").build());
            ReconnectingExample.reconnecting(EventStream.newClientBuilder().build(), HttpRequest.newBuilder(server.url("/events")).build(),
                    new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
            assertEquals("", err.toString(StandardCharsets.UTF_8));
            assertEquals("1: a\n2: b\n3: c\n", out.toString(StandardCharsets.UTF_8));
            server.takeRequest(Duration.ofSeconds(10));
            assertEquals("2", server.takeRequest(Duration.ofSeconds(10)).lastEventId());
            assertEquals("3", server.takeRequest(Duration.ofSeconds(10)).lastEventId());
        }
    }

    @Test
    void reconnectingOnAWrongPortFailsAtOnceNamingTheServer() throws Exception {
        int closedPort;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        URI nobody = URI.create("http://127.0.0.1:" + closedPort + "/events");
        ReconnectingExample.reconnecting(EventStream.newClientBuilder().build(), HttpRequest.newBuilder(nobody).build(),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals("", out.toString(StandardCharsets.UTF_8));
        String printed = err.toString(StandardCharsets.UTF_8);
        assertTrue(printed.contains("127.0.0.1:" + closedPort), printed);
    }

    @Test
    void reconnectingCatchesARefusalWhereTheReadmeSays() throws Exception {
        try (MockSseServer server = MockSseServer.start()) {
            server.enqueue(MockResponse.newBuilder().status(401).contentType("application/json")
                    .fixedLength().raw("{\"error\":\"invalid API key\"}").build());
            ReconnectingExample.reconnecting(EventStream.newClientBuilder().build(), HttpRequest.newBuilder(server.url("/events")).build(),
                    new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
            String printed = err.toString(StandardCharsets.UTF_8);
            assertTrue(printed.startsWith("expected 200 text/event-stream, got 401 application/json from "), printed);
            assertEquals(1, server.requestCount(), "a refusal is not retried");
        }
    }

    /** "Try it": the capture the README saves, served as sse4j serve does, makes the quickstart print what it shows. */
    @Test
    void tryItPrintsWhatTheReadmeSays() throws Exception {
        String readme = DocSnippets.document("README.md");
        Matcher printf = Pattern.compile("^printf '([^']*)' > hello\\.sse$", Pattern.MULTILINE).matcher(readme);
        assertTrue(printf.find(), "the README saves hello.sse with printf");
        assertTrue(readme.contains("sse4j-cli/sse4j serve hello.sse --port 8080\n"), "and serves it on port 8080");
        assertTrue(readme.contains("URI.create(\"http://localhost:8080/events\")"), "where the quickstart connects");
        Matcher shown = Pattern.compile("The quickstart, run against it, prints:\n\n```\n(.*?)```", Pattern.DOTALL).matcher(readme);
        assertTrue(shown.find(), "the README shows what the quickstart prints");

        String capture = printf.group(1).replace("\\n", "\n");
        runQuickstart(MockResponse.newBuilder().raw(capture).build());
        assertEquals(shown.group(1), out.toString(StandardCharsets.UTF_8));
        assertEquals("", err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void readmeShowsEveryExampleAsTestedWithItsImportsAndNoOther() throws IOException {
        List<String> problems = DocSnippets.problems(DocSnippets.inPackage("io.sse4j.tests.readme"),
                "README.md", DocSnippets.document("README.md"));
        assertEquals(List.of(), problems, String.join("\n\n", problems));
    }

    @Test
    void theQuickstartIsUnderTenLinesAfterItsImports() throws IOException {
        List<String> lines = DocSnippets.inPackage("io.sse4j.tests.readme").fenced("quickstart").lines().toList();
        long code = lines.stream().filter(l -> !l.startsWith("```") && !l.startsWith("import ") && !l.isBlank()).count();
        assertTrue(code < 10, "the quickstart has " + code + " lines of code");
    }

    @Test
    void overOkHttpPrintsTheFirstThreeEvents() throws Exception {
        try (MockSseServer server = MockSseServer.start()) {
            server.enqueue(MockResponse.newBuilder().event(ServerSentEvent.of("a")).event(ServerSentEvent.of("b"))
                    .event(ServerSentEvent.of("c")).event(ServerSentEvent.of("d")).stall().build());
            OkHttpExample.okhttp(server.url("/events").toString(), new PrintStream(out, true, StandardCharsets.UTF_8));
            assertEquals("a\nb\nc\n", out.toString(StandardCharsets.UTF_8));
        }
    }
}
