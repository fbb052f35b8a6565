package io.sse4j.tests.guide;

import io.sse4j.ServerSentEvent;
import io.sse4j.SseComment;
import io.sse4j.SseItem;
import java.util.Optional;

/**
 * The example {@code comments} of docs/guide.md. Its imports are this file's: the guide shows them, and the
 * compiler holds them to be what the example needs.
 */
public final class CommentsExample extends GuideExample {

    public void comments(io.sse4j.EventStream events) throws java.io.IOException {
        // comments:begin
        Optional<SseItem> item;
        while ((item = events.readItem()).isPresent()) {
            if (item.get() instanceof SseComment comment) {
                System_out.println("heartbeat: " + comment.text());
            } else {
                handle((ServerSentEvent) item.get());
            }
        }
        // comments:end
    }
}
