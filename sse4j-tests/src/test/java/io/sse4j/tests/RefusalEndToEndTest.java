package io.sse4j.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sse4j.EventStream;
import io.sse4j.ServerSentEvent;
import io.sse4j.SseBodyHandlers;
import io.sse4j.SseOptions;
import io.sse4j.SseResponseException;
import io.sse4j.testkit.MockResponse;
import java.net.ProtocolException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 7, items 1 to 4: a refused response fails at once and where the user writes the loop; a
 * plain body can be read whole from the same request; a caller who gives up leaks nothing.
 */
class RefusalEndToEndTest extends LoopbackTest {

    /** Long enough to tell "fails at once" from "waits for a body that never ends". */
    private static final Duration PROMPTLY = Duration.ofSeconds(5);

    private static MockResponse refusedWithSlowBody(int status, String type) {
        return MockResponse.newBuilder().status(status).contentType(type).chunkedEncoding()
                .raw("{\"error\":").stall().build();
    }

    @ParameterizedTest
    @ValueSource(ints = {401, 500, 200})
    void aRefusedResponseWhoseBodyNeverEndsFailsConnectAtOnce(int status) throws Exception {
        server.enqueue(refusedWithSlowBody(status, status == 200 ? "text/plain" : "application/json"));
        SseResponseException e = assertTimeoutPreemptively(PROMPTLY,
                () -> assertThrows(SseResponseException.class, () -> EventStream.connect(client, get("/slow"))));
        assertEquals(status, e.statusCode());
        assertEquals("{\"error\":", e.body(), "what arrived within the wait");
        server.awaitOpenConnections(0, TIMEOUT); // The connection was released, not left streaming.
    }

    @Test
    void aRefusedResponseWithASlowBodyFailsTheAsyncFutureAndTheListenerAtOnce() throws Exception {
        server.enqueue(refusedWithSlowBody(503, "text/html"));
        CompletableFuture<EventStream> future = EventStream.connectAsync(client, get("/slow"));
        ExecutionException failed = assertThrows(ExecutionException.class, () -> future.get(PROMPTLY.toSeconds(), TimeUnit.SECONDS));
        assertEquals(503, assertInstanceOf(SseResponseException.class, failed.getCause()).statusCode());

        server.enqueue(refusedWithSlowBody(401, "application/json"));
        Consume.ListenerRecorder listener = new Consume.ListenerRecorder();
        EventStream.connectAsync(client, get("/slow"), SseOptions.defaults(), listener);
        ExecutionException error = assertThrows(ExecutionException.class,
                () -> listener.done.get(PROMPTLY.toSeconds(), TimeUnit.SECONDS));
        assertEquals(401, assertInstanceOf(SseResponseException.class, error.getCause()).statusCode());
        assertEquals(List.of("error"), listener.calls, "onError without onOpen");
    }

    @Test
    void theErrorBodyWaitIsTheBoundOnTheDelay() throws Exception {
        server.enqueue(refusedWithSlowBody(500, "text/plain"));
        SseOptions noWait = SseOptions.defaults().withErrorBodyWait(Duration.ZERO);
        SseResponseException e = assertThrows(SseResponseException.class,
                () -> EventStream.connect(client, get("/slow"), noWait));
        assertEquals(500, e.statusCode());
        assertTrue(e.body().isEmpty() || e.body().equals("{\"error\":"), e.body());
    }

    /** The loop users write: open, iterate, and catch the refusal around it. */
    @Test
    void theRefusalIsCaughtAroundTheLoopWhereTheUserWritesIt() throws Exception {
        server.enqueue(MockResponse.newBuilder().status(429).contentType("application/json").fixedLength()
                .raw("{\"error\":\"slow down\"}").build());
        SseResponseException caught = null;
        int seen = 0;
        try (EventStream events = EventStream.connect(client, get("/limited"))) {
            for (ServerSentEvent event : events) {
                seen++;
            }
        } catch (SseResponseException e) {
            caught = e;
        }
        assertNotNull(caught, "catch (SseResponseException e) around the loop fires");
        assertEquals(429, caught.statusCode());
        assertEquals("{\"error\":\"slow down\"}", caught.body());
        assertEquals(0, seen);
    }

