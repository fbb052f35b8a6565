package io.sse4j.bench.storm;

import io.sse4j.EventSource;
import io.sse4j.EventSourceListener;
import io.sse4j.EventStream;
import io.sse4j.ServerSentEvent;
import io.sse4j.bench.Machine;
import io.sse4j.bench.server.StormControl;
import io.sse4j.bench.server.StormServer;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAccumulator;

/**
 * The reconnect storm (#14): many {@link EventSource}s on one shared {@link HttpClient} with a
 * small fixed executor, and one server that restarts under them.
 *
 * <ol>
 *   <li>Warm-up: the client and its pool (all threads started), one source opened and closed,
 *       the shared {@code sse4j-scheduler} thread started. Baseline: used heap after full GC, the
 *       live threads and their names.</li>
 *   <li>Builds {@code streams} sources, source K on {@code /s/K}, at most {@code maxPending}
 *       still opening at once, each with the default {@link io.sse4j.RetryPolicy} and a
 *       {@link Tracker} as listener, and waits until every one is open.</li>
 *   <li>Publishes {@code eventsBefore} events to every stream and waits until each source has
 *       them. Idle: heap per idle source = (used heap after full GC − baseline) / streams; live
 *       threads.</li>
 *   <li>Restarts the server: every connection reset, nothing listening for {@code outage}, while
 *       {@code eventsWhileDown} more are published. Waits until every source has reconnected and
 *       caught up on those (recovery), then publishes {@code eventsAfter} more live and waits for
 *       them.</li>
 *   <li>Heap and threads again; the server's record of the reconnects: peak requests in any
 *       100 ms window, first and last, and whether each sent its stream's {@code Last-Event-ID}.</li>
 * </ol>
 *
 * <p>Every wait has a deadline ({@code timeout} each). The {@link Result} lists every failed check:
 * an event lost, repeated or of another stream, a source that failed or did not resume from its
 * own last event ID, the thread count changing.
 */
public final class ReconnectStorm {

    /** The threads of the JVM itself that come and go with the JIT; not counted as changes. */
    private static final List<String> JVM_THREAD_PREFIXES = List.of("C1 CompilerThread", "C2 CompilerThread",
            "Sweeper thread", "Attach Listener");

    private ReconnectStorm() {
    }

    /**
     * What to run.
     *
     * @param streams         sources, and streams at the server
     * @param threads         the client's fixed executor
     * @param retryMillis     the server's {@code retry:}: the base of the backoff
     * @param outage          how long the server listens on nothing
     * @param eventsBefore    events per stream before the restart
     * @param eventsWhileDown events per stream published during the outage
     * @param eventsAfter     events per stream published once all have recovered
     * @param maxPending      sources still opening at once, at the start
     * @param timeout         bounds each phase
     */
    public record Settings(int streams, int threads, int retryMillis, Duration outage, int eventsBefore,
            int eventsWhileDown, int eventsAfter, int maxPending, Duration timeout) {

        /**
         * The defaults: 10,000 streams, 2 threads, {@code retry: 1000}, a 500 ms outage, 3 events
         * each before, during and after, 200 pending, 120 s per phase.
         *
         * @return the defaults
         */
        public static Settings defaults() {
            return new Settings(10_000, 2, 1_000, Duration.ofMillis(500), 3, 3, 3, 200, Duration.ofSeconds(120));
        }

        int events() {
            return eventsBefore + eventsWhileDown + eventsAfter;
        }
    }

