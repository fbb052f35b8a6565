package io.sse4j;

import java.util.Objects;

/**
 * A comment line of an event stream: a line starting with {@code :}. The spec gives comments no
 * meaning (§9.2.6 "ignore the line"); servers send them as heartbeats to keep idle connections
 * open, which is why some consumers want to see them.
 *
 * @param text the text after the colon, with one leading space removed if present
 */
public record SseComment(String text) implements SseItem {

    /**
     * A comment.
     *
     * @param text the text after the colon, with one leading space removed if present
     */
    public SseComment {
        Objects.requireNonNull(text, "text");
    }
}
