package io.sse4j.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sse4j.BrokenStreamException;
import io.sse4j.EventStream;
import io.sse4j.ServerSentEvent;
import io.sse4j.SseResponseException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The README's examples, verbatim between the markers, and a check that the README still shows them. */
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

    // README begin
    @Test
    void resumesAfterEveryDrop() throws Exception {
        ResumableScenario scenario = ResumableScenario.newBuilder(200).seed(42).build();
        try (MockSseServer server = MockSseServer.start()) {
            server.setDispatcher(scenario);
            List<ServerSentEvent> received = clientUnderTest(server.url("/events"));
            scenario.awaitCompletion(Duration.ofSeconds(30));
            assertEquals(scenario.events(), received);
            assertTrue(scenario.drops(ResumableScenario.Cut.BETWEEN_CR_AND_LF) > 0, scenario.toString());
        }
    }
    // README end

    /**
     * Stands in for the reconnecting client under test: resumes with {@code Last-Event-ID} at once
     * after every end of the stream, until the server answers 204.
     */
    private static List<ServerSentEvent> clientUnderTest(URI uri) throws Exception {
        HttpClient client = EventStream.newClientBuilder().build();
        List<ServerSentEvent> received = new ArrayList<>();
        String lastEventId = "";
        for (int connection = 0; connection < 10_000; connection++) {
            HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10));
            if (!lastEventId.isEmpty()) {
                request.header("Last-Event-ID", lastEventId);
            }
            EventStream events;
            try {
                events = EventStream.connect(client, request.build());
            } catch (SseResponseException e) {
                if (e.statusCode() == 204) {
                    return received;
                }
                throw e;
            }
            try (events) {
                for (Optional<ServerSentEvent> event = events.read(); event.isPresent(); event = events.read()) {
                    received.add(event.get());
                }
            } catch (BrokenStreamException e) {
                // Dropped mid-stream: reconnect.
            } finally {
                if (!events.lastEventId().isEmpty()) {
                    lastEventId = events.lastEventId();
                }
            }
        }
        throw new AssertionError("no 204 after 10000 connections");
    }

    @Test
    void readmeShowsTheseExamples() throws Exception {
        String readme = Files.readString(Path.of("README.md"), StandardCharsets.UTF_8);
        List<String> shown = new ArrayList<>();
        for (int start = readme.indexOf("```java\n"); start >= 0; start = readme.indexOf("```java\n", start)) {
            start += "```java\n".length();
            int end = readme.indexOf("```", start);
            shown.add(readme.substring(start, end));
            start = end + 3;
        }

        String source = Files.readString(Path.of("src/test/java/io/sse4j/testkit/ReadmeExampleTest.java"),
                StandardCharsets.UTF_8);
        String begin = "    // README begin\n";
        String end = "    // README end\n";
        List<String> examples = new ArrayList<>();
        for (int from = source.indexOf(begin); from >= 0; from = source.indexOf(begin, from)) {
            from += begin.length();
            int to = source.indexOf(end, from);
            examples.add(source.substring(from, to).lines()
                    .map(line -> line.startsWith("    ") ? line.substring(4) : line)
                    .collect(Collectors.joining("\n", "", "\n")));
            from = to;
        }
        assertEquals(2, examples.size());
        assertEquals(examples, shown);
    }
}
