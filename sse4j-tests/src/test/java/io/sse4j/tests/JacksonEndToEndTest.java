package io.sse4j.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.sse4j.EventStream;
import io.sse4j.ServerSentEvent;
import io.sse4j.jackson.JacksonSse;
import io.sse4j.testkit.MockResponse;
import io.sse4j.testkit.MockSseServer;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Typed event data over a real stream. */
class JacksonEndToEndTest {

    /** An LLM-style streaming chunk. */
    public static final class Delta {
        public String content;
    }

    private final JacksonSse json = JacksonSse.of(new ObjectMapper());

    @Test
    void streamsTypedValuesAndNamesTheEventThatIsNotJson() throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        try (MockSseServer server = MockSseServer.start()) {
            server.enqueue(MockResponse.newBuilder()
                    .event(ServerSentEvent.of("delta", "{\"content\":\"Hel\"}", "1"))
                    .event(ServerSentEvent.of("delta", "{\"content\":\"lo\"}", "2"))
                    .build());
            server.enqueue(MockResponse.newBuilder()
                    .event(ServerSentEvent.of("delta", "{\"content\":\"ok\"}", "1"))
                    .event(ServerSentEvent.of("done", "[DONE", "2"))
                    .build());
            HttpRequest request = HttpRequest.newBuilder(server.url("/chat")).build();
            try (EventStream events = EventStream.connect(client, request)) {
                assertEquals(List.of("Hel", "lo"), json.stream(events, Delta.class)
                        .map(delta -> delta.content).collect(Collectors.toList()));
            }
            try (EventStream events = EventStream.connect(client, request)) {
                UncheckedIOException e = assertThrows(UncheckedIOException.class,
                        () -> json.stream(events, Delta.class).forEach(delta -> { }));
                assertTrue(e.getMessage().contains("type=done, lastEventId=2, data=[DONE"), e.getMessage());
            }
        }
    }
}
