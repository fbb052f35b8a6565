package io.sse4j.examples;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The API tour the README lists with sse4j-examples keeps working: it runs and tells the story. */
class DemoTest {

    @Test
    void theTourRunsEveryPartAgainstTheEmbeddedServer() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        new Demo(new PrintStream(bytes, true, StandardCharsets.UTF_8)).run(Duration.ZERO);
        String out = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(out.contains("   Server-Sent Events for Java, spec-exact.\n"), out);
        assertTrue(out.contains("last event ID: done, server asks to reconnect after 3000 ms"), out);
        assertTrue(out.contains("the server received POST /v1/chat/completions with Accept: text/event-stream"), out);
        assertTrue(out.contains("closed; assembled text: Server-Sent Events for Java, spec-exact."), out);
        assertTrue(out.contains("SseResponseException: expected 200 text/event-stream, got 401 application/json from http://127.0.0.1:"), out);
    }
}
