package io.sse4j.internal;

import java.time.Duration;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/** The timer every source shares by default: one daemon thread, started when first needed. */
public final class SystemTimer {

    private SystemTimer() {
    }

    private static final class Holder {
        static final ScheduledThreadPoolExecutor EXECUTOR = executor();

        private static ScheduledThreadPoolExecutor executor() {
            ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, task -> {
                Thread thread = new Thread(task, "sse4j-scheduler");
                thread.setDaemon(true);
                return thread;
            });
            executor.setRemoveOnCancelPolicy(true); // Cancelled reconnects and idle checks do not pile up.
            return executor;
        }
    }

    /** Runs {@code task} once after {@code delay} on the shared thread. */
    public static Future<?> schedule(Runnable task, Duration delay) {
        return Holder.EXECUTOR.schedule(task, delay.toNanos(), TimeUnit.NANOSECONDS);
    }
}
