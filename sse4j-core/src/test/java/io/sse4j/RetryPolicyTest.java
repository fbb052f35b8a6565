package io.sse4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The named retry policies: bounds, growth, jitter, Retry-After, and giving up. */
class RetryPolicyTest {

    private static final IOException CAUSE = new IOException("reset");

    private static RetryPolicy.Context failure(int attempt, Duration reconnectionTime) {
        return new RetryPolicy.Context(attempt, reconnectionTime, Optional.empty(), CAUSE, Duration.ZERO);
    }

    @Test
    void exponentialBackoffStaysBetweenTheFloorAndTheDoublingCeilingAndTheCap() {
        RetryPolicy policy = RetryPolicy.exponentialBackoff(Duration.ofSeconds(30));
        for (int attempt = 1; attempt <= 100; attempt++) {
            Duration ceiling = Duration.ofSeconds(3).multipliedBy(1L << Math.min(attempt, 20));
            if (ceiling.compareTo(Duration.ofSeconds(30)) > 0) {
                ceiling = Duration.ofSeconds(30);
            }
            for (int i = 0; i < 50; i++) {
                Duration d = policy.delay(failure(attempt, Duration.ofSeconds(3))).orElseThrow();
                assertTrue(d.compareTo(Duration.ofMillis(100)) >= 0 && d.compareTo(ceiling) <= 0, attempt + ": " + d);
            }
        }
    }

    @Test
    void exponentialBackoffFirstWaitsBetweenTheServersTimeAndTwiceItAndNeverLess() {
        RetryPolicy policy = RetryPolicy.exponentialBackoff();
        Set<Duration> firsts = new HashSet<>();
        for (int i = 0; i < 50; i++) {
            Duration first = policy.delay(failure(1, Duration.ofMillis(2500))).orElseThrow();
            assertTrue(first.compareTo(Duration.ofMillis(2500)) >= 0 && first.compareTo(Duration.ofMillis(5000)) <= 0,
                    first::toString);
            firsts.add(first);
        }
        assertTrue(firsts.size() > 25, "the first wait is jittered too, so a restart is no burst: " + firsts);
        for (int attempt = 2; attempt < 40; attempt++) {
            assertTrue(policy.delay(failure(attempt, Duration.ofMillis(2500))).orElseThrow()
                    .compareTo(Duration.ofMillis(2500)) >= 0, "§9.2.3: wait the reconnection time, then more");
        }
    }

    @Test
    void aZeroReconnectionTimeBacksOffFromTheFloor() {
        Duration fifth = RetryPolicy.exponentialBackoff().delay(failure(5, Duration.ZERO)).orElseThrow();
        assertTrue(fifth.compareTo(Duration.ofMillis(100)) >= 0 && fifth.compareTo(Duration.ofMillis(3200)) <= 0,
                fifth.toString());
        Duration first = RetryPolicy.exponentialBackoff().delay(failure(1, Duration.ZERO)).orElseThrow();
        assertTrue(first.compareTo(Duration.ofMillis(100)) >= 0 && first.compareTo(Duration.ofMillis(200)) <= 0,
                first.toString());
    }

    @Test
    void exponentialBackoffIsJittered() {
        RetryPolicy policy = RetryPolicy.exponentialBackoff();
        Set<Duration> seen = new HashSet<>();
        for (int i = 0; i < 20; i++) {
            seen.add(policy.delay(failure(5, Duration.ofSeconds(3))).orElseThrow());
        }
        assertTrue(seen.size() > 10, "full jitter spreads clients out: " + seen);
    }

    @Test
    void aZeroReconnectionTimeStillWaitsTheFloor() {
        for (RetryPolicy policy : new RetryPolicy[] {RetryPolicy.exponentialBackoff(), RetryPolicy.reconnectionTime()}) {
            for (int attempt = 1; attempt < 70; attempt++) {
                assertTrue(policy.delay(failure(attempt, Duration.ZERO)).orElseThrow()
                        .compareTo(Duration.ofMillis(RetryPolicy.DEFAULT_FLOOR_MILLIS)) >= 0);
            }
        }
    }

    @Test
    void retryAfterIsHonouredAndClampedToTheCap() {
        RetryPolicy policy = RetryPolicy.exponentialBackoff(Duration.ofSeconds(10));
        assertEquals(Duration.ofSeconds(2), policy.delay(new RetryPolicy.Context(7, Duration.ofSeconds(3),
                Optional.of(Duration.ofSeconds(2)), CAUSE, Duration.ZERO)).orElseThrow());
        assertEquals(Duration.ofSeconds(10), policy.delay(new RetryPolicy.Context(1, Duration.ofSeconds(3),
                Optional.of(Duration.ofHours(1)), CAUSE, Duration.ZERO)).orElseThrow());
        assertEquals(Duration.ofSeconds(30), RetryPolicy.reconnectionTime().delay(new RetryPolicy.Context(1,
                Duration.ofSeconds(3), Optional.of(Duration.ofDays(1)), CAUSE, Duration.ZERO)).orElseThrow());
    }

    @Test
    void reconnectionTimeIsTheBrowsersFixedWait() {
        assertEquals(Duration.ofMillis(1500), RetryPolicy.reconnectionTime().delay(failure(9, Duration.ofMillis(1500)))
                .orElseThrow());
    }

    @Test
    void maxAttemptsAndMaxElapsedGiveUp() {
        RetryPolicy three = RetryPolicy.reconnectionTime().withMaxAttempts(3);
        assertTrue(three.delay(failure(3, Duration.ofSeconds(1))).isPresent());
        assertEquals(Optional.empty(), three.delay(failure(4, Duration.ofSeconds(1))));
        RetryPolicy minute = RetryPolicy.reconnectionTime().withMaxElapsed(Duration.ofMinutes(1));
        assertTrue(minute.delay(new RetryPolicy.Context(5, Duration.ofSeconds(3), Optional.empty(), CAUSE,
                Duration.ofSeconds(57))).isPresent());
        assertEquals(Optional.empty(), minute.delay(new RetryPolicy.Context(5, Duration.ofSeconds(3), Optional.empty(),
                CAUSE, Duration.ofSeconds(58))), "the retry would start after the minute");
        assertEquals(Optional.empty(), RetryPolicy.never().delay(failure(1, Duration.ofSeconds(3))));
    }

    @Test
    void badSettingsAreRefusedByName() {
        assertEquals("cap must be positive, got PT0S", assertThrows(IllegalArgumentException.class,
                () -> RetryPolicy.exponentialBackoff(Duration.ZERO)).getMessage());
        assertEquals("attempts must be at least 1, got 0", assertThrows(IllegalArgumentException.class,
                () -> RetryPolicy.never().withMaxAttempts(0)).getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> new RetryPolicy.Context(0, Duration.ZERO, Optional.empty(), CAUSE, Duration.ZERO));
    }
}
