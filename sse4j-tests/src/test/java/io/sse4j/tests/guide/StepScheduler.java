package io.sse4j.tests.guide;

import io.sse4j.EventSource;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

// stepScheduler:begin
/** A scheduler for tests: nothing runs until the test runs it, and the clock moves only then. */
final class StepScheduler implements EventSource.Scheduler {
    private record Task(Duration delay, Runnable run, CompletableFuture<Void> handle) {
    }

    private final BlockingQueue<Task> tasks = new LinkedBlockingQueue<>();
    private volatile Instant now = Instant.parse("2026-01-01T00:00:00Z");

    @Override
    public Instant now() {
        return now;
    }

    @Override
    public Future<?> schedule(Runnable task, Duration delay) {
        Task t = new Task(delay, task, new CompletableFuture<>());
        tasks.add(t);
        return t.handle(); // EventSource cancels it when it is no longer needed
    }

    /** Waits (boundedly) for the next task, moves the clock by its delay and runs it here. */
    Duration runNext() throws InterruptedException {
        Task t = tasks.poll(10, TimeUnit.SECONDS);
        if (t == null) {
            throw new AssertionError("nothing was scheduled");
        }
        now = now.plus(t.delay());
        if (!t.handle().isCancelled()) {
            t.run().run();
        }
        return t.delay();
    }
}
// stepScheduler:end
