package io.sse4j;

import java.net.http.HttpResponse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@link SseBodyHandlers#ofEvents()} on a response that is not an event stream: once a consumer comes, it
 * reads the start of the body for a bounded time, and reports {@link SseResponseException}.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class RefusedResponseTest {

    private static HttpResponse.BodySubscriber<EventStream> pipe(int status, String contentType) {
        return Pipes.of(TestResponseInfo.of(status, contentType), SseOptions.defaults());
    }

    private static HttpResponse.BodySubscriber<EventStream> pipe(int status, String contentType, SseOptions options) {
        return Pipes.of(TestResponseInfo.of(status, contentType), options);
    }

    @Test
    void theBodyIsNotReadUntilAConsumerComes() throws Exception {
        HttpResponse.BodySubscriber<EventStream> pipe = pipe(404, "text/html");
        EventStream stream = pipe.getBody().toCompletableFuture().join();
        ScriptedUpstream upstream = ScriptedUpstream.subscribe(pipe);
        assertEquals(0, upstream.requests(), "an unread refused body costs nothing but the connection");
        Background<Optional<ServerSentEvent>> read = Background.start("read", stream::read);
        upstream.offer("<h1>Not ", "Found</h1>");
        upstream.complete();
        SseResponseException e = assertInstanceOf(SseResponseException.class, read.failure());
        assertEquals(404, e.statusCode());
        assertEquals(Optional.of("text/html"), e.contentType());
        assertEquals("<h1>Not Found</h1>", e.body());
        assertTrue(e.getMessage().startsWith("expected 200 text/event-stream, got 404 text/html"), e.getMessage());
        assertThrows(SseResponseException.class, stream::read, "and again");
        assertEquals(0, upstream.cancels(), "the body ended by itself");
        stream.close();
        upstream.assertOneRequestAtATime();
    }

    @Test
    void aSlowBodyDelaysTheErrorByTheErrorBodyWaitAtMost() throws Exception {
        HttpResponse.BodySubscriber<EventStream> pipe = pipe(500, "text/plain", SseOptions.defaults().withErrorBodyWait(Duration.ofMillis(50)));
        ScriptedUpstream upstream = ScriptedUpstream.subscribe(pipe);
        Background<Optional<ServerSentEvent>> read = Background.start("read", Pipes.stream(pipe)::read);
        upstream.offer("the start of a slow body");
        // No more body and no end: the wait runs out, the error comes with what arrived.
        assertEquals("the start of a slow body", assertInstanceOf(SseResponseException.class, read.failure()).body());
        assertEquals(1, upstream.cancels(), "reading stopped when the wait ran out");
    }

    @Test
    void aBodyThatNeverComesFailsAfterTheWait() throws Exception {
        HttpResponse.BodySubscriber<EventStream> pipe = pipe(401, "application/json", SseOptions.defaults().withErrorBodyWait(Duration.ofMillis(20)));
        ScriptedUpstream upstream = ScriptedUpstream.subscribe(pipe);
        SseResponseException e = assertThrows(SseResponseException.class, Pipes.stream(pipe)::read);
        assertEquals("", e.body());
        assertEquals(1, upstream.cancels());
    }

    @Test
    void aZeroWaitFailsAtOnceWithoutReadingTheBody() {
        HttpResponse.BodySubscriber<EventStream> pipe = pipe(503, "text/plain", SseOptions.defaults().withErrorBodyWait(Duration.ZERO));
        ScriptedUpstream upstream = ScriptedUpstream.subscribe(pipe);
        assertEquals("", assertThrows(SseResponseException.class, Pipes.stream(pipe)::read).body());
        assertEquals(1, upstream.cancels());
    }

    @Test
    void theBodyIsCutAtMaxBodyBytes() throws Exception {
        HttpResponse.BodySubscriber<EventStream> pipe = pipe(503, "text/plain");
        ScriptedUpstream upstream = ScriptedUpstream.subscribe(pipe);
        Background<Optional<ServerSentEvent>> read = Background.start("read", Pipes.stream(pipe)::read);
        upstream.offer("a".repeat(SseResponseException.MAX_BODY_BYTES - 1), "bcd");
        SseResponseException e = assertInstanceOf(SseResponseException.class, read.failure());
        assertEquals("a".repeat(SseResponseException.MAX_BODY_BYTES - 1) + "b", e.body());
        assertEquals(1, upstream.cancels(), "reading stopped at the cap");
    }

    @Test
    void emptyBufferListsDoNotEndTheWaitForTheBody() throws Exception {
        HttpResponse.BodySubscriber<EventStream> pipe = pipe(404, "text/html");
        ScriptedUpstream upstream = ScriptedUpstream.subscribe(pipe);
        Background<Optional<ServerSentEvent>> read = Background.start("read", Pipes.stream(pipe)::read);
        upstream.offer(List.of(ByteBuffer.allocate(0)));
        upstream.offer("gone");
        upstream.complete();
        assertEquals("gone", assertInstanceOf(SseResponseException.class, read.failure()).body());
    }

    /** A refused response must not read as an empty event stream just because it was closed. */
    @Test
    void jsonThatNeverSendsABodyMakesReadThrowOnceClosed() throws Exception {
        HttpResponse.BodySubscriber<EventStream> pipe = pipe(200, "application/json");
        EventStream stream = pipe.getBody().toCompletableFuture().join();
        ScriptedUpstream upstream = ScriptedUpstream.subscribe(pipe);
        Background<Optional<ServerSentEvent>> read = Background.start("read", stream::read).awaitBlocked();
        stream.close();
        SseResponseException e = assertInstanceOf(SseResponseException.class, read.failure());
        assertEquals(200, e.statusCode());
        assertEquals("", e.body());
        assertEquals(1, upstream.cancels());
        assertThrows(SseResponseException.class, stream::read, "also when read starts after close");
    }

    @Test
    void noContentFailsAtTheEndWithAnEmptyBody() {
        HttpResponse.BodySubscriber<EventStream> pipe = pipe(204, "text/event-stream");
        ScriptedUpstream upstream = ScriptedUpstream.subscribe(pipe);
        upstream.complete();
        SseResponseException e = assertThrows(SseResponseException.class, Pipes.stream(pipe)::read);
        assertEquals(204, e.statusCode());
        assertEquals("", e.body());
        assertEquals(0, upstream.cancels());
    }

    @Test
    void aFailureWhileWaitingForTheBodyIsKeptAsSuppressed() {
        HttpResponse.BodySubscriber<EventStream> pipe = pipe(502, "text/html");
        ScriptedUpstream upstream = ScriptedUpstream.subscribe(pipe);
        IOException reset = new IOException("connection reset");
        upstream.fail(reset);
        SseResponseException e = assertThrows(SseResponseException.class, Pipes.stream(pipe)::read);
        assertEquals(List.of(reset), List.of(e.getSuppressed()));
    }

    @Test
    void aSubscriberGetsOnlyOnErrorEvenWithoutDemand() throws InterruptedException {
        HttpResponse.BodySubscriber<EventStream> pipe = pipe(401, "application/json");
        ScriptedUpstream upstream = ScriptedUpstream.subscribe(pipe);
        RecordingSubscriber subscriber = RecordingSubscriber.withoutDemand();
        Pipes.stream(pipe).subscribe(subscriber);
        assertEquals(List.of("subscribe"), subscriber.signals(), "waits for the body");
        upstream.offer("{\"error\":\"unauthorized\"}");
        upstream.complete();
        Throwable error = subscriber.awaitError();
        assertEquals("{\"error\":\"unauthorized\"}", assertInstanceOf(SseResponseException.class, error).body());
        assertEquals(List.of("subscribe", error), subscriber.signals());
        subscriber.assertRulesKept();
    }

    @Test
    void aSubscriberOfAClosedRefusedResponseGetsOnError() throws InterruptedException {
        HttpResponse.BodySubscriber<EventStream> pipe = pipe(200, "application/json");
        ScriptedUpstream.subscribe(pipe);
        RecordingSubscriber subscriber = RecordingSubscriber.withoutDemand();
        Pipes.stream(pipe).subscribe(subscriber);
        Pipes.stream(pipe).close();
        assertInstanceOf(SseResponseException.class, subscriber.awaitError());
        subscriber.assertRulesKept();
    }

    @Test
    void aListenerGetsOnlyOnErrorWithoutOnOpen() throws InterruptedException {
        HttpResponse.BodySubscriber<EventStream> pipe = pipe(404, "text/html");
        ScriptedUpstream upstream = ScriptedUpstream.subscribe(pipe);
        RecordingListener listener = new RecordingListener();
        pipe.getBody().toCompletableFuture().join().listen(listener);
        assertEquals(List.of(), listener.calls(), "no onOpen, and waits for the body");
        upstream.offer("missing");
        upstream.complete();
        assertEquals(List.of("error"), listener.awaitTerminal());
        assertEquals("missing", assertInstanceOf(SseResponseException.class, listener.error()).body());
        listener.assertContractKept();
    }

    @Test
    void aListenerOfARefusedResponseClosedBeforeItsBodyGetsOnError() throws InterruptedException {
        HttpResponse.BodySubscriber<EventStream> pipe = pipe(404, "text/html");
        ScriptedUpstream upstream = ScriptedUpstream.subscribe(pipe);
        RecordingListener listener = new RecordingListener();
        pipe.getBody().toCompletableFuture().join().listen(listener);
        Pipes.stream(pipe).close();
        assertEquals(List.of("error"), listener.awaitTerminal());
        assertInstanceOf(SseResponseException.class, listener.error());
        assertEquals(1, upstream.cancels());
    }

    @Test
    void aMissingContentTypeIsRefused() {
        HttpResponse.BodySubscriber<EventStream> pipe = Pipes.of(new TestResponseInfo(200, HttpHeaders.of(Map.of(), (name, value) -> true),
                HttpClient.Version.HTTP_2), SseOptions.defaults());
        ScriptedUpstream.subscribe(pipe).complete();
        SseResponseException e = assertThrows(SseResponseException.class, Pipes.stream(pipe)::read);
        assertEquals(Optional.empty(), e.contentType());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "200 | text/event-stream                 | true",
        "200 | text/event-stream; charset=utf-8  | true",
        "299 | Text/Event-Stream                 | true",
        "206 | ' text/event-stream ;x=y'         | true",
        "204 | text/event-stream                 | false",
        "199 | text/event-stream                 | false",
        "300 | text/event-stream                 | false",
        "404 | text/event-stream                 | false",
        "200 | text/event-streams                | false",
        "200 | text/plain                        | false",
        "200 | application/json                  | false",
    })
    void anEventStreamIsA2xxOtherThan204OfTypeTextEventStream(int status, String contentType, boolean expected) {
        assertEquals(expected, io.sse4j.internal.ResponseReader.isEventStream(TestResponseInfo.of(status, contentType)));
    }
}
