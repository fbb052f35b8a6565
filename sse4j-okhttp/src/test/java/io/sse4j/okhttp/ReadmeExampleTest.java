package io.sse4j.okhttp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sse4j.EventSource;
import io.sse4j.ServerSentEvent;
import io.sse4j.testkit.MockResponse;
import io.sse4j.testkit.MockSseServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import org.junit.jupiter.api.Test;

/** The root README's OkHttp example compiles and does what it says; the README shows this code. */
class ReadmeExampleTest {

    /** The example as the README shows it; {@link #theExampleReadsThreeEvents} runs it, with the server's URL. */
    private static final String EXAMPLE = """
            OkHttpClient client = new OkHttpClient.Builder().readTimeout(Duration.ZERO).build();
            Request request = new Request.Builder().url("http://localhost:8080/events").build();
            try (EventSource source = OkHttpSse.newEventSourceBuilder(client, request).build()) {
                source.stream().limit(3).forEach(event -> System.out.println(event.data()));
            }
            """;

    @Test
    void theReadmeShowsTheExample() throws Exception {
        String readme = Files.readString(Path.of("..", "README.md"), StandardCharsets.UTF_8);
        assertTrue(readme.contains(EXAMPLE), "README's OkHttp example differs from the tested code:\n" + EXAMPLE);
    }

    @Test
    void theExampleReadsThreeEvents() throws Exception {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        PrintStream out = System.out;
        try (MockSseServer server = MockSseServer.start()) {
            server.enqueue(MockResponse.newBuilder().event(ServerSentEvent.of("one")).event(ServerSentEvent.of("two"))
                    .event(ServerSentEvent.of("three")).stall().build());
            String url = server.url("/events").toString();
            System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
            OkHttpClient client = new OkHttpClient.Builder().readTimeout(Duration.ZERO).build();
            Request request = new Request.Builder().url(url).build();
            try (EventSource source = OkHttpSse.newEventSourceBuilder(client, request).build()) {
                source.stream().limit(3).forEach(event -> System.out.println(event.data()));
            }
            client.dispatcher().executorService().shutdown();
        } finally {
            System.setOut(out);
        }
        assertEquals("one\ntwo\nthree\n", printed.toString(StandardCharsets.UTF_8).replace(System.lineSeparator(), "\n"));
    }
}