    @Test
    void aLargeJsonReplyIsReadWholeFromTheSameRequest() throws Exception {
        String json = "{\"result\":\"" + "x".repeat(100_000) + "\"}";
        server.enqueue(MockResponse.newBuilder().contentType("application/json").fixedLength().raw(json).build());
        HttpRequest post = HttpRequest.newBuilder(server.url("/mcp")).timeout(TIMEOUT)
                .header("Accept", "application/json, text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}")).build();
        HttpResponse<EventStream> response = client.send(post, SseBodyHandlers.ofEvents());
        try (EventStream body = response.body()) {
            assertFalse(body.isEventStream());
            assertEquals(json, body.readBody());
        }
        assertEquals(1, server.requestCount(), "one request, either way");
    }

    @Test
    void theSameRequestMayAnswerWithAnEventStream() throws Exception {
        server.enqueue(MockResponse.newBuilder().event(ServerSentEvent.of("message", "{\"id\":1}", "1")).build());
        HttpResponse<EventStream> response = client.send(get("/mcp"), SseBodyHandlers.ofEvents());
        try (EventStream body = response.body()) {
            assertTrue(body.isEventStream());
            assertEquals(List.of(ServerSentEvent.of("message", "{\"id\":1}", "1")), body.stream().toList());
            assertThrows(IllegalStateException.class, body::readBody);
        }
    }

    @Test
    void aBodyLargerThanMaxBodySizeFailsNamingTheLimit() throws Exception {
        server.enqueue(MockResponse.newBuilder().contentType("application/json").fixedLength()
                .raw("[" + "1,".repeat(1000) + "1]").build());
        HttpResponse<EventStream> response = client.send(get("/big"),
                SseBodyHandlers.ofEvents(SseOptions.defaults().withMaxBodySize(1000)));
        try (EventStream body = response.body()) {
            ProtocolException e = assertThrows(ProtocolException.class, body::readBody);
            assertEquals("response body larger than maxBodySize of 1000 bytes (see SseOptions)", e.getMessage());
        }
        server.awaitOpenConnections(0, TIMEOUT);
    }

    @Test
    void aBodyIsDecodedWithTheCharsetOfItsContentType() throws Exception {
        server.enqueue(MockResponse.newBuilder().contentType("text/plain; charset=ISO-8859-1").fixedLength()
                .raw(new byte[] {'c', 'a', 'f', (byte) 0xE9}).build());
        try (EventStream body = client.send(get("/latin1"), SseBodyHandlers.ofEvents()).body()) {
            assertEquals("café", body.readBody());
        }
    }

    /**
     * The JDK's own sendAsync(...).orTimeout leaves the exchange running; ours must not: the
     * caller gave up, so the stream that opens later is closed and the server sees it.
     */
    @Test
    void aFutureThatTimesOutBeforeTheHeadersClosesTheStream() throws Exception {
        CountDownLatch headers = new CountDownLatch(1);
        server.enqueue(MockResponse.newBuilder().awaitBeforeHead(headers).event(ServerSentEvent.of("a")).stall().build());
        CompletableFuture<EventStream> future = EventStream.connectAsync(client, get("/late"))
                .orTimeout(300, TimeUnit.MILLISECONDS);
        ExecutionException e = assertThrows(ExecutionException.class, () -> future.get(PROMPTLY.toSeconds(), TimeUnit.SECONDS));
        assertInstanceOf(TimeoutException.class, e.getCause());
        headers.countDown();
        server.awaitOpenConnections(0, TIMEOUT);
    }

    @Test
    void aFutureCancelledOrCompletedByTheCallerClosesTheStream() throws Exception {
        for (int round = 0; round < 2; round++) {
            CountDownLatch headers = new CountDownLatch(1);
            server.enqueue(MockResponse.newBuilder().awaitBeforeHead(headers).event(ServerSentEvent.of("a")).stall().build());
            CompletableFuture<EventStream> future = EventStream.connectAsync(client, get("/late"));
            server.awaitOpenConnections(1, TIMEOUT);
            if (round == 0) {
                future.cancel(true);
            } else {
                future.complete(null);
            }
            headers.countDown();
            server.awaitOpenConnections(0, TIMEOUT);
        }
    }

    @Test
    void aListenerWhoseFutureTimesOutBeforeTheHeadersGetsOneOnError() throws Exception {
        CountDownLatch headers = new CountDownLatch(1);
        server.enqueue(MockResponse.newBuilder().awaitBeforeHead(headers).event(ServerSentEvent.of("a")).stall().build());
        Consume.ListenerRecorder listener = new Consume.ListenerRecorder();
        EventStream.connectAsync(client, get("/late"), SseOptions.defaults(), listener).orTimeout(300, TimeUnit.MILLISECONDS);
        assertInstanceOf(TimeoutException.class, assertThrows(TimeoutException.class, listener::await));
        headers.countDown();
        server.awaitOpenConnections(0, TIMEOUT);
        assertEquals(List.of("error"), listener.calls, "one terminal call, nothing after it");
    }

    @Test
    void aBodyReadForTheErrorCannotBeReadWholeAfterwards() throws Exception {
        server.enqueue(MockResponse.newBuilder().contentType("application/json").fixedLength()
                .raw("{\"x\":\"" + "y".repeat(10_000) + "\"}").build());
        try (EventStream body = client.send(get("/json"), SseBodyHandlers.ofEvents()).body()) {
            SseResponseException refused = assertThrows(SseResponseException.class, body::read);
            assertEquals(SseResponseException.MAX_BODY_BYTES, refused.body().length());
            assertThrows(IllegalStateException.class, body::readBody, "not a silently truncated body");
        }
    }

    @Test
    void aStreamHandedOverBeforeTheTimeoutStaysOpen() throws Exception {
        server.enqueue(MockResponse.newBuilder().event(ServerSentEvent.of("a")).stall().build());
        CompletableFuture<EventStream> future = EventStream.connectAsync(client, get("/fast")).orTimeout(10, TimeUnit.SECONDS);
        try (EventStream stream = future.join()) {
            assertEquals(ServerSentEvent.of("a"), stream.read().orElseThrow());
            assertEquals(1, server.openConnections());
        } catch (CompletionException e) {
            throw new AssertionError(e);
        }
    }
}
