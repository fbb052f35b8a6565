package io.sse4j;

import java.time.Duration;

/**
 * Receives what an {@link SseParser} finds in a stream, in stream order, on the thread that feeds
 * the parser.
 *
 * <p>Only {@link #onEvent} must be implemented; comments and reconnection times are ignored by
 * default. An exception thrown by a callback propagates out of the {@code feed} call that caused
 * it, and the parser cannot be used afterwards.
 */
@FunctionalInterface
public interface SseHandler {

    /**
     * An event was dispatched: its block ended with a blank line and had data (§9.2.6).
     *
     * @param event the event
     */
    void onEvent(ServerSentEvent event);

    /**
     * A comment line (one starting with {@code :}) was read. Comments carry no meaning in the
     * spec; servers send them as heartbeats.
     *
     * @param comment the text after the colon, with one leading space removed if present
     */
    default void onComment(String comment) {
    }

    /**
     * A valid {@code retry} field set the stream's reconnection time (§9.2.6). Values that are not
     * all ASCII digits, or too large for a {@code long} of milliseconds, are ignored and not reported.
     *
     * @param reconnectionTime the new reconnection time
     */
    default void onRetry(Duration reconnectionTime) {
    }
}
