package io.sse4j.tests.guide;

import io.sse4j.EventStream;
import io.sse4j.ServerSentEvent;
import io.sse4j.SseItem;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The example {@code idle} of docs/guide.md. Its imports are this file's: the guide shows them, and the
 * compiler holds them to be what the example needs.
 */
public final class IdleExample extends GuideExample {

    public void idle(java.net.http.HttpClient client, java.net.http.HttpRequest request,
            java.util.concurrent.ScheduledExecutorService timer)
            throws java.io.IOException, InterruptedException {
        // idle:begin
        EventStream events = EventStream.connect(client, request);
        AtomicLong lastSeen = new AtomicLong(System.nanoTime());
        ScheduledFuture<?> watchdog = timer.scheduleAtFixedRate(() -> {
            if (System.nanoTime() - lastSeen.get() > TimeUnit.SECONDS.toNanos(60)) {
                events.close(); // readItem() then returns empty
            }
        }, 10, 10, TimeUnit.SECONDS);
        try (events) {
            Optional<SseItem> item;
            while ((item = events.readItem()).isPresent()) {
                lastSeen.set(System.nanoTime()); // an event or a heartbeat comment
                if (item.get() instanceof ServerSentEvent event) {
                    handle(event);
                }
            }
        } finally {
            watchdog.cancel(false);
        }
        // idle:end
    }
}
