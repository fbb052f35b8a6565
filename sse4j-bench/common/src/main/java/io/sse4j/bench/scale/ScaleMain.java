package io.sse4j.bench.scale;

import io.sse4j.bench.ClientLibraries;
import io.sse4j.bench.Machine;
import io.sse4j.bench.ScaleHarness;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * The cost of many concurrent idle event streams in one client library: heap and threads.
 *
 * <pre>java -Xmx1g -cp benchmarks.jar io.sse4j.bench.scale.ScaleMain --library sse4j-listener --streams 10000 --url http://127.0.0.1:PORT/idle</pre>
 *
 * <p>{@code --list} prints the libraries on the classpath. The server is an
 * {@link io.sse4j.bench.server.IdleServer} in another process. The run:
 * <ol>
 *   <li>makes the library's client, opens one stream, waits for it and closes it, so that classes
 *       are loaded and one-time state exists before the baseline (retried once if it fails);</li>
 *   <li>baseline: used heap after a full GC, live threads, resident set size;</li>
 *   <li>opens {@code --streams} streams through the one client, at most {@code --max-pending}
 *       still opening at any time (so that no library is flooded with connects), and waits until
 *       every one is open or failed, at most {@code --open-timeout-s};</li>
 *   <li>waits {@code --settle-ms} so that the comment each stream got is read by every library,
 *       including those that report only the opening, not comments;</li>
 *   <li>measures again: heap per stream is (used heap after GC − baseline) / open streams, and the
 *       same for the resident set, which also counts thread stacks and native buffers;</li>
 *   <li>closes every stream (from a few threads, at most two minutes) and the client, and prints
 *       one {@code RESULT scale …} line.</li>
 * </ol>
 * Everything is bounded in time; the process exits by itself.
 */
public final class ScaleMain {

    /** Threads that close the streams at the end. */
    private static final int CLOSING_THREADS = 8;
    /** Bounds the closing of all streams. */
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(120);

    private ScaleMain() {
    }

    /** One stream's progress: pending, then open or failed, at most once each way. */
    private static final class Stream implements ScaleHarness.Callbacks {
        private static final int PENDING = 0;
        private static final int OPEN = 1;
        private static final int FAILED = 2;

        private final Counters counters;
        private final AtomicInteger state = new AtomicInteger(PENDING);

        Stream(Counters counters) {
            this.counters = counters;
        }

        @Override
        public void opened() {
            if (state.compareAndSet(PENDING, OPEN)) {
                counters.opened.incrementAndGet();
                counters.pending.release();
                counters.settled.countDown();
            }
        }

        @Override
        public void failed(Throwable error) {
            if (state.compareAndSet(PENDING, FAILED)) {
                counters.failed.incrementAndGet();
                counters.firstError.compareAndSet(null, error);
                counters.pending.release();
                counters.settled.countDown();
            } else if (state.compareAndSet(OPEN, FAILED)) {
                counters.lost.incrementAndGet();
                counters.firstError.compareAndSet(null, error);
            }
        }
    }

    private static final class Counters {
        final Semaphore pending;
        final CountDownLatch settled;
        final AtomicInteger opened = new AtomicInteger();
        final AtomicInteger failed = new AtomicInteger();
        final AtomicInteger lost = new AtomicInteger();
        final AtomicReference<Throwable> firstError = new AtomicReference<>();

        Counters(int streams, int maxPending) {
            this.pending = new Semaphore(maxPending);
            this.settled = new CountDownLatch(streams);
        }
    }

