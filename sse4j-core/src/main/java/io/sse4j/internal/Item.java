package io.sse4j.internal;

import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * A change of stream state that a consumer reaches in order with the events around it, so that
 * its last event ID and reconnection time advance with what it has taken, not with the parser
 * that runs ahead of it; and, for a reconnecting source's listener, each opening and retry.
 * Events and comments themselves travel as the public {@link io.sse4j.SseItem}s.
 */
public sealed interface Item permits Item.LastEventId, Item.Retry, Item.Opened, Item.Retrying {

    /** Take events only. */
    int EVENTS = 0;
    /** Take comments too. */
    int COMMENTS = 1;
    /** Take the connection changes too ({@link Opened}, {@link Retrying}: a source's listener). */
    int LIFECYCLE = 2;

    /** A block without data set the last event ID (§9.2.6 dispatch steps 1-2). */
    record LastEventId(String value) implements Item {
    }

    /** A {@code retry} field set the reconnection time (§9.2.6). */
    record Retry(Duration time) implements Item {
    }

    /** A connection opened: its events follow. */
    record Opened(HttpResponse.ResponseInfo response) implements Item {
    }

    /** A connection ended or failed, and the next attempt is scheduled. */
    record Retrying(Throwable cause, Duration delay, int attempt) implements Item {
    }
}
