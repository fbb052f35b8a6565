package io.sse4j.bench.e2e;

import io.sse4j.bench.EventSink;
import java.util.Arrays;

/**
 * Records, for each event of a paced stream ({@code data: SEQ NANOS}, see
 * {@link io.sse4j.bench.server.StreamServer}), the time from the server's write to this callback:
 * {@code System.nanoTime()} here minus NANOS. Server and client share a JVM, so the two clocks are
 * the same clock.
 *
 * <p>The first {@code warmup} events are checked but not recorded. Events must arrive in order,
 * each exactly once; anything else fails the run. Calls must be sequential (each library's
 * contract), not concurrent.
 */
public final class LatencyRecorder implements EventSink {

    private final int warmup;
    private final long[] latencies;
    private int seen;

    /**
     * A recorder for a stream of {@code warmup + measured} events.
     *
     * @param warmup   events to check but not record
     * @param measured events to record
     */
    public LatencyRecorder(int warmup, int measured) {
        this.warmup = warmup;
        this.latencies = new long[measured];
    }

    @Override
    public void event(String type, String data, String id) {
        long now = System.nanoTime();
        int space = data.indexOf(' ');
        if (space < 0) {
            throw new IllegalStateException("not a paced event: " + data);
        }
        long seq = Long.parseLong(data, 0, space, 10);
        long sent = Long.parseLong(data, space + 1, data.length(), 10);
        if (seq != seen + 1) {
            throw new IllegalStateException("expected event " + (seen + 1) + ", got " + seq);
        }
        if (seen >= warmup + latencies.length) {
            throw new IllegalStateException("more events than the " + (warmup + latencies.length) + " expected");
        }
        if (seen >= warmup) {
            latencies[seen - warmup] = now - sent;
        }
        seen++;
    }

    /**
     * Events seen so far, warm-up included.
     *
     * @return the count
     */
    public int seen() {
        return seen;
    }

    /**
     * The recorded latencies, sorted.
     *
     * @return nanoseconds, one per measured event
     * @throws IllegalStateException if not every event has arrived
     */
    public long[] sortedLatencies() {
        if (seen != warmup + latencies.length) {
            throw new IllegalStateException("expected " + (warmup + latencies.length) + " events, got " + seen);
        }
        long[] sorted = latencies.clone();
        Arrays.sort(sorted);
        return sorted;
    }

    /**
     * The nearest-rank percentile of sorted values.
     *
     * @param sorted   values in ascending order, at least one
     * @param fraction between 0 (exclusive) and 1 (inclusive), e.g. 0.99
     * @return the smallest value that at least {@code fraction} of the values do not exceed
     */
    public static long percentile(long[] sorted, double fraction) {
        int rank = (int) Math.ceil(fraction * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length, rank) - 1)];
    }
}
