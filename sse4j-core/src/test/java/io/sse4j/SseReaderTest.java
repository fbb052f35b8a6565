package io.sse4j;

import static io.sse4j.Outcome.event;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ProtocolException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class SseReaderTest {

    /** Bound on reads that could block: generous, as it only matters when something is wrong. */
    private static final Duration BLOCKING_BOUND = Duration.ofSeconds(10);

    /** A stream that uses BOM, CRLF, CR, multi-byte text, id, retry and a comment. */
    private static final byte[] STREAM = Bytes.of(Bytes.hex("EF BB BF"),
            "retry: 2500\r\n: hi\r\nid: 1\r\ndata: café\r\n\r\nevent: add\rdata: 𝄞\r\rdata: last\n\n");
    private static final List<ServerSentEvent> STREAM_EVENTS = List.of(
            event("message", "café", "1"), event("add", "𝄞", "1"), event("message", "last", "1"));

    @Test
    void readsEachEventThenEmptyAtEndOfStream() throws IOException {
        SseReader reader = SseReader.of(new ByteArrayInputStream(STREAM));
        assertEquals(STREAM_EVENTS, readAll(reader));
        assertEquals(Optional.empty(), reader.read(), "still empty after the end");
    }

    @Test
    void readsTheSameEventsWhenTheInputGivesOneByteAtATime() throws IOException {
        SseReader reader = SseReader.of(ScriptedInputStream.oneBytePerRead().offer(STREAM).end());
        assertEquals(STREAM_EVENTS, readAll(reader));
    }

    @Test
    void lastEventIdAndReconnectionTimeFollowTheStream() throws IOException {
        // One block per read, so the reader cannot have parsed ahead of the event it returns.
        SseReader reader = SseReader.of(ScriptedInputStream.create()
                .offer("data: a\n\n").offer("retry: 1500\nid: 7\n\n").offer("data: b\n\n").offer("id\ndata: c\n\n"));
        assertEquals("", reader.lastEventId());
        assertEquals(Optional.empty(), reader.reconnectionTime());
        assertEquals(Optional.of(event("a")), readWithinBound(reader));
        assertEquals(Optional.empty(), reader.reconnectionTime());
        assertEquals(Optional.of(event("message", "b", "7")), readWithinBound(reader));
        assertEquals("7", reader.lastEventId());
        assertEquals(Optional.of(Duration.ofMillis(1500)), reader.reconnectionTime());
        assertEquals(Optional.of(event("message", "c", "")), readWithinBound(reader));
        assertEquals("", reader.lastEventId());
    }

    /**
     * A reconnecting client sends {@code lastEventId()} as Last-Event-ID, so it must not run ahead
     * of the events handed out: here the server would skip event b, which was never returned.
     */
    @Test
    void lastEventIdIsThatOfTheLastReturnedEventWhenLaterOnesWereReadAhead() throws IOException {
        SseReader reader = SseReader.of(new ByteArrayInputStream(Bytes.utf8("id: 1\ndata: a\n\nid: 2\ndata: b\n\n")));
        assertEquals(Optional.of(event("message", "a", "1")), reader.read());
        assertEquals("1", reader.lastEventId());
    }

    @Test
    void eventIsReturnedAsSoonAsItsBlankLineIsRead() throws IOException {
        ScriptedInputStream input = ScriptedInputStream.create().offer("data: first\n\n");
        SseReader reader = SseReader.of(input);
        // The input has nothing more: a reader that read on after the blank line would block here.
        assertEquals(Optional.of(event("first")), readWithinBound(reader));
        assertEquals(1, input.reads());
        input.offer("data: second\n\n").end();
        assertEquals(List.of(event("second")), readAll(reader));
    }

    @Test
    void eventIsReturnedAtItsBlankLineEvenOneByteAtATime() throws IOException {
        byte[] first = Bytes.utf8("id: 1\ndata: first\n\n");
        ScriptedInputStream input = ScriptedInputStream.oneBytePerRead().offer(first);
        SseReader reader = SseReader.of(input);
        assertEquals(Optional.of(event("message", "first", "1")), readWithinBound(reader));
        assertEquals(first.length, input.reads(), "read exactly up to the blank line");
    }

    @Test
    void eventEndingInCrlfIsReturnedAtTheCrWithoutWaitingForTheLf() throws IOException {
        byte[] first = Bytes.utf8("data: first\r\n\r");
        ScriptedInputStream input = ScriptedInputStream.oneBytePerRead().offer(first);
        SseReader reader = SseReader.of(input);
        assertEquals(Optional.of(event("first")), readWithinBound(reader));
        assertEquals(first.length, input.reads());
        input.offer("\ndata: second\r\n\r\n").end();
        assertEquals(List.of(event("second")), readAll(reader));
    }

    @Test
    void eventsReadTogetherAreReturnedOneByOneWithoutMoreInput() throws IOException {
        ScriptedInputStream input = ScriptedInputStream.create().offer("data: 1\n\ndata: 2\n\ndata: 3");
        SseReader reader = SseReader.of(input);
        assertEquals(Optional.of(event("1")), readWithinBound(reader));
        assertEquals(Optional.of(event("2")), readWithinBound(reader));
        assertEquals(1, input.reads());
        input.offer("\n\n");
        assertEquals(Optional.of(event("3")), readWithinBound(reader));
    }

    @Test
    void incompleteEventAtEndOfStreamIsNotReturned() throws IOException {
        SseReader reader = SseReader.of(new ByteArrayInputStream(Bytes.utf8("data: a\n\nid: 2\ndata: b\n")));
        assertEquals(List.of(event("a")), readAll(reader));
        assertEquals("", reader.lastEventId());
    }

    @Test
    void iteratorYieldsEventsThenEnds() {
        SseReader reader = SseReader.of(new ByteArrayInputStream(STREAM));
        List<ServerSentEvent> events = new ArrayList<>();
        for (ServerSentEvent event : reader) {
            events.add(event);
        }
        assertEquals(STREAM_EVENTS, events);
        Iterator<ServerSentEvent> ended = reader.iterator();
        assertFalse(ended.hasNext());
        assertThrows(NoSuchElementException.class, ended::next);
    }

    @Test
    void iteratorHasNextDoesNotSkipEvents() {
        Iterator<ServerSentEvent> events = SseReader.of(new ByteArrayInputStream(STREAM)).iterator();
        assertTrue(events.hasNext());
        assertTrue(events.hasNext());
        assertEquals(STREAM_EVENTS.get(0), events.next());
        assertEquals(STREAM_EVENTS.get(1), events.next());
    }

    @Test
    void streamYieldsEventsAndClosingItClosesTheInput() {
        ScriptedInputStream input = ScriptedInputStream.create().offer(STREAM).end();
        List<String> data;
        try (Stream<ServerSentEvent> events = SseReader.of(input).stream()) {
            data = events.map(ServerSentEvent::data).collect(Collectors.toList());
            assertFalse(input.isClosed());
        }
        assertEquals(List.of("café", "𝄞", "last"), data);
        assertTrue(input.isClosed());
    }

    @Test
    void closingTheReaderClosesTheInput() throws IOException {
        ScriptedInputStream input = ScriptedInputStream.create();
        SseReader.of(input).close();
        assertTrue(input.isClosed());
    }

    @Test
    void readPassesOnTheInputsIOException() {
        IOException failure = new IOException("connection reset");
        SseReader reader = SseReader.of(ScriptedInputStream.create().offer("data: a\n\ndata: b").fail(failure));
        assertTimeoutPreemptively(BLOCKING_BOUND, () -> {
            assertEquals(Optional.of(event("a")), reader.read());
            assertSame(failure, assertThrows(IOException.class, reader::read));
        });
    }

    @Test
    void iteratorAndStreamWrapIOExceptionInUncheckedIOException() {
        IOException failure = new IOException("connection reset");
        Iterator<ServerSentEvent> events = SseReader.of(
                ScriptedInputStream.create().offer("data: a\n\n").fail(failure)).iterator();
        assertTimeoutPreemptively(BLOCKING_BOUND, () -> {
            assertEquals(event("a"), events.next());
            assertSame(failure, assertThrows(UncheckedIOException.class, events::hasNext).getCause());
        });
        Stream<ServerSentEvent> stream = SseReader.of(ScriptedInputStream.create().fail(failure)).stream();
        assertTimeoutPreemptively(BLOCKING_BOUND, () -> assertSame(failure,
                assertThrows(UncheckedIOException.class, () -> stream.findFirst()).getCause()));
    }

    @Test
    void streamCrossingALimitFailsWithProtocolExceptionAfterEarlierEvents() throws IOException {
        SseReader reader = SseReader.of(ScriptedInputStream.create().offer("data: ok\n\n").offer("data: far too long\n\n"),
                SseLimits.defaults().withMaxLineLength(10));
        assertEquals(Optional.of(event("ok")), readWithinBound(reader));
        ProtocolException e = assertThrows(ProtocolException.class, reader::read);
        assertTrue(e.getMessage().contains("maxLineLength of 10"), e.getMessage());
    }

    /** SseLimits promises that events before the failure are delivered; for a reader, before it. */
    @Test
    void eventsParsedWithTheFailingLineAreReturnedBeforeTheFailure() throws IOException {
        SseReader reader = SseReader.of(new ByteArrayInputStream(Bytes.utf8("data: ok\n\ndata: far too long\n\n")),
                SseLimits.defaults().withMaxLineLength(10));
        assertEquals(Optional.of(event("ok")), reader.read());
        assertThrows(ProtocolException.class, reader::read);
    }

    @Test
    void nullArgumentsAreRejectedByName() {
        assertEquals("in", assertThrows(NullPointerException.class, () -> SseReader.of(null)).getMessage());
        assertEquals("limits", assertThrows(NullPointerException.class,
                () -> SseReader.of(new ByteArrayInputStream(new byte[0]), null)).getMessage());
    }

    private static Optional<ServerSentEvent> readWithinBound(SseReader reader) {
        return assertTimeoutPreemptively(BLOCKING_BOUND, reader::read);
    }

    /** Reads until the end of the stream, which must come within the bound. */
    private static List<ServerSentEvent> readAll(SseReader reader) {
        return assertTimeoutPreemptively(BLOCKING_BOUND, () -> {
            List<ServerSentEvent> events = new ArrayList<>();
            for (Optional<ServerSentEvent> next = reader.read(); next.isPresent(); next = reader.read()) {
                events.add(next.get());
            }
            return events;
        });
    }
}
