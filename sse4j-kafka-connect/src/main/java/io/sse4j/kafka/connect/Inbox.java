package io.sse4j.kafka.connect;

import io.sse4j.ServerSentEvent;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The one queue between a task's streams and its {@code poll()}: the streams add what they
 * receive, in order per stream, and poll takes it in batches, waiting a bounded time.
 *
 * <pre>
 *   EventSource ──onNext──▶ StreamReader ──add──▶ [ Inbox ] ──take(max, wait)──▶ poll() ──▶ records
 *        ▲                                                                         │
 *        └──────────────── request(n): credit back for the n events taken ◀────────┘
 * </pre>
 *
 * <p>It is bounded by its producers, not by itself: each {@link StreamReader} asks its source for
 * no more events than its credit, so at most {@code streams × credit} events wait here, plus one
 * end per stream. No callback runs while the lock is held.
 */
final class Inbox {

    /** What a stream hands over: an event, or its end. */
    sealed interface Entry permits Received, Ended {
        StreamReader stream();
    }

    /** An event, with the wall-clock time it was received. */
    record Received(StreamReader stream, ServerSentEvent event, long receivedAt) implements Entry {
    }

    /** The stream ended: cleanly (a 204, or closed by the task) when {@code failure} is null. */
    record Ended(StreamReader stream, Throwable failure) implements Entry {
    }

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition added = lock.newCondition();
    private final ArrayDeque<Entry> entries = new ArrayDeque<>();
    private boolean woken;

    void add(Entry entry) {
        lock.lock();
        try {
            entries.add(entry);
            added.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Takes up to {@code max} entries, waiting at most {@code wait} for the first one. A failure
     * comes alone: it ends a batch of events, and is the one entry of the next, so that what
     * arrived before it is handed on before it fails the task.
     *
     * @return the entries, empty if none came in time or {@link #wakeUp()} was called
     */
    List<Entry> take(int max, Duration wait) throws InterruptedException {
        long nanos = wait.toNanos();
        lock.lock();
        try {
            while (entries.isEmpty() && !woken) {
                if (nanos <= 0) {
                    return List.of();
                }
                nanos = added.awaitNanos(nanos);
            }
            woken = false;
            List<Entry> batch = new ArrayList<>(Math.min(max, entries.size()));
            while (batch.size() < max && !entries.isEmpty()) {
                Entry next = entries.peek();
                boolean failure = next instanceof Ended ended && ended.failure() != null;
                if (failure && !batch.isEmpty()) {
                    break;
                }
                batch.add(entries.poll());
                if (failure) {
                    break;
                }
            }
            return batch;
        } finally {
            lock.unlock();
        }
    }

    /** Makes a waiting (or the next) {@link #take} return at once: the task is stopping. */
    void wakeUp() {
        lock.lock();
        try {
            woken = true;
            added.signalAll();
        } finally {
            lock.unlock();
        }
    }

    int size() {
        lock.lock();
        try {
            return entries.size();
        } finally {
            lock.unlock();
        }
    }
}
