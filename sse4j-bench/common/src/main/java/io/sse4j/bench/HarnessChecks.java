package io.sse4j.bench;

import io.sse4j.bench.e2e.LatencyRecorder;
import io.sse4j.bench.server.IdleServer;
import io.sse4j.bench.server.StreamServer;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Checks, shared by the tests of every benchmark jar, that a harness does the work it is measured
 * for: every event of a stream, in order, exactly once; every scale stream really open, and really
 * closed. They throw {@link AssertionError}, so they need no test framework.
 */
public final class HarnessChecks {

    /** Bounds every check. */
    public static final Duration TIMEOUT = Duration.ofSeconds(60);

    private HarnessChecks() {
    }

    /**
     * Streams a whole workload from {@code server} through {@code harness}, twice on the one
     * client, and checks the count and digest of the events both times.
     *
     * @param harness  the harness
     * @param server   a running server
     * @param workload the workload's name
     * @throws Exception whatever the harness throws
     */
    public static void deliversWorkload(StreamHarness harness, StreamServer server, String workload) throws Exception {
        Workload expected = Workloads.of(workload);
        for (int run = 1; run <= 2; run++) {
            EventDigest actual = new EventDigest();
            int returned = harness.stream(server.workloadUri(workload, 1), actual, TIMEOUT);
            expected.verify(actual, returned, "stream " + run + " of " + workload);
        }
    }

    /**
     * Streams a short paced stream through {@code harness} into a {@link LatencyRecorder}, which
     * checks that every event arrives once and in order, and that each latency is positive.
     *
     * @param harness the harness
     * @param server  a running server
     * @throws Exception whatever the harness throws
     */
    public static void deliversPacedEvents(StreamHarness harness, StreamServer server) throws Exception {
        int warmup = 10;
        int events = 200;
        LatencyRecorder recorder = new LatencyRecorder(warmup, events);
        int returned = harness.stream(server.pacedUri(warmup + events, 100), recorder, TIMEOUT);
        if (returned != warmup + events) {
            throw new AssertionError("expected " + (warmup + events) + " paced events, harness returned " + returned);
        }
        long[] latencies = recorder.sortedLatencies();
        if (latencies[0] <= 0) {
            throw new AssertionError("a latency is not positive: " + latencies[0] + " ns");
        }
    }

    /**
     * Opens {@code streams} streams through {@code harness}, checks that each is reported open and
     * that the server holds exactly that many answered connections, then closes them and checks
     * that the server sees every one closed, with no stream failing in between.
     *
     * @param harness the harness
     * @param server  a running idle server with no connections yet
     * @param streams how many streams
     * @throws Exception whatever the harness throws
     */
    public static void opensAndClosesStreams(ScaleHarness harness, IdleServer server, int streams) throws Exception {
        URI uri = server.uri();
        CountDownLatch opened = new CountDownLatch(streams);
        AtomicInteger openCalls = new AtomicInteger();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        List<AutoCloseable> handles = new ArrayList<>();
        for (int i = 0; i < streams; i++) {
            handles.add(harness.open(uri, new ScaleHarness.Callbacks() {
                @Override
                public void opened() {
                    openCalls.incrementAndGet();
                    opened.countDown();
                }

                @Override
                public void failed(Throwable error) {
                    failure.compareAndSet(null, error);
                }
            }));
        }
        if (!opened.await(TIMEOUT.toNanos(), TimeUnit.NANOSECONDS)) {
            throw new AssertionError(opened.getCount() + " of " + streams + " streams not open; first failure: " + failure.get());
        }
        server.awaitStreams(streams, TIMEOUT);
        if (failure.get() != null) {
            throw new AssertionError("a stream failed while open", failure.get());
        }
        for (AutoCloseable handle : handles) {
            handle.close();
        }
        try {
            server.awaitClientCloses(streams, TIMEOUT);
        } catch (TimeoutException e) {
            throw new AssertionError("closing the handles did not close the connections: " + server, e);
        }
        if (openCalls.get() != streams) {
            throw new AssertionError("expected " + streams + " opened() calls, got " + openCalls.get());
        }
        if (failure.get() != null) {
            throw new AssertionError("a stream reported a failure when closed by the caller", failure.get());
        }
    }
}
