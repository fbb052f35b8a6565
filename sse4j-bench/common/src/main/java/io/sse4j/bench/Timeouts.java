package io.sse4j.bench;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Bounds blocking harness calls: runs an action (typically closing a stream, which wakes a blocked
 * read) once a timeout passes, unless cancelled first. One daemon thread serves every timer.
 */
public final class Timeouts {

    private static final ScheduledExecutorService SCHEDULER = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "bench-timeouts");
        thread.setDaemon(true);
        return thread;
    });

    private Timeouts() {
    }

    /** A pending action; closing it cancels the action if it has not run. */
    public static final class Timer implements AutoCloseable {
        private final AtomicBoolean fired = new AtomicBoolean();
        private volatile ScheduledFuture<?> future;

        private Timer() {
        }

        /**
         * Whether the timeout passed and the action ran (or is running).
         *
         * @return true once fired
         */
        public boolean fired() {
            return fired.get();
        }

        @Override
        public void close() {
            future.cancel(false);
        }
    }

    /**
     * Runs {@code action} after {@code timeout}, unless the returned timer is closed first.
     *
     * @param timeout how long to wait
     * @param action  what to do then; should not block
     * @return the timer
     */
    public static Timer after(Duration timeout, Runnable action) {
        Timer timer = new Timer();
        timer.future = SCHEDULER.schedule(() -> {
            timer.fired.set(true);
            action.run();
        }, timeout.toNanos(), TimeUnit.NANOSECONDS);
        return timer;
    }
}
