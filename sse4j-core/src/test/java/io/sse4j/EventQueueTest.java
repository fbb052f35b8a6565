package io.sse4j;

import static io.sse4j.Outcome.event;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ProtocolException;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@link EventQueue} fed by a parser, as {@link EventPipe} feeds it: what the consumer's view shows when. */
class EventQueueTest {

    private final EventQueue queue = new EventQueue();
    private final SseParser parser = SseParser.of(queue);

    EventQueueTest() {
        queue.commentsAfterIdsOf(parser);
    }

    private void feed(String text) throws ProtocolException {
        parser.feed(Bytes.utf8(text));
        queue.parsed(parser);
    }

    @Test
    void charsCountEventDataAndCommentsOnly() throws ProtocolException {
        feed("event: long-type\nid: long-id\nretry: 100\ndata: abc\ndata: de\n\n: 1234\n");
        assertEquals("abc\nde".length() + "1234".length(), queue.chars());
        queue.poll();
        assertEquals(4, queue.chars());
        queue.poll();
        assertEquals(0, queue.chars());
    }

    @Test
    void hasEventTakesTheCommentsInFrontAndFreesTheirChars() throws ProtocolException {
        feed(": one\n: two\ndata: a\n\n: three\n");
        assertTrue(queue.hasEvent());
        assertEquals(1 + 5, queue.chars(), "event a and comment three remain");
        assertEquals(event("a"), queue.poll());
        assertFalse(queue.hasEvent(), "only a comment left");
        assertEquals(0, queue.chars());
        assertTrue(queue.isEmpty());
    }

    @Test
    void pollEventPassesOverComments() throws ProtocolException {
        feed(": one\ndata: a\n\n: two\n");
        assertEquals(event("a"), queue.pollEvent());
        assertNull(queue.pollEvent());
        assertEquals(0, queue.chars());
    }

    @Test
    void anIdOnlyBlockAtTheEndCountsOnceTheConsumerGoesPastTheLastEvent() throws ProtocolException {
        feed("id: 1\ndata: a\n\nid: 9\n\n");
        queue.parsed(parser); // Again, as after finish(): no second change queued.
        assertEquals("", queue.lastEventId());
        assertEquals(event("message", "a", "1"), queue.poll());
        assertEquals("1", queue.lastEventId());
        assertFalse(queue.hasItem());
        assertEquals("9", queue.lastEventId());
        assertTrue(queue.isEmpty());
    }

    @Test
    void anIdOnlyBlockBeforeACommentCountsAtTheComment() throws ProtocolException {
        feed("id: 1\ndata: a\n\nid: 9\n\n: after nine\nid: 10\n: in the block of ten\n\n: after ten\n");
        assertEquals(event("message", "a", "1"), queue.poll());
        assertEquals("after nine", queue.poll());
        assertEquals("9", queue.lastEventId());
        assertEquals("in the block of ten", queue.poll());
        assertEquals("9", queue.lastEventId(), "the block of ten has not ended at this comment");
        assertEquals("after ten", queue.poll());
        assertEquals("10", queue.lastEventId());
    }

    @Test
    void idOnlyBlocksTakeRoomOnlyForTheirNetChange() throws ProtocolException {
        feed("id: 1\ndata: a\n\nid: 9\n\nid: 1\n\n");
        assertEquals(1, queue.size());
    }

    @Test
    void reconnectionTimeChangesWhenTheItemAfterTheRetryIsTaken() throws ProtocolException {
        feed("data: a\n\nretry: 1500\n: c\nretry: 2500\n\n");
        queue.poll();
        assertEquals(Optional.empty(), queue.reconnectionTime());
        assertEquals("c", queue.poll());
        assertEquals(Optional.of(Duration.ofMillis(1500)), queue.reconnectionTime());
        assertNull(queue.poll());
        assertEquals(Optional.of(Duration.ofMillis(2500)), queue.reconnectionTime());
    }

    @Test
    void clearDropsEverythingWithoutMovingTheConsumersView() throws ProtocolException {
        feed("retry: 5\nid: 1\ndata: a\n\n: c\n");
        queue.clear();
        assertTrue(queue.isEmpty());
        assertEquals(0, queue.chars());
        assertEquals("", queue.lastEventId());
        assertEquals(Optional.empty(), queue.reconnectionTime());
        assertNull(queue.poll());
    }
}
