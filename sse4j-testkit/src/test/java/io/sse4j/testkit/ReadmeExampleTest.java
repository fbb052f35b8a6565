package io.sse4j.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.sse4j.EventStream;
import io.sse4j.ServerSentEvent;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The README's example, verbatim between the markers, and a check that the README still shows it. */
class ReadmeExampleTest {

    // README begin
    @Test
    void streamsEvents() throws Exception {
        try (MockSseServer server = MockSseServer.start()) {
            server.enqueue(MockResponse.newBuilder().event(ServerSentEvent.of("hello")).build());
            HttpRequest request = HttpRequest.newBuilder(server.url("/events"))
                    .header("Last-Event-ID", "41").timeout(Duration.ofSeconds(5)).build();
            try (EventStream events = EventStream.connect(HttpClient.newHttpClient(), request)) {
                assertEquals(ServerSentEvent.of("hello"), events.read().orElseThrow());
            }
            RecordedRequest recorded = server.takeRequest(Duration.ofSeconds(5));
            assertEquals("/events", recorded.path());
            assertEquals("41", recorded.lastEventId());
        }
    }
    // README end

    @Test
    void readmeShowsThisExample() throws Exception {
        String readme = Files.readString(Path.of("README.md"), StandardCharsets.UTF_8);
        int start = readme.indexOf("```java\n") + "```java\n".length();
        String shown = readme.substring(start, readme.indexOf("```", start));

        String source = Files.readString(Path.of("src/test/java/io/sse4j/testkit/ReadmeExampleTest.java"),
                StandardCharsets.UTF_8);
        String begin = "// README begin\n";
        String example = source.substring(source.indexOf(begin) + begin.length(), source.indexOf("    // README end"));

        String unindented = example.lines()
                .map(line -> line.startsWith("    ") ? line.substring(4) : line)
                .collect(Collectors.joining("\n", "", "\n"));
        assertEquals(unindented, shown);
    }
}
