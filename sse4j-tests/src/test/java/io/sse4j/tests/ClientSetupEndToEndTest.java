package io.sse4j.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.sse4j.EventStream;
import io.sse4j.ServerSentEvent;
import io.sse4j.SseResponseException;
import io.sse4j.testkit.MockResponse;
import io.sse4j.testkit.RecordedRequest;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Issue 7, item 10: the client the README shows is one that works against real servers. */
class ClientSetupEndToEndTest extends LoopbackTest {

    /** Starlette-style: {@code /events} answers 307 to {@code /events/}, which streams. */
    private void serveWithTrailingSlashRedirect() {
        server.setDispatcher(request -> request.path().equals("/events")
                ? MockResponse.newBuilder().status(307).contentType("text/plain").header("Location", "/events/")
                        .fixedLength().raw("").build()
                : MockResponse.newBuilder().event(ServerSentEvent.of("a")).build());
    }

    @Test
    void theRecommendedClientFollowsARedirect() throws Exception {
        serveWithTrailingSlashRedirect();
        HttpClient recommended = EventStream.newClientBuilder().executor(executor).build();
        try (EventStream events = EventStream.connect(recommended, get("/events"))) {
            assertEquals(List.of(ServerSentEvent.of("a")), events.stream().toList());
        }
    }

    @Test
    void theJdkDefaultClientDoesNotFollowItWhichIsWhyWeRecommendAnother() {
        serveWithTrailingSlashRedirect();
        HttpClient plain = HttpClient.newBuilder().executor(executor).build();
        SseResponseException e = assertThrows(SseResponseException.class, () -> EventStream.connect(plain, get("/events")));
        assertEquals(307, e.statusCode());
    }

    @Test
    void theRecommendedClientSendsNoH2cUpgradeOnPlainHttp() throws Exception {
        server.setDispatcher(request -> MockResponse.newBuilder().event(ServerSentEvent.of("a")).build());
        HttpClient recommended = EventStream.newClientBuilder().executor(executor).build();
        try (EventStream events = EventStream.connect(recommended, get("/events"))) {
            events.stream().count();
        }
        RecordedRequest sent = server.takeRequest(TIMEOUT);
        assertEquals(Optional.empty(), sent.headers().firstValue("Upgrade"));
        assertEquals("HTTP/1.1", sent.version());

        // The JDK's default (HTTP/2) sends the upgrade that servers log as unsupported.
        HttpClient jdkDefault = HttpClient.newBuilder().executor(executor).build();
        try (EventStream events = EventStream.connect(jdkDefault, get("/events"))) {
            events.stream().count();
        }
        assertEquals(Optional.of("h2c"), server.takeRequest(TIMEOUT).headers().firstValue("Upgrade"));
    }

    /** MCP streamable HTTP refuses the default Accept with 406: the caller's Accept is kept as sent. */
    @Test
    void aCallersAcceptHeaderIsKeptForProtocolsThatAnswerJsonOrAStream() throws Exception {
        server.setDispatcher(request -> MockResponse.newBuilder().event(ServerSentEvent.of("a")).build());
        HttpRequest mcp = HttpRequest.newBuilder(server.url("/mcp")).timeout(TIMEOUT)
                .header("Accept", "application/json, text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build();
        try (EventStream events = EventStream.connect(client, mcp)) {
            events.stream().count();
        }
        RecordedRequest sent = server.takeRequest(TIMEOUT);
        assertEquals(List.of("application/json, text/event-stream"), sent.headers().allValues("Accept"));
        assertEquals(Optional.of("no-cache"), sent.headers().firstValue("Cache-Control"));
        assertEquals(Optional.of("no-cache"), sent.headers().firstValue("Pragma"), "as Fetch sends for a no-store cache mode");
    }
}