    /**
     * Runs the measurement and prints the result line.
     *
     * @param args see the class comment
     * @throws Exception if the warm-up stream cannot be opened
     */
    public static void main(String[] args) throws Exception {
        String library = null;
        int streams = 1_000;
        URI uri = null;
        Duration openTimeout = Duration.ofSeconds(120);
        Duration settle = Duration.ofSeconds(2);
        int maxPending = 200;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--library" -> library = args[++i];
                case "--list" -> {
                    ClientLibraries.allScale().keySet().forEach(System.out::println);
                    return;
                }
                case "--streams" -> streams = Integer.parseInt(args[++i]);
                case "--url" -> uri = URI.create(args[++i]);
                case "--open-timeout-s" -> openTimeout = Duration.ofSeconds(Long.parseLong(args[++i]));
                case "--settle-ms" -> settle = Duration.ofMillis(Long.parseLong(args[++i]));
                case "--max-pending" -> maxPending = Integer.parseInt(args[++i]);
                default -> usage("unknown option " + args[i]);
            }
        }
        Map<String, Supplier<ScaleHarness>> libraries = ClientLibraries.allScale();
        if (library == null || !libraries.containsKey(library)) {
            usage("--library must be one of " + libraries.keySet());
        }
        if (uri == null) {
            usage("--url is required");
        }
        String loadAtStart = Machine.loadAverage();
        ScaleHarness harness = libraries.get(library).get();

        warmUp(harness, uri, library);

        long heapBase = Machine.usedHeapAfterGc();
        long rssBase = Machine.residentBytes();
        int threadsBase = Machine.liveThreads();
        ManagementFactory.getThreadMXBean().resetPeakThreadCount();

        Counters counters = new Counters(streams, maxPending);
        List<AutoCloseable> handles = new ArrayList<>(streams);
        String error = "";
        long start = System.nanoTime();
        long deadline = start + openTimeout.toNanos();
        try {
            for (int i = 0; i < streams; i++) {
                if (!counters.pending.tryAcquire(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                    error = "open timeout after " + i + " started";
                    break;
                }
                Stream stream = new Stream(counters);
                try {
                    handles.add(harness.open(uri, stream));
                } catch (Exception e) {
                    stream.failed(e);
                }
            }
            if (!counters.settled.await(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS) && error.isEmpty()) {
                error = "open timeout";
            }
        } catch (OutOfMemoryError e) {
            error = "OutOfMemoryError";
        }
        double openSeconds = (System.nanoTime() - start) / 1e9;
        Thread.sleep(settle.toMillis());

        long heap = Machine.usedHeapAfterGc();
        long rss = Machine.residentBytes();
        int threads = Machine.liveThreads();
        int threadsPeak = ManagementFactory.getThreadMXBean().getPeakThreadCount();
        int open = counters.opened.get() - counters.lost.get();

        boolean closedInTime = closeAll(handles, CLOSE_TIMEOUT);
        harness.close();

        Throwable firstError = counters.firstError.get();
        if (error.isEmpty() && firstError != null) {
            error = firstError.toString();
        }
        if (error.isEmpty() && !closedInTime) {
            error = "streams still closing after " + CLOSE_TIMEOUT.toSeconds() + " s";
        }
        System.out.println(String.format(Locale.ROOT,
                "RESULT scale library=%s streams=%d open=%d failed=%d lost=%d open_s=%.1f"
                        + " heap_base_mib=%.1f heap_mib=%.1f heap_per_stream_kib=%.2f rss_per_stream_kib=%.1f"
                        + " threads_base=%d threads=%d threads_peak=%d max_heap_mib=%d load=%s load_end=%s error=%s",
                library, streams, open, counters.failed.get(), counters.lost.get(), openSeconds,
                heapBase / 1048576.0, heap / 1048576.0, open == 0 ? 0.0 : (heap - heapBase) / 1024.0 / open,
                open == 0 || rss < 0 ? 0.0 : (rss - rssBase) / 1024.0 / open,
                threadsBase, threads, threadsPeak, Runtime.getRuntime().maxMemory() / 1048576,
                loadAtStart, Machine.loadAverage(), error.isEmpty() ? "none" : error.replaceAll("\\s+", "_")));
        // Whatever a library left running (threads it does not stop on close) must not keep the JVM alive.
        System.exit(0);
    }

    /**
     * Opens one stream and closes it again. A failure is retried once after a second (the warm-up
     * is not measured, and once a connect to a fresh server was refused for no reason the logs
     * could show); the second failure ends the run with the whole cause chain.
     */
    private static void warmUp(ScaleHarness harness, URI uri, String library) throws Exception {
        for (int attempt = 1; ; attempt++) {
            Counters warm = new Counters(1, 1);
            AutoCloseable warmStream = harness.open(uri, new Stream(warm));
            boolean settled = warm.settled.await(30, TimeUnit.SECONDS);
            warmStream.close();
            if (settled && warm.opened.get() == 1) {
                return;
            }
            Throwable error = warm.firstError.get();
            IllegalStateException failure = new IllegalStateException(library + ": the warm-up stream to " + uri
                    + " did not open (attempt " + attempt + ")" + (settled ? "" : " within 30 s"), error);
            if (attempt == 2) {
                throw failure;
            }
            failure.printStackTrace();
            Thread.sleep(1_000);
        }
    }

    /**
     * Closes the streams from a few threads, since some libraries take a while per stream
     * (LaunchDarkly's {@code BackgroundEventSource.close()} waits for its two executors).
     */
    private static boolean closeAll(List<AutoCloseable> handles, Duration timeout) throws InterruptedException {
        ExecutorService closers = Executors.newFixedThreadPool(CLOSING_THREADS);
        for (AutoCloseable handle : handles) {
            closers.execute(() -> {
                try {
                    handle.close();
                } catch (Exception e) {
                    // Closing the rest matters more.
                }
            });
        }
        closers.shutdown();
        return closers.awaitTermination(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    private static void usage(String problem) {
        System.err.println("ScaleMain: " + problem);
        System.err.println("usage: ScaleMain --list | --library NAME --streams N --url URL [--open-timeout-s S] [--settle-ms MS] [--max-pending N]");
        System.exit(2);
    }
}
