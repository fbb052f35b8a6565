package io.sse4j.bench.e2e;

import io.sse4j.bench.ClientLibraries;
import io.sse4j.bench.EventSink;
import io.sse4j.bench.Machine;
import io.sse4j.bench.StreamHarness;
import io.sse4j.bench.Workload;
import io.sse4j.bench.Workloads;
import io.sse4j.bench.server.StreamServer;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Delivery latency of one client library: the time from the server's write of an event to the
 * library's callback, on a paced stream over loopback HTTP, with server and client in this JVM.
 *
 * <pre>java -cp benchmarks.jar io.sse4j.bench.e2e.LatencyMain --library sse4j-blocking [--events 30000] [--warmup 5000] [--period-us 1000] [--jit-passes 3]</pre>
 *
 * <p>{@code --list} prints the libraries on the classpath.
 *
 * <ol>
 *   <li>JIT warm-up: {@code --jit-passes} streams of the {@code llm} workload at full speed (each
 *       checked for its event count), so the library's code is compiled before anything is timed.</li>
 *   <li>One paced stream of {@code warmup + events} events, one every {@code period-us}; the
 *       first {@code warmup} are not recorded.</li>
 *   <li>One line: {@code RESULT latency library=… p50_us=… p99_us=… …}, with the load average.</li>
 * </ol>
 *
 * <p>Why not JMH's SampleTime mode: JMH times a method call on the benchmark thread, but here the
 * interval starts on the server's thread (the write) and ends on whichever thread the library calls
 * back on. So the server stamps each event and the callback subtracts; every event is one sample,
 * kept in an array, so nothing is allocated per sample and no histogram bucketing rounds it. The
 * server keeps a fixed schedule, so a client that falls behind sees its events queue up and their
 * latencies grow: slowness is not hidden by the server waiting for the client.
 */
public final class LatencyMain {

    private LatencyMain() {
    }

    /**
     * Runs the measurement and prints the result line.
     *
     * @param args see the class comment
     * @throws Exception if the library fails or misses events
     */
    public static void main(String[] args) throws Exception {
        String library = null;
        int events = 30_000;
        int warmup = 5_000;
        long periodMicros = 1_000;
        int jitPasses = 3;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--library" -> library = args[++i];
                case "--list" -> {
                    ClientLibraries.allStreaming().keySet().forEach(System.out::println);
                    return;
                }
                case "--events" -> events = Integer.parseInt(args[++i]);
                case "--warmup" -> warmup = Integer.parseInt(args[++i]);
                case "--period-us" -> periodMicros = Long.parseLong(args[++i]);
                case "--jit-passes" -> jitPasses = Integer.parseInt(args[++i]);
                default -> usage("unknown option " + args[i]);
            }
        }
        Map<String, Supplier<StreamHarness>> libraries = ClientLibraries.allStreaming();
        if (library == null || !libraries.containsKey(library)) {
            usage("--library must be one of " + libraries.keySet());
        }
        String loadAtStart = Machine.loadAverage();
        long[] sorted;
        try (StreamServer server = StreamServer.start(); StreamHarness harness = libraries.get(library).get()) {
            Workload llm = Workloads.of(Workloads.LLM);
            EventSink discard = (type, data, id) -> {
            };
            for (int i = 0; i < jitPasses; i++) {
                llm.expectEvents(harness.stream(server.workloadUri(Workloads.LLM, 1), discard, Duration.ofSeconds(60)));
            }
            LatencyRecorder recorder = new LatencyRecorder(warmup, events);
            Duration bound = Duration.ofNanos((warmup + (long) events) * periodMicros * 1_000).plusSeconds(60);
            int delivered = harness.stream(server.pacedUri(warmup + events, periodMicros), recorder, bound);
            if (delivered != warmup + events) {
                throw new IllegalStateException(library + ": expected " + (warmup + events) + " events, got " + delivered);
            }
            sorted = recorder.sortedLatencies();
        }
        double sum = 0;
        for (long latency : sorted) {
            sum += latency;
        }
        System.out.println(String.format(Locale.ROOT,
                "RESULT latency library=%s events=%d warmup=%d period_us=%d"
                        + " p50_us=%.1f p90_us=%.1f p99_us=%.1f p999_us=%.1f max_us=%.1f mean_us=%.1f load=%s load_end=%s",
                library, events, warmup, periodMicros,
                micros(LatencyRecorder.percentile(sorted, 0.50)), micros(LatencyRecorder.percentile(sorted, 0.90)),
                micros(LatencyRecorder.percentile(sorted, 0.99)), micros(LatencyRecorder.percentile(sorted, 0.999)),
                micros(sorted[sorted.length - 1]), sum / sorted.length / 1e3, loadAtStart, Machine.loadAverage()));
        // A library's idle non-daemon threads (OkHttp's, for a minute) must not keep the JVM alive.
        System.exit(0);
    }

    private static double micros(long nanos) {
        return nanos / 1e3;
    }

    private static void usage(String problem) {
        System.err.println("LatencyMain: " + problem);
        System.err.println("usage: LatencyMain --list | --library NAME [--events N] [--warmup N] [--period-us N] [--jit-passes N]");
        System.exit(2);
    }
}