    /**
     * What a run measured, and the checks it failed.
     *
     * @param settings          what ran
     * @param failures          every failed check; empty if all passed
     * @param stats             the server's record, after the last events
     * @param delivered         events delivered over all sources
     * @param lost              events missing (a gap in a source's sequence)
     * @param repeated          events delivered again
     * @param sourcesFailed     sources that ended with {@code onError}
     * @param opens             {@code onOpen} calls over all sources
     * @param retries           {@code onRetrying} calls over all sources
     * @param retriesByAttempt  {@code onRetrying} calls by the attempt they report
     * @param firstDelayMinMs   the shortest delay of a first retry after the restart
     * @param firstDelayMaxMs   the longest
     * @param recoveryMs        from the restart command until every source had every event published while down
     * @param noticedMs         from the restart command until the first and the last source heard of the reset
     *                          ({@code onRetrying}, attempt 1)
     * @param reopenedMs        from the restart command until the first and the last source opened again
     * @param heapBase          used heap after the warm-up, bytes
     * @param heapIdle          used heap with the sources idle before the restart
     * @param heapAfter         used heap with the sources idle after the storm
     * @param threadsBase       live threads after the warm-up
     * @param threadsIdle       live threads with the sources idle before the restart
     * @param threadsAfter      live threads after the storm
     * @param threadsPeak       the most live threads since the baseline
     * @param newThreads        threads alive after the storm that were not at the baseline, by name
     * @param openSeconds       time to open every source
     */
    public record Result(Settings settings, List<String> failures, StormServer.Stats stats, long delivered, long lost,
            long repeated, int sourcesFailed, long opens, long retries, Map<Integer, Integer> retriesByAttempt,
            double firstDelayMinMs, double firstDelayMaxMs, double recoveryMs, double[] noticedMs,
            double[] reopenedMs, long heapBase, long heapIdle,
            long heapAfter, int threadsBase, int threadsIdle, int threadsAfter, int threadsPeak, List<String> newThreads,
            double openSeconds) {

        /**
         * Heap per idle source before the restart.
         *
         * @return KiB
         */
        public double heapPerSourceKib() {
            return (heapIdle - heapBase) / 1024.0 / settings.streams();
        }

        /**
         * Heap per idle source after the storm.
         *
         * @return KiB
         */
        public double heapPerSourceAfterKib() {
            return (heapAfter - heapBase) / 1024.0 / settings.streams();
        }

        /**
         * The peak of reconnects in a 100 ms window as a share of all sources.
         *
         * @return the share, 0 to 1
         */
        public double peakShare() {
            return (double) stats.peak() / settings.streams();
        }

        /**
         * The target's limit on the peak: twice the share of a uniform spread over the backoff
         * window of a first retry that was refused, {@code retry} to {@code 2 × retry}.
         *
         * @return the most reconnects in 100 ms that meet the target
         */
        public int peakLimit() {
            return (int) Math.ceil(2.0 * settings.streams() * StormServer.WINDOW_MILLIS / settings.retryMillis());
        }

        /**
         * The one-line record of the run.
         *
         * @param load the load average at the start
         * @return the line, starting {@code RESULT storm}
         */
        public String toLine(String load) {
            return String.format(Locale.ROOT, "RESULT storm streams=%d threads=%d retry_ms=%d outage_ms=%d events=%d"
                    + " delivered=%d lost=%d repeated=%d failed=%d reconnects=%d resumed_right=%d resumed_elsewhere=%d"
                    + " fresh=%d peak_100ms=%d peak_share=%.3f peak_limit=%d peak_at_ms=%.0f first_ms=%.0f last_ms=%.0f"
                    + " spread_ms=%.0f recovery_ms=%.0f noticed_ms=%.0f..%.0f reopened_ms=%.0f..%.0f retries=%d retries_by_attempt=%s first_delay_ms=%.0f..%.0f"
                    + " heap_per_idle_source_kib=%.2f heap_per_source_after_kib=%.2f threads_base=%d threads_idle=%d"
                    + " threads_after=%d threads_peak=%d new_threads=%s open_s=%.1f load=%s load_end=%s checks=%s",
                    settings.streams(), settings.threads(), settings.retryMillis(), settings.outage().toMillis(),
                    settings.events(), delivered, lost, repeated, sourcesFailed, stats.reconnects(),
                    stats.resumedRight(), stats.resumedElsewhere(), stats.fresh(), stats.peak(), peakShare(),
                    peakLimit(), stats.peakAtMs(), stats.firstMs(), stats.lastMs(), stats.lastMs() - stats.firstMs(),
                    recoveryMs, noticedMs[0], noticedMs[1], reopenedMs[0], reopenedMs[1], retries, retriesByAttempt.toString().replace(" ", ""), firstDelayMinMs,
                    firstDelayMaxMs, heapPerSourceKib(), heapPerSourceAfterKib(), threadsBase, threadsIdle,
                    threadsAfter, threadsPeak, newThreads.isEmpty() ? "none" : String.join(",", newThreads).replace(' ', '_'),
                    openSeconds, load, Machine.loadAverage(),
                    failures.isEmpty() ? "ok" : "FAILED");
        }
    }

