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
    /** Producer side: the last ID added, and the last one that can be sent as a header. */
    private String lastIdAdded = "";
    private String lastSendableId = "";

    @Override
    public void onEvent(ServerSentEvent event) {
        items.add(event);
        chars += event.data().length();
        events++;
        noteId(event.lastEventId());
    }

    /** Cheap unless the ID changed: streams that number every event check each new ID once. */
    private void noteId(String id) {
        if (id != lastIdAdded) {
            lastIdAdded = id;
            if (EventSource.isSendable(id)) {
                lastSendableId = id;
            }
        }
    }

    /** The last ID added that can go into a {@code Last-Event-ID} header, {@code ""} if none. */
    String lastSendableId() {
        return lastSendableId;
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
        noteId(id);
    }

    /** Moves every item of {@code other} to the end of this queue. */
    void takeAll(ItemQueue other) {
        items.addAll(other.items);
        chars += other.chars;
        other.clear();
    }

    /**
     * Adds a change of connection (an {@link EventSource}'s), in stream order. A retry right after
     * another replaces it: during an outage nobody reads, memory stays flat, and a listener that
     * keeps up still hears of each.
     */
    void add(Item lifecycle) {
        if (lifecycle instanceof Item.Retrying && items.peekLast() instanceof Item.Retrying) {
            items.pollLast();
        }
        items.add(lifecycle);
    }

    /**
     * Takes the next event, or the next event or comment if {@code comments}; passes over other
     * comments and applies the state changes on the way. Null if there is none.
     */
    SseItem poll(boolean comments) {
        return (SseItem) poll(comments ? Item.COMMENTS : Item.EVENTS);
    }

    /**
     * Takes the next item of the {@code kinds} wanted ({@link Item#COMMENTS}, {@link Item#LIFECYCLE});
     * events always. Passes over the others, applying the state changes. Null if there is none.
     */
    Item poll(int kinds) {
        Item head;
        while ((head = items.poll()) != null) {
            if (head instanceof ServerSentEvent) {
                ServerSentEvent event = (ServerSentEvent) head;
                chars -= event.data().length();
                lastEventId = event.lastEventId();
                return event;
            }
            if (head instanceof SseComment) {
                chars -= ((SseComment) head).text().length();
            } else {
                apply(head);
            }
            if (wanted(head, kinds)) {
                return head;
            }
        }
        return null;
    }

    /** Whether {@link #poll(boolean)} would return an item; applies the state changes in front of it. */
    boolean hasItem(boolean comments) {
        return hasItem(comments ? Item.COMMENTS : Item.EVENTS);
    }

    /** Whether {@link #poll(int)} would return an item; applies the state changes in front of it. */
    boolean hasItem(int kinds) {
        Item head;
        while ((head = items.peek()) != null) {
            if (head instanceof ServerSentEvent || wanted(head, kinds)) {
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

    private static boolean wanted(Item item, int kinds) {
        return item instanceof SseComment ? (kinds & Item.COMMENTS) != 0
                : (item instanceof Item.Opened || item instanceof Item.Retrying) && (kinds & Item.LIFECYCLE) != 0;
    }

    private void apply(Item change) {
        if (change instanceof Item.LastEventId) {
            lastEventId = ((Item.LastEventId) change).value();
        } else if (change instanceof Item.Retry) {
            reconnectionTime = ((Item.Retry) change).time();
        }
    }

    /** Starts the consumer's view at {@code id}: a source resuming where an earlier run stopped. */
    void startAt(String id) {
        lastEventId = id;
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
