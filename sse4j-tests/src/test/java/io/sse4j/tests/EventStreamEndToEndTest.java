package io.sse4j.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sse4j.EventStream;
import io.sse4j.ServerSentEvent;
import io.sse4j.SseBodyHandlers;
import io.sse4j.SseLimits;
import io.sse4j.SseOptions;
import io.sse4j.SseResponseException;
import io.sse4j.testkit.MockResponse;
import io.sse4j.testkit.RecordedRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ProtocolException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/** Every consuming API against a real loopback server, for each way the bytes may arrive. */
class EventStreamEndToEndTest extends LoopbackTest {

    /** The stream every transport variant carries, with LF line endings. */
    private static final String WIRE = ""
            + ": welcome\n"
            + "retry: 2500\n"
            + "data: plain\n"
            + "\n"
            + "event: delta\n"
            + "id: 1\n"
            + "data: {\"content\":\"héllo wörld ✓ 😀\"}\n"
            + "\n"
            + "data: first line\n"
            + "data:  second line keeps one space\n"
            + "data\n"
            + "\n"
            + "id\n"
            + "event: ignored-without-data\n"
            + "\n"
            + "event: done\n"
            + "data: [DONE]\n"
            + "\n"
            + "data: incomplete at end of stream is discarded\n";

    private static final List<ServerSentEvent> EXPECTED = List.of(
            ServerSentEvent.of("message", "plain", ""),
            ServerSentEvent.of("delta", "{\"content\":\"héllo wörld ✓ 😀\"}", "1"),
            ServerSentEvent.of("message", "first line\n second line keeps one space\n", "1"),
            ServerSentEvent.of("done", "[DONE]", ""));

    static Stream<Arguments> apisAndTransports() {
        List<Arguments> all = new ArrayList<>();
        for (Consume api : Consume.values()) {
            for (Transport transport : Transport.values()) {
                all.add(Arguments.of(api, transport));
            }
        }
        return all.stream();
    }

    enum Transport {
        ONE_WRITE {
            @Override
            MockResponse response() {
                return MockResponse.newBuilder().raw(WIRE).build();
            }
        },
        ONE_BYTE_WRITES {
            @Override
            MockResponse response() {
                return MockResponse.newBuilder().chunkSize(1).raw(WIRE).build();
            }
        },
        CRLF {
            @Override
            MockResponse response() {
                return MockResponse.newBuilder().raw(WIRE.replace("\n", "\r\n")).build();
            }
        },
        CR_IN_THREE_BYTE_WRITES {
            @Override
            MockResponse response() {
                return MockResponse.newBuilder().chunkSize(3).raw(WIRE.replace("\n", "\r")).build();
            }
        },
        BOM {
            @Override
            MockResponse response() {
                return MockResponse.newBuilder().raw("\uFEFF" + WIRE).build();
            }
        },
        CHUNKED_ENCODING {
            @Override
            MockResponse response() {
                return MockResponse.newBuilder().chunkedEncoding().chunkSize(7).raw(WIRE).build();
            }
        };

        abstract MockResponse response();
    }

    @ParameterizedTest(name = "{0} over {1}")
    @MethodSource("apisAndTransports")
    void everyApiGivesTheSameEventsHoweverTheBytesArrive(Consume api, Transport transport) throws Exception {
        server.enqueue(transport.response());
        HttpRequest request = get("/events");
        if (api == Consume.BODY_HANDLER || api == Consume.BODY_HANDLER_ASYNC) {
            request = HttpRequest.newBuilder(request, (n, v) -> true).header("Accept", "text/event-stream").build();
        }
        assertEquals(EXPECTED, api.all(client, request));
        RecordedRequest recorded = server.takeRequest(Duration.ofSeconds(10));
        assertEquals("/events", recorded.path());
        assertEquals("text/event-stream", recorded.headers().firstValue("Accept").orElseThrow());
    }

