package io.sse4j;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Optional;

/**
 * What a parser produced and the consumer has not taken yet, in stream order: events, comments,
 * and the changes of last event ID and reconnection time, so that the consumer's view of those
 * advances with the events it has actually taken, not with the parser that runs ahead of it.
 * Not thread-safe: the owner guards it.
 */
final class EventQueue implements SseHandler {

    /** An {@code id} that took effect without an event, e.g. {@code "id: 7\n\n"}. */
    private static final class IdChange {
        final String lastEventId;

        IdChange(String lastEventId) {
            this.lastEventId = lastEventId;
        }
    }

    private final ArrayDeque<Object> items = new ArrayDeque<>();
    private long chars;
    private String queuedLastEventId = "";
    private String lastEventId = "";
    private Duration reconnectionTime;
    /** The parser feeding this queue, when comments are taken: see {@link #commentsAfterIdsOf}. */
    private SseParser parser;

    /**
     * Places the ID that {@code parser}'s blocks set ahead of each comment in front of it, so a
     * consumer of comments has reached an id-only block before a comment that follows it.
     */
    void commentsAfterIdsOf(SseParser parser) {
        this.parser = parser;
    }

    @Override
    public void onEvent(ServerSentEvent event) {
        items.add(event);
        chars += event.data().length();
        queuedLastEventId = event.lastEventId();
    }

    @Override
    public void onComment(String comment) {
        if (parser != null) {
            parsed(parser);
        }
        items.add(comment);
        chars += comment.length();
    }

    @Override
    public void onRetry(Duration time) {
        items.add(time);
    }

    /** After feeding {@code parser}: queues an ID set by blocks that dispatched no event. */
    void parsed(SseParser parser) {
        String id = parser.lastEventId();
        if (!id.equals(queuedLastEventId)) {
            items.add(new IdChange(id));
            queuedLastEventId = id;
        }
    }

    /** Takes the next item: a {@link ServerSentEvent}, a comment {@link String}, or null if none. */
    Object poll() {
        skipChanges();
        Object item = items.poll();
        if (item instanceof ServerSentEvent) {
            ServerSentEvent event = (ServerSentEvent) item;
            chars -= event.data().length();
            lastEventId = event.lastEventId();
        } else if (item instanceof String) {
            chars -= ((String) item).length();
        }
        return item;
    }

    /** Takes the next event, passing over comments; null if none. */
    ServerSentEvent pollEvent() {
        Object item;
        do {
            item = poll();
        } while (item instanceof String);
        return (ServerSentEvent) item;
    }

    /** Whether an event or comment is waiting; takes the ID and retry changes in front of it. */
    boolean hasItem() {
        skipChanges();
        return !items.isEmpty();
    }

    /** Whether an event is waiting; takes the comments and changes in front of it. */
    boolean hasEvent() {
        while (skipChanges() instanceof String) {
            chars -= ((String) items.poll()).length();
        }
        return !items.isEmpty();
    }

    /** Applies the ID and retry changes at the head; returns the item then at the head, or null. */
    private Object skipChanges() {
        Object head;
        while ((head = items.peek()) instanceof IdChange || head instanceof Duration) {
            items.poll();
            if (head instanceof IdChange) {
                lastEventId = ((IdChange) head).lastEventId;
            } else {
                reconnectionTime = (Duration) head;
            }
        }
        return head;
    }

    boolean isEmpty() {
        return items.isEmpty();
    }

    int size() {
        return items.size();
    }

    /** Characters of event data and comments waiting. */
    long chars() {
        return chars;
    }

    void clear() {
        items.clear();
        chars = 0;
    }

    /** The last event ID as of the items taken. */
    String lastEventId() {
        return lastEventId;
    }

    /** The reconnection time as of the items taken. */
    Optional<Duration> reconnectionTime() {
        return Optional.ofNullable(reconnectionTime);
    }
}
