package io.sse4j;

import java.time.Duration;

/**
 * What a parser produced, as a consumer takes it in stream order: events and comments (the public
 * {@link SseItem}s) and the two changes of stream state that take effect when reached, so that a
 * consumer's last event ID and reconnection time advance with what it has taken, not with the
 * parser that runs ahead of it.
 */
sealed interface Item permits ServerSentEvent, SseComment, Item.LastEventId, Item.Retry, Item.Opened, Item.Retrying {

    /** Take events only. */
    int EVENTS = 0;
    /** Take comments too. */
    int COMMENTS = 1;
    /** Take the connection changes of an {@link EventSource} too (for its listener). */
    int LIFECYCLE = 2;

    /** A block without data set the last event ID (§9.2.6 dispatch steps 1-2). */
    record LastEventId(String value) implements Item {
    }

    /** A {@code retry} field set the reconnection time (§9.2.6). */
    record Retry(Duration time) implements Item {
    }

    /** An {@link EventSource} connection opened: its events follow. */
    record Opened(java.net.http.HttpResponse.ResponseInfo response) implements Item {
    }

    /** An {@link EventSource} connection ended or failed, and the next attempt is scheduled. */
    record Retrying(Throwable cause, Duration delay, int attempt) implements Item {
    }
}
