package io.sse4j.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Future;
import java.util.function.BiFunction;
import java.util.function.Supplier;

/** Time for a reconnecting source: now, and running a short task later. Tests drive a virtual one. */
public interface Timer {

    Instant now();

    /** Runs {@code task} once after {@code delay}; must not block. */
    Future<?> schedule(Runnable task, Duration delay);

    /** A timer of these two functions: a public scheduler's, adapted. */
    static Timer of(Supplier<Instant> now, BiFunction<Runnable, Duration, Future<?>> schedule) {
        return new Timer() {
            @Override
            public Instant now() {
                return now.get();
            }

            @Override
            public Future<?> schedule(Runnable task, Duration delay) {
                return schedule.apply(task, delay);
            }
        };
    }
}
