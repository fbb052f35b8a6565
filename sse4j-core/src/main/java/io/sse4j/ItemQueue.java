package io.sse4j;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Optional;

/**
 * A parser's output waiting for its consumer, in stream order, and the consumer's view of the
 * stream state: the last event ID and reconnection time as of the items taken. It is the parser's
 * handler. Not thread-safe: {@link SseReader} uses one directly, {@link EventBuffer} guards one.
 */
final class ItemQueue implements SseParser.Handler {

    private final ArrayDeque<Item> items = new ArrayDeque<>();
    /** Characters of event data and comments waiting. */
    private long chars;
    private long events;
    private String lastEventId = "";
    private Duration reconnectionTime;

    @Override
    public void onEvent(ServerSentEvent event) {
        items.add(event);
        chars += event.data().length();
        events++;
    }

    @Override
    public void onComment(String comment) {
        items.add(new SseComment(comment));
        chars += comment.length();
    }

    @Override
    public void onRetry(Duration time) {
        items.add(new Item.Retry(time));
    }

    @Override
    public void onLastEventId(String id) {
        items.add(new Item.LastEventId(id));
    }

    /** Moves every item of {@code other} to the end of this queue. */
    void takeAll(ItemQueue other) {
        items.addAll(other.items);
        chars += other.chars;
        other.clear();
    }

    /**
     * Takes the next event, or the next event or comment if {@code comments}; passes over other
     * comments and applies the state changes on the way. Null if there is none.
     */
    SseItem poll(boolean comments) {
        Item head;
        while ((head = items.poll()) != null) {
            if (head instanceof ServerSentEvent) {
                ServerSentEvent event = (ServerSentEvent) head;
                chars -= event.data().length();
                lastEventId = event.lastEventId();
                return event;
            } else if (head instanceof SseComment) {
                SseComment comment = (SseComment) head;
                chars -= comment.text().length();
                if (comments) {
                    return comment;
                }
            } else {
                apply(head);
            }
        }
        return null;
    }

    /** Whether {@link #poll} would return an item; applies the state changes in front of it. */
    boolean hasItem(boolean comments) {
        Item head;
        while ((head = items.peek()) != null) {
            if (head instanceof ServerSentEvent || (comments && head instanceof SseComment)) {
                return true;
            }
            items.poll();
            if (head instanceof SseComment) {
                chars -= ((SseComment) head).text().length();
            } else {
                apply(head);
            }
        }
        return false;
    }

    private void apply(Item change) {
        if (change instanceof Item.LastEventId) {
            lastEventId = ((Item.LastEventId) change).value();
        } else {
            reconnectionTime = ((Item.Retry) change).time();
        }
    }

    int size() {
        return items.size();
    }

    long chars() {
        return chars;
    }

    /** Events added since this queue was made: taken, waiting or cleared. */
    long eventsAdded() {
        return events;
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
