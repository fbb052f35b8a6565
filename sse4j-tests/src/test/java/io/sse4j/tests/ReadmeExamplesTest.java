package io.sse4j.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sse4j.EventStream;
import io.sse4j.ServerSentEvent;
import io.sse4j.testkit.MockResponse;
import io.sse4j.testkit.MockSseServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The README's quickstart compiles and does what it says; the README shows this very code. */
class ReadmeExamplesTest {

    /** The quickstart, verbatim between the markers (only the URI comes from the test server). */
    static void quickstart(URI uri, PrintStream System_out) throws IOException, InterruptedException {
        // quickstart:begin
        HttpClient client = HttpClient.newHttpClient();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:8080/events")).build();
        // quickstart:uri
        request = HttpRequest.newBuilder(uri).build();
        // quickstart:resume
        try (EventStream events = EventStream.connect(client, request)) {
            for (ServerSentEvent event : events) {
                System_out.println(event.type() + ": " + event.data());
            }
        }
        // quickstart:end
    }

    @Test
    void quickstartPrintsEachEvent() throws Exception {
        try (MockSseServer server = MockSseServer.start()) {
            server.enqueue(MockResponse.newBuilder()
                    .event(ServerSentEvent.of("hello"))
                    .event(ServerSentEvent.of("update", "line 1\nline 2"))
                    .build());
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            quickstart(server.url("/events"), new PrintStream(out, true, StandardCharsets.UTF_8));
            assertEquals("message: hello\nupdate: line 1\nline 2\n", out.toString(StandardCharsets.UTF_8));
        }
    }

    @Test
    void readmeShowsTheQuickstartAsTested() throws IOException {
        String source = Files.readString(Path.of("src/test/java/io/sse4j/tests/ReadmeExamplesTest.java"));
        String body = source.substring(source.indexOf("// quickstart:begin"), source.indexOf("// quickstart:end"));
        String shown = (body.substring(0, body.indexOf("// quickstart:uri"))
                + body.substring(body.indexOf("// quickstart:resume")))
                .lines()
                .filter(line -> !line.isBlank() && !line.strip().startsWith("// quickstart:"))
                .map(line -> line.length() >= 8 ? line.substring(8) : line.strip())
                .map(line -> line.replace("System_out", "System.out"))
                .reduce("", (a, b) -> a + b + "\n");
        String readme = Files.readString(Path.of("../README.md"));
        assertTrue(readme.contains("```java\n" + shown + "```"), "README quickstart differs from the tested code:\n" + shown);
    }
}
