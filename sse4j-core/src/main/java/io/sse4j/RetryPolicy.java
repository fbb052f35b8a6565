package io.sse4j;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How long an {@link EventSource} waits before it reconnects, and when it gives up.
 *
 * <p>The policy sees each retryable failure in a row (network errors, an idle timeout, a clean end
 * of the stream, 5xx, 408 and 429) as a {@link Context}: how many failures in a row, the
 * reconnection time the server last set with {@code retry:} (3 s by default, §9.2.3), a
 * {@code Retry-After} the server sent, the cause and the time since the first of them. The count
 * starts again once a connection has delivered an event. Fatal answers (a status other than
 * 2xx, 5xx, 408 and 429, a wrong {@code Content-Type}) and 204 No Content never reach the policy.
 *
 * <pre>{@code
 * RetryPolicy policy = RetryPolicy.exponentialBackoff(Duration.ofSeconds(30))
 *         .withMaxAttempts(10)
 *         .withMaxElapsed(Duration.ofMinutes(5));
 * }</pre>
 *
 * <p>Implementations must be thread-safe and quick: they are called on the source's own threads.
 */
@FunctionalInterface
public interface RetryPolicy {

    /** The default cap on a delay: {@value} seconds. */
    long DEFAULT_CAP_SECONDS = 30;

    /** The default floor of a delay, which keeps a {@code retry: 0} server from a hot loop: {@value} ms. */
    long DEFAULT_FLOOR_MILLIS = 100;

    /**
     * What the policy knows of the failure it decides on.
     *
     * @param attempt          the number of failures in a row, from 1
     * @param reconnectionTime the server's {@code retry:} time, or the default 3 s
     * @param retryAfter       the delay a 503, 429 or 408 response asked for with
     *                         {@code Retry-After}, if any (a date is converted to a delay)
     * @param cause            what failed
     * @param elapsed          the time since the first failure in this row
     */
    record Context(int attempt, Duration reconnectionTime, Optional<Duration> retryAfter, Throwable cause,
            Duration elapsed) {

        /**
         * Checks the values.
         *
         * @param attempt          the number of failures in a row, from 1
         * @param reconnectionTime the server's {@code retry:} time, or the default 3 s
         * @param retryAfter       the delay the server asked for, if any
         * @param cause            what failed
         * @param elapsed          the time since the first failure in this row
         */
        public Context {
            if (attempt < 1) {
                throw new IllegalArgumentException("attempt must be at least 1, got " + attempt);
            }
            Objects.requireNonNull(reconnectionTime, "reconnectionTime");
            Objects.requireNonNull(retryAfter, "retryAfter");
            Objects.requireNonNull(cause, "cause");
            Objects.requireNonNull(elapsed, "elapsed");
        }
    }

    /**
     * The wait before the next attempt.
     *
     * @param context the failure
     * @return the delay, or empty to give up: the source then fails with the cause
     */
    Optional<Duration> delay(Context context);

    /**
     * Exponential backoff with jitter above the server's reconnection time, capped at
     * {@value #DEFAULT_CAP_SECONDS} s; see {@link #exponentialBackoff(Duration)}.
     *
     * @return the policy
     */
    static RetryPolicy exponentialBackoff() {
        return exponentialBackoff(Duration.ofSeconds(DEFAULT_CAP_SECONDS));
    }

    /**
     * Exponential backoff with jitter above the reconnection time: with {@code base} the server's
     * {@code retry:} time (at least the floor, {@value #DEFAULT_FLOOR_MILLIS} ms), the n-th wait in
     * a row is a random delay between {@code base} and {@code min(cap, base × 2^n)}: the first
     * between {@code base} and twice it. §9.2.3 asks for the reconnection time and allows waiting
     * some more; the jitter on the first wait too is what spreads thousands of clients that lost
     * the same server (a restart) over a window instead of one burst. It never waits less than the
     * server asked. A {@code Retry-After} is
     * honoured as asked, clamped to the cap. It never gives up by itself; see
     * {@link #withMaxAttempts} and {@link #withMaxElapsed}.
     *
     * @param cap the longest delay
     * @return the policy
     */
    static RetryPolicy exponentialBackoff(Duration cap) {
        Duration max = positive(cap, "cap");
        Duration floor = Duration.ofMillis(DEFAULT_FLOOR_MILLIS);
        return context -> {
            Duration delay;
            if (context.retryAfter().isPresent()) {
                delay = context.retryAfter().get();
            } else {
                long base = Math.min(Math.max(context.reconnectionTime().toNanos(), floor.toNanos()), max.toNanos());
                int shift = Math.min(context.attempt(), 62);
                long ceiling = base > (max.toNanos() >> shift) ? max.toNanos() : base << shift;
                delay = Duration.ofNanos(base + ThreadLocalRandom.current().nextLong(ceiling - base + 1));
            }
            return Optional.of(clamp(delay, floor, max));
        };
    }

    /**
     * The browser's behaviour (§9.2.3): wait the server's reconnection time each time, at least
     * the floor ({@value #DEFAULT_FLOOR_MILLIS} ms) and at most {@value #DEFAULT_CAP_SECONDS} s
     * (a cap browsers do not have), or what {@code Retry-After} asks, clamped the same way.
     *
     * @return the policy
     */
    static RetryPolicy reconnectionTime() {
        Duration floor = Duration.ofMillis(DEFAULT_FLOOR_MILLIS);
        Duration cap = Duration.ofSeconds(DEFAULT_CAP_SECONDS);
        return context -> Optional.of(clamp(context.retryAfter().orElse(context.reconnectionTime()), floor, cap));
    }

    /**
     * Never reconnects: the first failure ends the source.
     *
     * @return the policy
     */
    static RetryPolicy never() {
        return context -> Optional.empty();
    }

    /**
     * This policy, giving up after {@code attempts} failures in a row.
     *
     * @param attempts the most failures in a row to retry after, at least 1
     * @return the policy
     */
    default RetryPolicy withMaxAttempts(int attempts) {
        if (attempts < 1) {
            throw new IllegalArgumentException("attempts must be at least 1, got " + attempts);
        }
        return context -> context.attempt() > attempts ? Optional.empty() : delay(context);
    }

    /**
     * This policy, giving up once a row of failures has lasted {@code elapsed}: no retry is
     * scheduled that would start later than that.
     *
     * @param elapsed the longest time to keep trying
     * @return the policy
     */
    default RetryPolicy withMaxElapsed(Duration elapsed) {
        Duration max = positive(elapsed, "elapsed");
        return context -> delay(context).filter(delay -> context.elapsed().plus(delay).compareTo(max) <= 0);
    }

    private static Duration positive(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, got " + d);
        }
        return d;
    }

    private static Duration clamp(Duration d, Duration floor, Duration cap) {
        return d.compareTo(floor) < 0 ? floor : d.compareTo(cap) > 0 ? cap : d;
    }
}
