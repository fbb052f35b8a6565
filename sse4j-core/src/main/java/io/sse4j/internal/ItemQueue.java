package io.sse4j.internal;

import io.sse4j.ServerSentEvent;
import io.sse4j.SseComment;
import io.sse4j.SseItem;
import io.sse4j.SseParser;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Optional;

/**
 * A parser's output waiting for its consumer, in stream order, and the consumer's view of the
 * stream state: the last event ID and reconnection time as of the items taken. It is the parser's
 * handler. Not thread-safe: {@code SseReader} uses one directly, {@link EventBuffer} guards one.
 *
 * <p>Events and comments wait in one queue; the rarer {@link Item}s (state changes, a source's
 * openings and retries) in another, each marked with how many events and comments came before
 * it. So the hot path stores events as they are, and a consumer still meets everything in order.
 */
public final class ItemQueue implements SseParser.Handler {

    /** An {@link Item} and how many events and comments were added before it. */
    private record Marked(long at, Item item) {
    }

    private final ArrayDeque<SseItem> data = new ArrayDeque<>();
    private final ArrayDeque<Marked> changes = new ArrayDeque<>();
    /** Events and comments added, and taken or dropped, since this queue was made. */
    private long added;
    private long removed;
    /** Characters of event data and comments waiting. */
    private long chars;
    private long events;
    /** How many of the changes waiting are openings and retries. */
    private int lifecycle;
    private String lastEventId = "";
    private Duration reconnectionTime;
    /** Producer side: the last ID added, and the last one that can be sent as a header. */
    private String lastIdAdded = "";
    private String lastSendableId = "";

    @Override
    public void onEvent(ServerSentEvent event) {
        data.add(event);
        added++;
        chars += event.data().length();
        events++;
        noteId(event.lastEventId());
    }

    /** Cheap unless the ID changed: streams that number every event check each new ID once. */
    private void noteId(String id) {
        if (id != lastIdAdded) {
            lastIdAdded = id;
            if (LastEventIds.isSendable(id)) {
                lastSendableId = id;
            }
        }
    }

    /** The last ID added that can go into a {@code Last-Event-ID} header, {@code ""} if none. */
    public String lastSendableId() {
        return lastSendableId;
    }

    @Override
    public void onComment(String comment) {
        data.add(new SseComment(comment));
        added++;
        chars += comment.length();
    }

    @Override
    public void onRetry(Duration time) {
        changes.add(new Marked(added, new Item.Retry(time)));
    }

    @Override
    public void onLastEventId(String id) {
        changes.add(new Marked(added, new Item.LastEventId(id)));
        noteId(id);
    }

    /** Moves every item of {@code other} to the end of this queue, in order. */
    public void takeAll(ItemQueue other) {
        for (Marked m : other.changes) {
            changes.add(new Marked(added + (m.at - other.removed), m.item));
        }
        lifecycle += other.lifecycle;
        data.addAll(other.data);
        added += other.data.size();
        chars += other.chars;
        other.clear();
    }

    /**
     * Adds a change of connection (a source's), in stream order. A retry right after another
     * replaces it: during an outage nobody reads, memory stays flat, and a listener that keeps up
     * still hears of each.
     */
    public void add(Item change) {
        Marked last = changes.peekLast();
        if (change instanceof Item.Retrying && last != null && last.at == added && last.item instanceof Item.Retrying) {
            changes.pollLast();
            lifecycle--;
        }
        changes.add(new Marked(added, change));
        lifecycle++;
    }

    /**
     * Takes the next event, or the next event or comment if {@code comments}; passes over other
     * comments and applies the state changes on the way. Null if there is none.
     */
    public SseItem poll(boolean comments) {
        return poll(comments ? Item.COMMENTS : Item.EVENTS);
    }

    /**
     * Takes the next event (or comment, if {@code kinds} has {@link Item#COMMENTS}), applying the
     * changes before it; null if there is none, or if a change that {@code kinds} wants
     * ({@link Item#LIFECYCLE}) comes first: take that with {@link #pollChange}.
     */
    public SseItem poll(int kinds) {
        while (true) {
            if (passChanges(kinds)) {
                return null;
            }
            SseItem head = data.poll();
            if (head == null) {
                return null;
            }
            removed++;
            if (head instanceof ServerSentEvent) {
                ServerSentEvent event = (ServerSentEvent) head;
                chars -= event.data().length();
                lastEventId = event.lastEventId();
                return event;
            }
            chars -= ((SseComment) head).text().length();
            if ((kinds & Item.COMMENTS) != 0) {
                return head;
            }
        }
    }

    /** Takes the next change if it is due (no event or comment before it) and {@code kinds} wants it; else null. */
    public Item pollChange(int kinds) {
        if (passChanges(kinds)) {
            Item item = changes.poll().item;
            apply(item);
            return item;
        }
        return null;
    }

    /** Applies the due changes that {@code kinds} does not take; true if one it takes is due. */
    private boolean passChanges(int kinds) {
        Marked next;
        while ((next = changes.peek()) != null && next.at <= removed) {
            if (wanted(next.item, kinds)) {
                return true;
            }
            changes.poll();
            apply(next.item);
        }
        return false;
    }

    /** Whether {@link #poll(int)} or {@link #pollChange} would return an item; applies the changes in front of it. */
    public boolean hasItem(int kinds) {
        while (true) {
            if (passChanges(kinds)) {
                return true;
            }
            SseItem head = data.peek();
            if (head == null) {
                return false;
            }
            if (head instanceof ServerSentEvent || (kinds & Item.COMMENTS) != 0) {
                return true;
            }
            data.poll();
            removed++;
            chars -= ((SseComment) head).text().length();
        }
    }

    /** Whether {@link #poll(boolean)} would return an item; applies the changes in front of it. */
    public boolean hasItem(boolean comments) {
        return hasItem(comments ? Item.COMMENTS : Item.EVENTS);
    }

    private static boolean wanted(Item item, int kinds) {
        return (kinds & Item.LIFECYCLE) != 0 && !(item instanceof Item.LastEventId);
    }

    private void apply(Item change) {
        if (change instanceof Item.Opened || change instanceof Item.Retrying) {
            lifecycle--;
        } else if (change instanceof Item.LastEventId) {
            lastEventId = ((Item.LastEventId) change).value();
        } else if (change instanceof Item.Retry) {
            reconnectionTime = ((Item.Retry) change).time();
        }
    }

    /** Starts the consumer's view at {@code id}: a source resuming where an earlier run stopped. */
    public void startAt(String id) {
        lastEventId = id;
    }

    /**
     * Events, comments and state changes waiting: what the buffer's bound counts. A source's
     * openings and retries are left out; there is one of each per connection at most.
     */
    public int size() {
        return data.size() + changes.size() - lifecycle;
    }

    public long chars() {
        return chars;
    }

    /** Events added since this queue was made: taken, waiting or cleared. */
    public long eventsAdded() {
        return events;
    }

    public void clear() {
        removed += data.size();
        data.clear();
        changes.clear();
        lifecycle = 0;
        chars = 0;
    }

    /** The last event ID as of the items taken. */
    public String lastEventId() {
        return lastEventId;
    }

    /** The reconnection time as of the items taken. */
    public Optional<Duration> reconnectionTime() {
        return Optional.ofNullable(reconnectionTime);
    }
}
