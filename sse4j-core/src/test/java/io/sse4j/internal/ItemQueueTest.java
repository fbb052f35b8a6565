package io.sse4j.internal;

import io.sse4j.Bytes;
import io.sse4j.SseParser;
import io.sse4j.SseComment;
import static io.sse4j.Outcome.event;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ProtocolException;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@link ItemQueue} fed by a parser: what the consumer's view shows when. */
class ItemQueueTest {

    private final ItemQueue queue = new ItemQueue();
    private final SseParser parser = SseParser.of(queue);

    private void feed(String text) throws ProtocolException {
        parser.feed(Bytes.utf8(text));
    }

    @Test
    void charsCountEventDataAndCommentsOnly() throws ProtocolException {
        feed("event: long-type\nid: long-id\nretry: 100\ndata: abc\ndata: de\n\n: 1234\n");
        assertEquals("abc\nde".length() + "1234".length(), queue.chars());
        queue.poll(true);
        assertEquals(4, queue.chars());
        queue.poll(true);
        assertEquals(0, queue.chars());
    }

    @Test
    void hasItemWithoutCommentsTakesTheCommentsInFrontAndFreesTheirChars() throws ProtocolException {
        feed(": one\n: two\ndata: a\n\n: three\n");
        assertTrue(queue.hasItem(false));
        assertEquals(1 + 5, queue.chars(), "event a and comment three remain");
        assertEquals(event("a"), queue.poll(true));
        assertFalse(queue.hasItem(false), "only a comment left");
        assertEquals(0, queue.chars());
        assertEquals(0, queue.size());
    }

    @Test
    void pollWithoutCommentsPassesOverComments() throws ProtocolException {
        feed(": one\ndata: a\n\n: two\n");
        assertEquals(event("a"), queue.poll(false));
        assertNull(queue.poll(false));
        assertEquals(0, queue.chars());
    }

    @Test
    void anIdOnlyBlockAtTheEndCountsOnceTheConsumerGoesPastTheLastEvent() throws ProtocolException {
        feed("id: 1\ndata: a\n\nid: 9\n\n");
        parser.finish();
        assertEquals("", queue.lastEventId());
        assertEquals(event("message", "a", "1"), queue.poll(true));
        assertEquals("1", queue.lastEventId());
        assertFalse(queue.hasItem(true));
        assertEquals("9", queue.lastEventId());
        assertEquals(0, queue.size());
    }

    @Test
    void anIdOnlyBlockBeforeACommentCountsAtTheComment() throws ProtocolException {
        feed("id: 1\ndata: a\n\nid: 9\n\n: after nine\nid: 10\n: in the block of ten\n\n: after ten\n");
        assertEquals(event("message", "a", "1"), queue.poll(true));
        assertEquals(new SseComment("after nine"), queue.poll(true));
        assertEquals("9", queue.lastEventId());
        assertEquals(new SseComment("in the block of ten"), queue.poll(true));
        assertEquals("9", queue.lastEventId(), "the block of ten has not ended at this comment");
        assertEquals(new SseComment("after ten"), queue.poll(true));
        assertEquals("10", queue.lastEventId());
    }

    @Test
    void idOnlyBlocksQueueAChangeOnlyWhenTheyChangeTheId() throws ProtocolException {
        feed("id: 1\ndata: a\n\nid: 1\n\nid: 9\n\nid: 9\n\n\n");
        assertEquals(2, queue.size(), "the event and one change, to 9");
        queue.poll(false);
        assertEquals("1", queue.lastEventId());
        assertNull(queue.poll(false));
        assertEquals("9", queue.lastEventId());
    }

    @Test
    void eventsAddedCountsEventsOnly() throws ProtocolException {
        feed("data: a\n\n: c\nid: 2\n\ndata: b\n\n");
        assertEquals(2, queue.eventsAdded());
    }

    @Test
    void reconnectionTimeChangesWhenTheItemAfterTheRetryIsTaken() throws ProtocolException {
        feed("data: a\n\nretry: 1500\n: c\nretry: 2500\n\n");
        queue.poll(true);
        assertEquals(Optional.empty(), queue.reconnectionTime());
        assertEquals(new SseComment("c"), queue.poll(true));
        assertEquals(Optional.of(Duration.ofMillis(1500)), queue.reconnectionTime());
        assertNull(queue.poll(true));
        assertEquals(Optional.of(Duration.ofMillis(2500)), queue.reconnectionTime());
    }

    @Test
    void clearDropsEverythingWithoutMovingTheConsumersView() throws ProtocolException {
        feed("retry: 5\nid: 1\ndata: a\n\n: c\n");
        queue.clear();
        assertEquals(0, queue.size());
        assertEquals(0, queue.chars());
        assertEquals("", queue.lastEventId());
        assertEquals(Optional.empty(), queue.reconnectionTime());
        assertNull(queue.poll(true));
    }
}