    @Test
    void connectAddsAcceptAndCacheControlUnlessTheCallerSetThem() throws Exception {
        server.enqueue(MockResponse.newBuilder().event(ServerSentEvent.of("x")).build());
        server.enqueue(MockResponse.newBuilder().event(ServerSentEvent.of("y")).build());
        try (EventStream stream = EventStream.connect(client, get("/a"))) {
            assertEquals("x", stream.read().orElseThrow().data());
        }
        HttpRequest custom = HttpRequest.newBuilder(server.url("/b"))
                .header("Accept", "text/event-stream, application/json")
                .header("Cache-Control", "max-age=0")
                .header("Authorization", "Bearer t0ken")
                .build();
        try (EventStream stream = EventStream.connect(client, custom)) {
            assertEquals("y", stream.read().orElseThrow().data());
        }
        RecordedRequest first = server.takeRequest(Duration.ofSeconds(10));
        assertEquals(List.of("text/event-stream"), first.headers().allValues("Accept"));
        assertEquals(List.of("no-cache"), first.headers().allValues("Cache-Control"));
        assertEquals(List.of("no-cache"), first.headers().allValues("Pragma"));
        RecordedRequest second = server.takeRequest(Duration.ofSeconds(10));
        assertEquals(List.of("text/event-stream, application/json"), second.headers().allValues("Accept"));
        assertEquals(List.of("max-age=0"), second.headers().allValues("Cache-Control"));
        assertEquals(List.of("Bearer t0ken"), second.headers().allValues("Authorization"));
    }

