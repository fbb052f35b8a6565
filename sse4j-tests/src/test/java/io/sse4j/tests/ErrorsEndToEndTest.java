package io.sse4j.tests;

import java.net.http.HttpResponse;
import io.sse4j.SseBodyHandlers;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sse4j.EventStream;
import io.sse4j.ServerSentEvent;
import io.sse4j.SseOptions;
import io.sse4j.SseResponseException;
import io.sse4j.testkit.MockResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Refused responses and broken connections, reported the same way by every API. */
class ErrorsEndToEndTest extends LoopbackTest {

    /** The failure an API reports, unwrapped from UncheckedIOException. */
    private Throwable failureOf(Consume api, HttpRequest request) {
        Exception e = assertThrows(Exception.class, () -> api.all(client, request));
        return e instanceof UncheckedIOException ? e.getCause() : e;
    }

    @Test
    void aNotFoundPageFailsConnectWithStatusHeadersUriAndBody() throws Exception {
        server.enqueue(MockResponse.newBuilder().status(404).contentType("text/html; charset=utf-8")
                .fixedLength().raw("<h1>No such stream</h1>").build());
        HttpRequest request = get("/missing");
        SseResponseException e = assertThrows(SseResponseException.class, () -> EventStream.connect(client, request));
        assertEquals(404, e.statusCode());
        assertEquals("text/html; charset=utf-8", e.headers().firstValue("Content-Type").orElseThrow());
        assertEquals(request.uri(), e.uri().orElseThrow());
        assertEquals("<h1>No such stream</h1>", e.body());
        assertEquals("expected 200 text/event-stream, got 404 text/html; charset=utf-8 from "
                + request.uri() + ": <h1>No such stream</h1>", e.getMessage());
        server.awaitOpenConnections(0, TIMEOUT);
    }

    @Test
    void aNotFoundPageCanBeInspectedBeforeReadingWithTheJdkBodyHandler() throws Exception {
        server.enqueue(MockResponse.newBuilder().status(404).contentType("text/html; charset=utf-8")
                .fixedLength().raw("<h1>No such stream</h1>").build());
        HttpRequest request = get("/missing");
        HttpResponse<EventStream> response = client.send(request, SseBodyHandlers.ofEvents());
        try (EventStream stream = response.body()) {
            assertEquals(404, response.statusCode());
            assertFalse(stream.isEventStream());
            SseResponseException e = assertThrows(SseResponseException.class, stream::read);
            assertEquals(404, e.statusCode());
            assertEquals("<h1>No such stream</h1>", e.body());
        }
    }

    @ParameterizedTest
    @EnumSource(Consume.class)
    void wrongContentTypeIsRefusedByEveryApi(Consume api) {
        server.enqueue(MockResponse.newBuilder().contentType("application/json").fixedLength()
                .raw("{\"error\":\"invalid api key\"}").build());
        Throwable failure = failureOf(api, get("/json"));
        SseResponseException e = assertInstanceOf(SseResponseException.class, failure);
        assertEquals(200, e.statusCode());
        assertEquals("{\"error\":\"invalid api key\"}", e.body());
        assertTrue(e.getMessage().startsWith("expected 200 text/event-stream, got 200 application/json"), e.getMessage());
    }

    @ParameterizedTest
    @EnumSource(Consume.class)
    void noContentIsRefusedByEveryApi(Consume api) {
        server.enqueue(MockResponse.newBuilder().status(204).removeHeader("Content-Type").build());
        SseResponseException e = assertInstanceOf(SseResponseException.class, failureOf(api, get("/gone")));
        assertEquals(204, e.statusCode());
        assertTrue(e.getMessage().startsWith("expected 200 text/event-stream, got 204 without Content-Type"), e.getMessage());
    }

    @Test
    void serverErrorKeepsRetryAfterForTheCaller() {
        server.enqueue(MockResponse.newBuilder().status(503).header("Retry-After", "7")
                .contentType("text/plain").fixedLength().raw("overloaded").build());
        SseResponseException e = assertInstanceOf(SseResponseException.class, failureOf(Consume.ITERATOR, get("/busy")));
        assertEquals(503, e.statusCode());
        assertEquals("7", e.headers().firstValue("Retry-After").orElseThrow());
        assertEquals("overloaded", e.body());
    }

    @Test
    void eventStreamTypeWithNon2xxStatusIsRefused() {
        server.enqueue(MockResponse.newBuilder().status(500).event(ServerSentEvent.of("not for you")).build());
        SseResponseException e = assertInstanceOf(SseResponseException.class, failureOf(Consume.READ, get("/500")));
        assertEquals(500, e.statusCode());
    }

    @ParameterizedTest
    @EnumSource(Consume.class)
    void aRefusedResponseWhoseBodyNeverEndsFailsAtItsFirstBytes(Consume api) throws Exception {
        // A misconfigured server: 200 text/plain, a little text, then silence. The error must not
        // wait for a body that never ends.
        server.enqueue(MockResponse.newBuilder().contentType("text/plain").raw("streaming soon…").stall().build());
        SseResponseException e = assertInstanceOf(SseResponseException.class, failureOf(api, get("/plain")));
        assertEquals("streaming soon…", e.body());
        server.awaitClientDisconnects(1, TIMEOUT);
    }

