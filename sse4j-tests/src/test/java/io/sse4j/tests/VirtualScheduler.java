package io.sse4j.tests;

import io.sse4j.EventSource;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Time that the test moves: tasks run only when {@link #advance} passes their time, on the test's
 * thread. Records every delay asked for, so tests can check backoff without waiting for it.
 */
final class VirtualScheduler implements EventSource.Scheduler {

    private record Task(Instant at, long sequence, Runnable run, CompletableFuture<Void> handle) {
    }

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition scheduled = lock.newCondition();
    private final PriorityQueue<Task> tasks = new PriorityQueue<>(
            Comparator.comparing(Task::at).thenComparingLong(Task::sequence));
    private final List<Duration> delays = new ArrayList<>();
    private Instant now = Instant.parse("2026-01-01T00:00:00Z");
    private long sequence;

    @Override
    public Instant now() {
        lock.lock();
        try {
            return now;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public Future<?> schedule(Runnable task, Duration delay) {
        lock.lock();
        try {
            CompletableFuture<Void> handle = new CompletableFuture<>();
            tasks.add(new Task(now.plus(delay), sequence++, task, handle));
            delays.add(delay);
            scheduled.signalAll();
            return handle;
        } finally {
            lock.unlock();
        }
    }

    /** Waits (really, bounded) until a task that is not cancelled is pending; returns how far off it is. */
    Duration awaitPending(Duration timeout) throws InterruptedException, TimeoutException {
        long deadline = System.nanoTime() + timeout.toNanos();
        lock.lock();
        try {
            while (true) {
                tasks.removeIf(t -> t.handle().isCancelled());
                if (!tasks.isEmpty()) {
                    return Duration.between(now, tasks.peek().at());
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new TimeoutException("no task was scheduled within " + timeout);
                }
                scheduled.awaitNanos(left);
            }
        } finally {
            lock.unlock();
        }
    }

    /** Moves time forward by {@code duration}, running every task that falls due, in order. */
    void advance(Duration duration) {
        Instant until;
        lock.lock();
        try {
            until = now.plus(duration);
        } finally {
            lock.unlock();
        }
        while (true) {
            Task next;
            lock.lock();
            try {
                next = tasks.peek();
                if (next == null || next.at().isAfter(until)) {
                    now = until;
                    return;
                }
                tasks.poll();
                now = next.at();
            } finally {
                lock.unlock();
            }
            if (!next.handle().isCancelled()) {
                next.run().run();
                next.handle().complete(null);
            }
        }
    }

    /** Runs the next pending task, moving time to it: waits (really, bounded) for one to be scheduled. */
    Duration runNext(Duration timeout) throws InterruptedException, TimeoutException {
        Duration delay = awaitPending(timeout);
        advance(delay);
        return delay;
    }

    /** Every delay asked for so far, in order. */
    List<Duration> delays() {
        lock.lock();
        try {
            return List.copyOf(delays);
        } finally {
            lock.unlock();
        }
    }

    int pending() {
        lock.lock();
        try {
            tasks.removeIf(t -> t.handle().isCancelled());
            return tasks.size();
        } finally {
            lock.unlock();
        }
    }

    static long millis(Duration d) {
        return TimeUnit.NANOSECONDS.toMillis(d.toNanos());
    }
}
