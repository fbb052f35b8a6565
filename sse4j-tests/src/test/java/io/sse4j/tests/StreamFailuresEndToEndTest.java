package io.sse4j.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sse4j.BrokenStreamException;
import io.sse4j.EventStream;
import io.sse4j.ServerSentEvent;
import io.sse4j.SseComment;
import io.sse4j.SseItem;
import io.sse4j.SseOptions;
import io.sse4j.testkit.MockResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ProtocolException;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 7, items 7 to 9: compressed bodies, connections that break mid-stream, and comments for
 * every consumer.
 */
class StreamFailuresEndToEndTest extends LoopbackTest {

    private static final List<ServerSentEvent> EVENTS = List.of(
            ServerSentEvent.of("message", "first", "1"),
            ServerSentEvent.of("update", "zweite Nachricht: grüße", "2"),
            ServerSentEvent.of("message", "third\nwith two lines", "3"));

    private static byte[] wire(List<ServerSentEvent> events) {
        StringBuilder sb = new StringBuilder();
        for (ServerSentEvent e : events) {
            sb.append("id: ").append(e.lastEventId()).append("\nevent: ").append(e.type()).append('\n');
            for (String line : e.data().split("\n", -1)) {
                sb.append("data: ").append(line).append('\n');
            }
            sb.append('\n');
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** One compressed piece per event, flushed so each can be decoded on arrival, as a streaming server does. */
    private static List<byte[]> compressed(String coding, List<ServerSentEvent> events) throws IOException {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        java.io.OutputStream out = switch (coding) {
            case "gzip" -> new GZIPOutputStream(sink, true);
            case "deflate" -> new DeflaterOutputStream(sink, new Deflater(), true);
            case "raw-deflate" -> new DeflaterOutputStream(sink, new Deflater(Deflater.DEFAULT_COMPRESSION, true), true);
            default -> throw new IllegalArgumentException(coding);
        };
        List<byte[]> pieces = new ArrayList<>();
        for (ServerSentEvent e : events) {
            out.write(wire(List.of(e)));
            out.flush();
            pieces.add(sink.toByteArray());
            sink.reset();
        }
        out.close();
        byte[] last = sink.toByteArray();
        byte[] merged = new byte[pieces.get(pieces.size() - 1).length + last.length];
        System.arraycopy(pieces.get(pieces.size() - 1), 0, merged, 0, pieces.get(pieces.size() - 1).length);
        System.arraycopy(last, 0, merged, merged.length - last.length, last.length);
        pieces.set(pieces.size() - 1, merged);
        return pieces;
    }

    @ParameterizedTest
    @ValueSource(strings = {"gzip", "deflate", "raw-deflate"})
    void aCompressedBodyIsDecodedEventByEventAsItArrives(String coding) throws Exception {
        List<byte[]> pieces = compressed(coding, EVENTS);
        CountDownLatch firstRead = new CountDownLatch(1);
        MockResponse.Builder response = MockResponse.newBuilder()
                .header("Content-Encoding", coding.equals("raw-deflate") ? "deflate" : coding).chunkedEncoding()
                .raw(pieces.get(0)).await(firstRead);
        pieces.subList(1, pieces.size()).forEach(response::raw);
        server.enqueue(response.build());
        HttpRequest request = HttpRequest.newBuilder(server.url("/gz")).header("Accept-Encoding", coding).build();
        try (EventStream events = EventStream.connect(client, request)) {
            // The first event is decoded before the server sends anything more: no waiting for the end.
            assertEquals(Optional.of(EVENTS.get(0)), events.read());
            firstRead.countDown();
            assertEquals(EVENTS.subList(1, 3), events.stream().toList());
        }
    }

    @Test
    void aCompressedStreamCutShortFailsInsteadOfEndingQuietly() throws Exception {
        List<byte[]> pieces = compressed("gzip", EVENTS);
        server.enqueue(MockResponse.newBuilder().header("Content-Encoding", "gzip").fixedLength()
                .raw(pieces.get(0)).raw(pieces.get(1)).build());
        try (EventStream events = EventStream.connect(client, get("/gz"))) {
            assertEquals(EVENTS.get(0), events.read().orElseThrow());
            assertEquals(EVENTS.get(1), events.read().orElseThrow());
            ZipException e = assertThrows(ZipException.class, events::read);
            assertTrue(e.getMessage().startsWith("truncated gzip content"), e.getMessage());
        }
    }

    @Test
    void anEncodingThatCannotBeDecodedFailsConnectWithAClearError() {
        server.enqueue(MockResponse.newBuilder().header("Content-Encoding", "br").raw("not really brotli").build());
        ProtocolException e = assertThrows(ProtocolException.class, () -> EventStream.connect(client, get("/br")));
        assertEquals("unsupported Content-Encoding \"br\": sse4j decodes gzip, deflate and identity"
                + " (do not send an Accept-Encoding that offers others)", e.getMessage());
    }

    @Test
    void garbageLabelledGzipIsAnErrorNotAnEmptyStream() {
        server.enqueue(MockResponse.newBuilder().header("Content-Encoding", "gzip").raw("data: plain\n\n").build());
        Exception e = assertThrows(Exception.class, () -> Consume.READ.all(client, get("/fake-gzip")));
        Throwable cause = e instanceof UncheckedIOException ? e.getCause() : e;
        assertInstanceOf(ZipException.class, cause);
        assertEquals("corrupt gzip content: not in gzip format", cause.getMessage());
    }

    @ParameterizedTest
    @EnumSource(Consume.class)
    void aServerCrashMidStreamSaysWhereToResumeInEveryApi(Consume api) throws Exception {
        server.enqueue(MockResponse.newBuilder().chunkedEncoding()
                .event(ServerSentEvent.of("message", "a", "41")).event(ServerSentEvent.of("message", "b", "42"))
                .raw("data: half an ev").disconnect().build());
        HttpRequest request = get("/crash");
        Exception e = assertThrows(Exception.class, () -> api.all(client, request));
        Throwable failure = e instanceof UncheckedIOException ? e.getCause() : e;
        boolean plainJdkIdiom = api == Consume.BODY_HANDLER || api == Consume.BODY_HANDLER_ASYNC;
        if (plainJdkIdiom && !(failure instanceof BrokenStreamException)) {
            // client.send with a body handler: when the cut comes before the JDK has completed the
            // response, the JDK fails the exchange itself and never hands the stream over (connect
            // recovers it; the plain idiom cannot). Then its own IOException is all there is.
            assertInstanceOf(IOException.class, failure);
            return;
        }
        BrokenStreamException broken = assertInstanceOf(BrokenStreamException.class, failure);
        assertEquals(2, broken.eventCount());
        assertEquals("42", broken.lastEventId());
        assertInstanceOf(IOException.class, broken.getCause(), "the JDK's exception is kept");
        if (!plainJdkIdiom) {
            assertEquals(request.uri(), broken.uri().orElseThrow());
            assertTrue(broken.getMessage().startsWith("connection broke mid-stream from " + request.uri()
                    + " after 2 events (last event ID \"42\"): "), broken.getMessage());
        }
    }

    @Test
    void blockingReadersSeeCommentsWhenTheyAsk() throws Exception {
        server.enqueue(MockResponse.newBuilder().comment("hello").event(ServerSentEvent.of("message", "a", "1"))
                .comment("ping").raw("id: 2\n\n: after two\n").build());
        try (EventStream events = EventStream.connect(client, get("/comments"))) {
            assertEquals(Optional.of(new SseComment("hello")), events.readItem());
            assertEquals(Optional.of(ServerSentEvent.of("message", "a", "1")), events.readItem());
            assertEquals(Optional.of(new SseComment("ping")), events.readItem());
            assertEquals("1", events.lastEventId());
            assertEquals(Optional.of(new SseComment("after two")), events.readItem());
            assertEquals("2", events.lastEventId(), "the id-only block before the comment was reached");
            assertEquals(Optional.empty(), events.readItem());
        }
    }

    @Test
    void flowSubscribersSeeCommentsThroughTheItemPublisher() throws Exception {
        server.enqueue(MockResponse.newBuilder().comment("hello").event(ServerSentEvent.of("a")).comment("ping").build());
        List<SseItem> items = new ArrayList<>();
        CompletableFuture<Void> done = new CompletableFuture<>();
        try (EventStream events = EventStream.connect(client, get("/comments"))) {
            events.itemPublisher().subscribe(new Flow.Subscriber<SseItem>() {
                private Flow.Subscription subscription;

                @Override
                public void onSubscribe(Flow.Subscription s) {
                    subscription = s;
                    s.request(1);
                }

                @Override
                public void onNext(SseItem item) {
                    items.add(item);
                    subscription.request(1);
                }

                @Override
                public void onError(Throwable throwable) {
                    done.completeExceptionally(throwable);
                }

                @Override
                public void onComplete() {
                    done.complete(null);
                }
            });
            done.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        }
        assertEquals(List.of(new SseComment("hello"), ServerSentEvent.of("a"), new SseComment("ping")), items);
    }

    @Test
    void aSecondSubscriberOfTheItemPublisherIsRejected() throws Exception {
        server.enqueue(MockResponse.newBuilder().event(ServerSentEvent.of("a")).stall().build());
        try (EventStream events = EventStream.connect(client, get("/one"))) {
            events.subscribe(Consume.discarding());
            CompletableFuture<Throwable> rejected = new CompletableFuture<>();
            events.itemPublisher().subscribe(new Flow.Subscriber<SseItem>() {
                @Override
                public void onSubscribe(Flow.Subscription s) {
                }

                @Override
                public void onNext(SseItem item) {
                }

                @Override
                public void onError(Throwable throwable) {
                    rejected.complete(throwable);
                }

                @Override
                public void onComplete() {
                }
            });
            assertInstanceOf(IllegalStateException.class, rejected.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS));
        }
    }

    @Test
    void aLimitCrossedFailsWithTheLimitNamedAfterTheEventsBeforeIt() throws Exception {
        server.enqueue(MockResponse.newBuilder().event(ServerSentEvent.of("small"))
                .event(ServerSentEvent.of("x".repeat(2000))).build());
        SseOptions small = SseOptions.defaults().withLimits(io.sse4j.SseLimits.defaults().withMaxEventSize(1000));
        try (EventStream events = EventStream.connect(client, get("/big"), small)) {
            assertEquals("small", events.read().orElseThrow().data());
            ProtocolException e = assertThrows(ProtocolException.class, events::read);
            assertEquals("SSE event data larger than maxEventSize of 1000 bytes (see SseLimits)", e.getMessage());
        }
    }
}