    @Test
    void closingARefusedResponseBeforeItsBodyStillReportsTheRefusal() throws Exception {
        server.enqueue(MockResponse.newBuilder().contentType("application/json").stall().build());
        EventStream stream = client.send(get("/silent"), SseBodyHandlers.ofEvents()).body();
        stream.close();
        SseResponseException e = assertThrows(SseResponseException.class, stream::read);
        assertEquals("", e.body());
        assertEquals("application/json", e.contentType().orElseThrow());
    }

    @Test
    void aLongErrorBodyIsCutAtTheDocumentedLimit() {
        server.enqueue(MockResponse.newBuilder().status(400).contentType("text/plain")
                .raw("e".repeat(100_000)).stall().build());
        SseResponseException e = assertInstanceOf(SseResponseException.class, failureOf(Consume.READ, get("/long")));
        assertEquals(SseResponseException.MAX_BODY_BYTES, e.body().length());
    }

    @ParameterizedTest
    @EnumSource(Consume.class)
    void aCloseDelimitedStreamCutMidEventEndsAfterTheCompleteEvents(Consume api) throws Exception {
        // Without chunked framing, the server closing is the normal end of the body: the partial
        // event is discarded (§9.2.6) and the stream ends cleanly.
        server.enqueue(MockResponse.newBuilder().event(ServerSentEvent.of("whole"))
                .raw("data: half an ev").disconnect().build());
        assertEquals(List.of(ServerSentEvent.of("whole")), api.all(client, get("/cut")));
    }

    @ParameterizedTest
    @EnumSource(Consume.class)
    void aChunkedBodyCutMidEventIsAnIOExceptionForEveryApi(Consume api) {
        server.enqueue(MockResponse.newBuilder().chunkedEncoding().event(ServerSentEvent.of("whole"))
                .raw("data: half an ev").disconnect().build());
        Throwable failure = failureOf(api, get("/cut"));
        assertInstanceOf(IOException.class, failure);
        assertFalse(failure instanceof SseResponseException);
    }

    @ParameterizedTest
    @EnumSource(value = Consume.class, names = {"READ", "FLOW_UNBOUNDED"})
    void aBodyCutRightAfterTheHeadersStillDeliversWhatArrivedThenTheError(Consume api) throws Exception {
        // The JDK may fail the whole exchange when the body breaks before it completed the
        // response; connect then still hands over the stream so the event that did arrive is not
        // lost. The race is only sometimes lost, hence the repetitions.
        for (int i = 0; i < 100; i++) {
            server.enqueue(MockResponse.newBuilder().chunkedEncoding().event(ServerSentEvent.of("whole"))
                    .raw("data: half an ev").disconnect().build());
            List<ServerSentEvent> seen = new java.util.ArrayList<>();
            Throwable failure;
            if (api == Consume.READ) {
                try (EventStream stream = EventStream.connect(client, get("/cut"))) {
                    failure = assertThrows(UncheckedIOException.class, () -> stream.forEach(seen::add)).getCause();
                }
            } else {
                Consume.Recorder recorder = new Consume.Recorder(Long.MAX_VALUE);
                EventStream.connectAsync(client, get("/cut")).thenAccept(stream -> stream.subscribe(recorder));
                failure = assertThrows(IOException.class, recorder::await);
                seen.addAll(recorder.events);
            }
            assertInstanceOf(IOException.class, failure);
            assertEquals(List.of(ServerSentEvent.of("whole")), seen, "iteration " + i);
        }
    }

    @ParameterizedTest
    @EnumSource(Consume.class)
    void aResetConnectionIsAnIOExceptionForEveryApi(Consume api) {
        server.enqueue(MockResponse.newBuilder().chunkedEncoding().event(ServerSentEvent.of("whole"))
                .resetOnDisconnect().disconnect().build());
        assertInstanceOf(IOException.class, failureOf(api, get("/reset")));
    }

    @Test
    void connectionRefusedIsTheJdksConnectException() throws Exception {
        URI closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = URI.create("http://127.0.0.1:" + socket.getLocalPort() + "/");
        }
        HttpRequest request = HttpRequest.newBuilder(closedPort).build();
        assertThrows(ConnectException.class, () -> EventStream.connect(client, request));
        Consume.ListenerRecorder listener = new Consume.ListenerRecorder();
        EventStream.connectAsync(client, request, SseOptions.defaults(), listener);
        assertInstanceOf(ConnectException.class, assertThrows(ConnectException.class, listener::await));
        assertEquals(List.of("error"), listener.calls);
    }

    @Test
    void aRefusedResponseGivesTheListenerOnlyOnError() throws Exception {
        server.enqueue(MockResponse.newBuilder().status(401).contentType("application/json").fixedLength()
                .raw("{}").build());
        Consume.ListenerRecorder listener = new Consume.ListenerRecorder();
        EventStream.connectAsync(client, get("/auth"), SseOptions.defaults(), listener);
        assertInstanceOf(SseResponseException.class, assertThrows(SseResponseException.class, listener::await));
        assertEquals(List.of("error"), listener.calls);
    }
}