    /** What every source reports into; counts only. */
    private static final class Shared {
        final Settings settings;
        final Semaphore pending;
        final CountDownLatch opened;
        final CountDownLatch reachedBefore;
        final CountDownLatch reachedWhileDown;
        final CountDownLatch reachedAll;
        final AtomicLong delivered = new AtomicLong();
        final AtomicLong lost = new AtomicLong();
        final AtomicLong repeated = new AtomicLong();
        final AtomicLong foreign = new AtomicLong();
        final AtomicLong opens = new AtomicLong();
        final AtomicLong retries = new AtomicLong();
        final AtomicInteger failed = new AtomicInteger();
        final AtomicInteger closed = new AtomicInteger();
        final Map<Integer, AtomicInteger> retriesByAttempt = new java.util.concurrent.ConcurrentHashMap<>();
        final LongAccumulator firstDelayMin = new LongAccumulator(Math::min, Long.MAX_VALUE);
        final LongAccumulator firstDelayMax = new LongAccumulator(Math::max, Long.MIN_VALUE);
        final AtomicReference<String> firstProblem = new AtomicReference<>();
        final LongAccumulator noticedFirst = new LongAccumulator(Math::min, Long.MAX_VALUE);
        final LongAccumulator noticedLast = new LongAccumulator(Math::max, Long.MIN_VALUE);
        final LongAccumulator reopenedFirst = new LongAccumulator(Math::min, Long.MAX_VALUE);
        final LongAccumulator reopenedLast = new LongAccumulator(Math::max, Long.MIN_VALUE);
        volatile boolean restarted;

        Shared(Settings settings) {
            this.settings = settings;
            this.pending = new Semaphore(settings.maxPending());
            this.opened = new CountDownLatch(settings.streams());
            this.reachedBefore = new CountDownLatch(settings.streams());
            this.reachedWhileDown = new CountDownLatch(settings.streams());
            this.reachedAll = new CountDownLatch(settings.streams());
        }

        void problem(String what) {
            firstProblem.compareAndSet(null, what);
        }
    }

    /**
     * One source's listener: checks that its events are its stream's, in order, each once.
     * Callbacks are sequential (the listener contract), so its own fields need no lock.
     */
    static final class Tracker implements EventSourceListener {
        private final Shared shared;
        private final int stream;
        private final String prefix;
        private int last;
        private int opens;

        Tracker(Shared shared, int stream) {
            this.shared = shared;
            this.stream = stream;
            this.prefix = stream + ":";
        }

        @Override
        public void onOpen(HttpResponse.ResponseInfo response) {
            shared.opens.incrementAndGet();
            if (++opens == 1) {
                shared.pending.release();
                shared.opened.countDown();
            } else if (shared.restarted) {
                long now = System.nanoTime();
                shared.reopenedFirst.accumulate(now);
                shared.reopenedLast.accumulate(now);
            }
        }

        @Override
        public void onEvent(ServerSentEvent event) {
            String id = event.lastEventId();
            if (!id.startsWith(prefix) || !event.data().equals(id)) {
                shared.foreign.incrementAndGet();
                shared.problem("source " + stream + " got id '" + id + "' data '" + event.data() + "'");
                return;
            }
            int n = Integer.parseInt(id.substring(prefix.length()));
            if (n <= last) {
                shared.repeated.incrementAndGet();
                shared.problem("source " + stream + " got event " + n + " again after " + last);
                return;
            }
            if (n > last + 1) {
                shared.lost.addAndGet(n - last - 1);
                shared.problem("source " + stream + " got event " + n + " after " + last);
            }
            shared.delivered.incrementAndGet();
            reached(n, shared.settings.eventsBefore(), shared.reachedBefore);
            reached(n, shared.settings.eventsBefore() + shared.settings.eventsWhileDown(), shared.reachedWhileDown);
            reached(n, shared.settings.events(), shared.reachedAll);
            last = n;
        }

        /** Counts down once, when the sequence passes {@code target}, even across a gap. */
        private void reached(int n, int target, CountDownLatch latch) {
            if (last < target && n >= target) {
                latch.countDown();
            }
        }

        @Override
        public void onRetrying(Throwable cause, Duration delay, int attempt) {
            shared.retries.incrementAndGet();
            if (shared.restarted) {
                shared.retriesByAttempt.computeIfAbsent(Math.min(attempt, 4), a -> new AtomicInteger()).incrementAndGet();
                if (attempt == 1) {
                    long now = System.nanoTime();
                    shared.noticedFirst.accumulate(now);
                    shared.noticedLast.accumulate(now);
                    shared.firstDelayMin.accumulate(delay.toMillis());
                    shared.firstDelayMax.accumulate(delay.toMillis());
                }
            }
        }

        @Override
        public void onClosed() {
            shared.closed.incrementAndGet();
        }

        @Override
        public void onError(Throwable error) {
            shared.failed.incrementAndGet();
            shared.problem("source " + stream + " failed: " + error);
            if (opens == 0) {
                shared.pending.release();
            }
        }
    }

