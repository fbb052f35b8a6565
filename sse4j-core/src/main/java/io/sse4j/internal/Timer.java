package io.sse4j.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Future;

/** Time for a reconnecting source: now, and running a short task later. Tests drive a virtual one. */
public interface Timer {

    Instant now();

    /** Runs {@code task} once after {@code delay}; must not block. */
    Future<?> schedule(Runnable task, Duration delay);
}
