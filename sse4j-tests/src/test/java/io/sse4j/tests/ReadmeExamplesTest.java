package io.sse4j.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sse4j.EventStream;
import io.sse4j.ServerSentEvent;
import io.sse4j.SseResponseException;
import io.sse4j.testkit.MockResponse;
import io.sse4j.testkit.MockSseServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The README's quickstart compiles and does what it says; the README shows this very code. */
class ReadmeExamplesTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    /** The quickstart (only the URI comes from the test server). */
    static void quickstart(URI uri, PrintStream System_out, PrintStream System_err) throws IOException, InterruptedException {
        // quickstart:begin
        HttpClient client = EventStream.newClientBuilder().build();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:8080/events")).build();
        // quickstart:hide
        request = HttpRequest.newBuilder(uri).build();
        // quickstart:show
        try (EventStream events = EventStream.connect(client, request)) {
            for (ServerSentEvent event : events) {
                System_out.println(event.type() + ": " + event.data());
            }
        } catch (SseResponseException e) {
            System_err.println(e.getMessage());
        }
        // quickstart:end
    }

    private void runQuickstart(MockResponse response) throws Exception {
        try (MockSseServer server = MockSseServer.start()) {
            server.enqueue(response);
            quickstart(server.url("/events"), new PrintStream(out, true, StandardCharsets.UTF_8),
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
    void readmeShowsTheQuickstartAsTested() throws IOException {
        String quickstart = DocSnippets.in(ReadmeExamplesTest.class).fenced("quickstart");
        assertTrue(DocSnippets.document("README.md").contains(quickstart),
                "README quickstart differs from the tested code:\n" + quickstart);
        assertTrue(quickstart.lines().count() - 2 < 10, "the quickstart is under ten lines");
    }
}