    @Test
    void postsABodyAndStreamsTheAnswer() throws Exception {
        server.enqueue(MockResponse.newBuilder()
                .event(ServerSentEvent.of("delta", "{\"t\":\"Hel\"}"))
                .event(ServerSentEvent.of("delta", "{\"t\":\"lo\"}"))
                .build());
        String json = "{\"model\":\"m\",\"stream\":true,\"prompt\":\"héllo\"}";
        HttpRequest post = HttpRequest.newBuilder(server.url("/v1/chat"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .build();
        try (EventStream stream = EventStream.connect(client, post)) {
            assertEquals(List.of("{\"t\":\"Hel\"}", "{\"t\":\"lo\"}"),
                    stream.stream().map(ServerSentEvent::data).collect(java.util.stream.Collectors.toList()));
        }
        RecordedRequest recorded = server.takeRequest(Duration.ofSeconds(10));
        assertEquals("POST", recorded.method());
        assertEquals("/v1/chat", recorded.path());
        assertEquals(json, recorded.bodyAsString());
        assertEquals("application/json", recorded.headers().firstValue("Content-Type").orElseThrow());
    }

    @Test
    void lastEventIdFollowsTheEventsConsumedNotThoseBuffered() throws Exception {
        CountDownLatch allSent = new CountDownLatch(1);
        server.enqueue(MockResponse.newBuilder()
                .retry(Duration.ofMillis(1500))
                .event(ServerSentEvent.of("message", "a", "41"))
                .event(ServerSentEvent.of("message", "b", "42"))
                .raw("id: 43\n\n")
                .signal(allSent)
                .stall()
                .build());
        EventStream stream = EventStream.connect(client, get("/ids"));
        try {
            assertTrue(allSent.await(10, TimeUnit.SECONDS));
            // Everything has been sent and may be buffered, but nothing is consumed yet: a
            // client resuming now must not skip events "a" and "b".
            assertEquals("", stream.lastEventId());
            assertEquals("41", stream.read().orElseThrow().lastEventId());
            assertEquals("41", stream.lastEventId());
            assertEquals("42", stream.read().orElseThrow().lastEventId());
            assertEquals(Duration.ofMillis(1500), stream.reconnectionTime().orElseThrow());
            CompletableFuture<Optional<ServerSentEvent>> next = CompletableFuture.supplyAsync(() -> {
                try {
                    return stream.read();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            // The ID-only block is consumed on the way to the next event, which never comes.
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (!stream.lastEventId().equals("43") && System.nanoTime() < deadline) {
                LockSupport.parkNanos(Duration.ofMillis(1).toNanos()); // Poll, bounded by the deadline.
            }
            assertEquals("43", stream.lastEventId());
            stream.close();
            assertEquals(Optional.empty(), next.get(10, TimeUnit.SECONDS));
        } finally {
            stream.close();
        }
    }

    @ParameterizedTest
    @EnumSource(Consume.class)
    void aLimitCrossedMidStreamFailsAfterTheEarlierEvents(Consume api) throws Exception {
        String big = "x".repeat(5000);
        server.enqueue(MockResponse.newBuilder()
                .event(ServerSentEvent.of("small"))
                .event(ServerSentEvent.of(big))
                .event(ServerSentEvent.of("never seen"))
                .build());
        SseLimits limits = SseLimits.defaults().withMaxLineLength(1024);
        List<ServerSentEvent> seen = new ArrayList<>();
        Exception failure = assertThrows(Exception.class, () -> readWithLimits(api, limits, seen));
        Throwable cause = failure instanceof UncheckedIOException ? failure.getCause() : failure;
        assertInstanceOf(ProtocolException.class, cause);
        assertTrue(cause.getMessage().contains("maxLineLength of 1024"), cause.getMessage());
        assertEquals(List.of(ServerSentEvent.of("small")), seen);
    }

    private void readWithLimits(Consume api, SseLimits limits, List<ServerSentEvent> seen) throws Exception {
        switch (api) {
            case LISTENER: {
                Consume.ListenerRecorder recorder = new Consume.ListenerRecorder();
                EventStream.connectAsync(client, get("/limits"), SseOptions.defaults().withLimits(limits)).thenAccept(s -> s.listen(recorder));
                try {
                    recorder.await();
                } finally {
                    seen.addAll(recorder.events);
                }
                return;
            }
            case BODY_HANDLER_ASYNC: {
                Consume.Recorder recorder = new Consume.Recorder(3);
                HttpRequest request = HttpRequest.newBuilder(get("/limits"), (n, v) -> true)
                        .header("Accept", "text/event-stream").build();
                recorder.subscribeWhenOpen(client.sendAsync(request, SseBodyHandlers.ofEvents(SseOptions.defaults().withLimits(limits)))
                        .thenApply(HttpResponse::body));
                try {
                    recorder.await();
                } finally {
                    seen.addAll(recorder.events);
                }
                return;
            }
            case FLOW_ONE_AT_A_TIME:
            case FLOW_UNBOUNDED: {
                Consume.Recorder recorder = new Consume.Recorder(api == Consume.FLOW_UNBOUNDED ? Long.MAX_VALUE : 1);
                recorder.subscribeWhenOpen(EventStream.connectAsync(client, get("/limits"), SseOptions.defaults().withLimits(limits)));
                try {
                    recorder.await();
                } finally {
                    seen.addAll(recorder.events);
                }
                return;
            }
            default:
                try (EventStream stream = EventStream.connect(client, get("/limits"), SseOptions.defaults().withLimits(limits))) {
                    for (ServerSentEvent event : stream) {
                        seen.add(event);
                    }
                }
        }
    }

    @Test
    void theEventStreamMediaTypeMayHaveParametersAndAnyCase() throws Exception {
        server.enqueue(MockResponse.newBuilder().contentType("Text/Event-Stream; charset=ISO-8859-1")
                .raw("data: é\n\n").build());
        try (EventStream stream = EventStream.connect(client, get("/params"))) {
            // Always UTF-8 (§9.2.5), whatever the charset parameter says.
            assertEquals("é", stream.read().orElseThrow().data());
        }
    }

    @Test
    void eventsAreDeliveredTheMomentTheirBlankLineArrives() throws Exception {
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        server.enqueue(MockResponse.newBuilder()
                .event(ServerSentEvent.of("token 1"))
                .await(release)
                .event(ServerSentEvent.of("token 2"))
                .build());
        try (EventStream stream = EventStream.connect(client, get("/tokens"))) {
            // The server holds token 2 until token 1 has been read, so a client that waited for
            // more bytes before dispatching token 1 would never return here.
            assertEquals("token 1", assertTimeoutPreemptively(Duration.ofSeconds(10),
                    () -> stream.read().orElseThrow().data()));
            release.countDown();
            assertEquals("token 2", stream.read().orElseThrow().data());
            assertFalse(stream.read().isPresent());
        }
    }
}