    /**
     * Runs the storm against {@code server}, which must have nothing published yet.
     *
     * @param settings what to run
     * @param server   the server, in this process or another
     * @return what was measured, and the failed checks
     * @throws Exception if the server cannot be driven
     */
    public static Result run(Settings settings, StormControl server) throws Exception {
        List<String> failures = new ArrayList<>();
        ThreadPoolExecutor pool = new ThreadPoolExecutor(settings.threads(), settings.threads(), 0, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), new java.util.concurrent.ThreadFactory() {
                    private final AtomicInteger count = new AtomicInteger();

                    @Override
                    public Thread newThread(Runnable task) {
                        Thread thread = new Thread(task, "storm-client-" + count.incrementAndGet());
                        thread.setDaemon(true);
                        return thread;
                    }
                });
        pool.prestartAllCoreThreads();
        HttpClient client = EventStream.newClientBuilder().executor(pool).build();
        List<EventSource> sources = new ArrayList<>(settings.streams());
        try {
            warmUp(client, server, settings);
            long heapBase = Machine.usedHeapAfterGc();
            Map<String, Integer> threadsAtBase = threadNames();
            int threadsBase = Machine.liveThreads();
            ManagementFactory.getThreadMXBean().resetPeakThreadCount();

            Shared shared = new Shared(settings);
            long start = System.nanoTime();
            long deadline = start + settings.timeout().toNanos();
            for (int k = 0; k < settings.streams(); k++) {
                if (!shared.pending.tryAcquire(left(deadline), TimeUnit.NANOSECONDS)) {
                    throw new TimeoutException("opening: " + k + " sources started, " + (k - shared.opened.getCount())
                            + " open after " + settings.timeout().toSeconds() + " s; " + shared.firstProblem.get());
                }
                HttpRequest request = HttpRequest.newBuilder(uri(server, k)).build();
                EventSource source = EventSource.newBuilder(client, request).build();
                sources.add(source);
                source.listen(new Tracker(shared, k));
            }
            await(shared.opened, deadline, "every source open", shared);
            double openSeconds = (System.nanoTime() - start) / 1e9;
            server.awaitStreams(settings.streams(), settings.timeout());

            server.publish(settings.eventsBefore());
            await(shared.reachedBefore, System.nanoTime() + settings.timeout().toNanos(),
                    "every source has the " + settings.eventsBefore() + " events before the restart", shared);
            long heapIdle = Machine.usedHeapAfterGc();
            int threadsIdle = Machine.liveThreads();

            shared.restarted = true;
            long restartAt = System.nanoTime();
            server.restart(settings.outage(), settings.eventsWhileDown());
            await(shared.reachedWhileDown, restartAt + settings.timeout().toNanos(),
                    "every source reconnected and caught up on the events published while the server was down", shared);
            double recoveryMs = (System.nanoTime() - restartAt) / 1e6;
            server.awaitStreams(settings.streams(), settings.timeout());
            server.publish(settings.eventsAfter());
            await(shared.reachedAll, System.nanoTime() + settings.timeout().toNanos(),
                    "every source has all " + settings.events() + " events", shared);
            StormServer.Stats stats = server.stats();
            long heapAfter = Machine.usedHeapAfterGc();
            int threadsAfter = Machine.liveThreads();
            int threadsPeak = ManagementFactory.getThreadMXBean().getPeakThreadCount();
            List<String> newThreads = changedThreads(threadsAtBase, threadNames());

            long expected = (long) settings.streams() * settings.events();
            if (shared.delivered.get() != expected) {
                failures.add("delivered " + shared.delivered.get() + " events, expected " + expected);
            }
            check(failures, shared.lost.get(), "events lost");
            check(failures, shared.repeated.get(), "events repeated");
            check(failures, shared.foreign.get(), "events of another stream or with wrong data");
            check(failures, shared.failed.get(), "sources failed");
            check(failures, stats.fresh(), "reconnects without Last-Event-ID");
            check(failures, stats.resumedElsewhere(), "reconnects with another event's Last-Event-ID");
            check(failures, stats.notFound(), "requests answered 404");
            if (stats.resumedRight() < settings.streams()) {
                failures.add("only " + stats.resumedRight() + " of " + settings.streams()
                        + " sources resumed with their own last event ID");
            }
            if (!newThreads.isEmpty()) {
                failures.add("threads changed: " + threadsBase + " at the baseline, " + threadsIdle + " idle, "
                        + threadsAfter + " after the storm; new or gone: " + newThreads);
            }
            if (shared.firstProblem.get() != null) {
                failures.add("first problem: " + shared.firstProblem.get());
            }
            Map<Integer, Integer> byAttempt = new TreeMap<>();
            shared.retriesByAttempt.forEach((attempt, count) -> byAttempt.put(attempt, count.get()));
            return new Result(settings, List.copyOf(failures), stats, shared.delivered.get(), shared.lost.get(),
                    shared.repeated.get(), shared.failed.get(), shared.opens.get(), shared.retries.get(), byAttempt,
                    shared.firstDelayMin.get() == Long.MAX_VALUE ? 0 : shared.firstDelayMin.get(),
                    shared.firstDelayMax.get() == Long.MIN_VALUE ? 0 : shared.firstDelayMax.get(), recoveryMs,
                    since(restartAt, shared.noticedFirst, shared.noticedLast),
                    since(restartAt, shared.reopenedFirst, shared.reopenedLast),
                    heapBase, heapIdle, heapAfter, threadsBase, threadsIdle, threadsAfter, threadsPeak, newThreads,
                    openSeconds);
        } finally {
            for (EventSource source : sources) {
                source.close();
            }
            pool.shutdownNow();
        }
    }

    /** Starts what is started once per client: the pool's threads, the client's selector, sse4j's scheduler. */
    private static void warmUp(HttpClient client, StormControl server, Settings settings) throws Exception {
        CountDownLatch open = new CountDownLatch(1);
        try (EventSource source = EventSource.newBuilder(client, HttpRequest.newBuilder(uri(server, 0)).build()).build()) {
            source.listen(new EventSourceListener() {
                @Override
                public void onOpen(HttpResponse.ResponseInfo response) {
                    open.countDown();
                }

                @Override
                public void onEvent(ServerSentEvent event) {
                }
            });
            if (!open.await(settings.timeout().toNanos(), TimeUnit.NANOSECONDS)) {
                throw new TimeoutException("the warm-up source did not open within " + settings.timeout().toSeconds() + " s: " + source);
            }
        }
        // The shared scheduler's one thread starts with its first task: start it now, not in the storm.
        CountDownLatch scheduled = new CountDownLatch(1);
        EventSource.Scheduler.system().schedule(scheduled::countDown, Duration.ZERO);
        if (!scheduled.await(10, TimeUnit.SECONDS)) {
            throw new TimeoutException("sse4j's scheduler did not run a task within 10 s");
        }
        server.awaitStreams(0, settings.timeout());
    }

    /** First and last of two accumulated {@code nanoTime}s, in ms since {@code start}; zeros if none. */
    private static double[] since(long start, LongAccumulator first, LongAccumulator last) {
        if (first.get() == Long.MAX_VALUE) {
            return new double[] {0, 0};
        }
        return new double[] {(first.get() - start) / 1e6, (last.get() - start) / 1e6};
    }

    private static URI uri(StormControl server, int stream) {
        return URI.create("http://127.0.0.1:" + server.port() + "/s/" + stream);
    }

    private static long left(long deadline) {
        return Math.max(0, deadline - System.nanoTime());
    }

    private static void await(CountDownLatch latch, long deadline, String what, Shared shared) throws Exception {
        if (!latch.await(left(deadline), TimeUnit.NANOSECONDS)) {
            throw new TimeoutException("waiting for " + what + ": " + latch.getCount() + " of "
                    + shared.settings.streams() + " sources still missing at the deadline ("
                    + shared.settings.timeout().toSeconds() + " s); " + shared.failed.get() + " failed; first problem: "
                    + shared.firstProblem.get());
        }
    }

    private static void check(List<String> failures, long count, String what) {
        if (count != 0) {
            failures.add(count + " " + what);
        }
    }

    /** Live threads by name, counted; the JIT's compiler threads, which come and go with its load, left out. */
    private static Map<String, Integer> threadNames() {
        Map<String, Integer> names = new TreeMap<>();
        for (ThreadInfo info : ManagementFactory.getThreadMXBean().dumpAllThreads(false, false)) {
            String name = info.getThreadName();
            if (JVM_THREAD_PREFIXES.stream().noneMatch(name::startsWith)) {
                names.merge(name, 1, Integer::sum);
            }
        }
        return names;
    }

    private static List<String> changedThreads(Map<String, Integer> before, Map<String, Integer> after) {
        List<String> changed = new ArrayList<>();
        after.forEach((name, count) -> {
            int was = before.getOrDefault(name, 0);
            if (count != was) {
                changed.add("+" + (count - was) + " " + name);
            }
        });
        before.forEach((name, count) -> {
            if (!after.containsKey(name)) {
                changed.add("-" + count + " " + name);
            }
        });
        return changed;
    }
}
