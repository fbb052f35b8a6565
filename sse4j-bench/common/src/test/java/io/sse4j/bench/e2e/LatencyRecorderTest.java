package io.sse4j.bench.e2e;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class LatencyRecorderTest {

    @Test
    void recordsTheTimeSinceTheStampOfEveryEventAfterTheWarmup() {
        LatencyRecorder recorder = new LatencyRecorder(1, 2);
        long now = System.nanoTime();
        recorder.event("message", "1 " + now, "");
        recorder.event("message", "2 " + (now - 5_000_000_000L), "");
        recorder.event("message", "3 " + (now - 1_000_000_000L), "");
        long[] sorted = recorder.sortedLatencies();
        assertEquals(2, sorted.length);
        // Measured after the stamps, so at least the stamps' age.
        assertEquals(1, Long.compare(sorted[0], 1_000_000_000L - 1));
        assertEquals(1, Long.compare(sorted[1], 5_000_000_000L - 1));
    }

    @Test
    void eventsOutOfOrderFailTheRun() {
        LatencyRecorder recorder = new LatencyRecorder(0, 3);
        recorder.event("message", "1 0", "");
        assertThrows(IllegalStateException.class, () -> recorder.event("message", "3 0", ""));
    }

    @Test
    void missingEventsFailTheRun() {
        LatencyRecorder recorder = new LatencyRecorder(0, 3);
        recorder.event("message", "1 0", "");
        assertThrows(IllegalStateException.class, recorder::sortedLatencies);
    }

    @Test
    void extraEventsFailTheRun() {
        LatencyRecorder recorder = new LatencyRecorder(0, 1);
        recorder.event("message", "1 0", "");
        assertThrows(IllegalStateException.class, () -> recorder.event("message", "2 0", ""));
    }

    @Test
    void percentileIsTheNearestRank() {
        long[] sorted = {10, 20, 30, 40, 50, 60, 70, 80, 90, 100};
        assertEquals(50, LatencyRecorder.percentile(sorted, 0.50));
        assertEquals(90, LatencyRecorder.percentile(sorted, 0.90));
        assertEquals(100, LatencyRecorder.percentile(sorted, 0.99));
        assertEquals(10, LatencyRecorder.percentile(sorted, 0.01));
        assertArrayEquals(new long[] {7}, new long[] {LatencyRecorder.percentile(new long[] {7}, 0.999)});
    }
}
