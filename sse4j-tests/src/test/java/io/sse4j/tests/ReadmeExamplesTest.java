package io.sse4j.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sse4j.EventSource;
import io.sse4j.EventStream;
import io.sse4j.ServerSentEvent;
import io.sse4j.SseResponseException;
import io.sse4j.testkit.MockResponse;
import io.sse4j.testkit.MockSseServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The README's examples compile and do what it says; the README shows this very code. */
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

    /** Reconnecting, with the quickstart's client and request. */
    static void reconnecting(HttpClient client, HttpRequest request, PrintStream System_out, PrintStream System_err)
            throws InterruptedException {
        // reconnecting:begin
        try (EventSource source = EventSource.newBuilder(client, request).connect()) {
            for (ServerSentEvent event : source) { // resumes after the last event, until the server answers 204
                System_out.println(event.lastEventId() + ": " + event.data());
            }
        } catch (IOException e) {                 // the first connection: refused, or no server there
            System_err.println(e.getMessage());
        } catch (UncheckedIOException e) {        // a later one, once the retry policy gave up
            System_err.println(e.getCause().getMessage());
        }
        // reconnecting:end
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
    void reconnectingResumesUntil204() throws Exception {
        try (MockSseServer server = MockSseServer.start()) {
            server.enqueue(MockResponse.newBuilder().retry(Duration.ZERO)
                    .event(ServerSentEvent.of("message", "a", "1")).event(ServerSentEvent.of("message", "b", "2")).build());
            server.enqueue(MockResponse.newBuilder().event(ServerSentEvent.of("message", "c", "3")).build());
            server.enqueue(MockResponse.newBuilder().status(204).contentType("text/plain").fixedLength().raw("").build());
            reconnecting(EventStream.newClientBuilder().build(), HttpRequest.newBuilder(server.url("/events")).build(),
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
        reconnecting(EventStream.newClientBuilder().build(), HttpRequest.newBuilder(nobody).build(),
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
            reconnecting(EventStream.newClientBuilder().build(), HttpRequest.newBuilder(server.url("/events")).build(),
                    new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
            String printed = err.toString(StandardCharsets.UTF_8);
            assertTrue(printed.startsWith("expected 200 text/event-stream, got 401 application/json from "), printed);
            assertEquals(1, server.requestCount(), "a refusal is not retried");
        }
    }

    @Test
    void readmeShowsTheQuickstartAsTested() throws IOException {
        String quickstart = DocSnippets.in(ReadmeExamplesTest.class).fenced("quickstart");
        assertTrue(DocSnippets.document("README.md").contains(quickstart),
                "README quickstart differs from the tested code:\n" + quickstart);
        assertTrue(quickstart.lines().count() - 2 < 10, "the quickstart is under ten lines");
    }

    @Test
    void readmeShowsReconnectingAsTested() throws IOException {
        String reconnecting = DocSnippets.in(ReadmeExamplesTest.class).fenced("reconnecting");
        assertTrue(DocSnippets.document("README.md").contains(reconnecting),
                "README's reconnecting example differs from the tested code:\n" + reconnecting);
    }
}
