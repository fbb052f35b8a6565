package io.sse4j.bench.storm;

import io.sse4j.bench.Machine;
import io.sse4j.bench.server.StormServerProcess;
import java.time.Duration;

/**
 * Runs the {@linkplain ReconnectStorm reconnect storm} against a {@link io.sse4j.bench.server.StormServer}
 * in a process of its own, and prints one {@code RESULT storm …} line, the reconnects per 100 ms
 * since the restart ({@code BINS …}), and any failed check ({@code FAILED …}).
 *
 * <pre>java -Xmx1g -cp benchmarks.jar io.sse4j.bench.storm.StormMain --streams 10000</pre>
 *
 * <p>Options, with their defaults: {@code --streams 10000}, {@code --threads 2} (the client's
 * fixed executor), {@code --retry-ms 1000} (the server's {@code retry:}), {@code --outage-ms 500},
 * {@code --events 3} (per stream before, during and after the outage, each),
 * {@code --max-pending 200}, {@code --timeout-s 120} (per phase).
 *
 * <p>Exit status: 0 when every check passed, 1 when one failed or a phase timed out (the message
 * says which), 2 for a bad option. The targets of #14 on heap and spread are reported
 * ({@code TARGET …} lines), not enforced: they are measurements, not correctness.
 */
public final class StormMain {

    private StormMain() {
    }

    /**
     * Runs the storm.
     *
     * @param args see the class comment
     */
    public static void main(String[] args) {
        ReconnectStorm.Settings d = ReconnectStorm.Settings.defaults();
        int streams = d.streams();
        int threads = d.threads();
        int retryMillis = d.retryMillis();
        long outageMillis = d.outage().toMillis();
        int events = d.eventsBefore();
        int maxPending = d.maxPending();
        long timeoutSeconds = d.timeout().toSeconds();
        try {
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--streams" -> streams = Integer.parseInt(args[++i]);
                    case "--threads" -> threads = Integer.parseInt(args[++i]);
                    case "--retry-ms" -> retryMillis = Integer.parseInt(args[++i]);
                    case "--outage-ms" -> outageMillis = Long.parseLong(args[++i]);
                    case "--events" -> events = Integer.parseInt(args[++i]);
                    case "--max-pending" -> maxPending = Integer.parseInt(args[++i]);
                    case "--timeout-s" -> timeoutSeconds = Long.parseLong(args[++i]);
                    default -> usage("unknown option " + args[i]);
                }
            }
        } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
            usage("bad option value: " + e.getMessage());
        }
        if (streams < 1 || threads < 1 || retryMillis < 1 || outageMillis < 0 || events < 1 || maxPending < 1
                || timeoutSeconds < 1) {
            usage("every number must be positive (the outage may be 0)");
        }
        ReconnectStorm.Settings settings = new ReconnectStorm.Settings(streams, threads, retryMillis,
                Duration.ofMillis(outageMillis), events, events, events, maxPending, Duration.ofSeconds(timeoutSeconds));
        String load = Machine.loadAverage();
        int status;
        try (StormServerProcess server = StormServerProcess.start(streams, retryMillis, "512m", 5 * timeoutSeconds + 60)) {
            System.out.println("storm: server " + server + "; " + settings);
            ReconnectStorm.Result result = ReconnectStorm.run(settings, server);
            System.out.println(result.toLine(load));
            StringBuilder bins = new StringBuilder("BINS reconnects per 100 ms since the reset:");
            for (int bin : result.stats().bins()) {
                bins.append(' ').append(bin);
            }
            System.out.println(bins);
            System.out.println("server " + result.stats().toLine());
            System.out.printf(java.util.Locale.ROOT, "TARGET heap per idle source <= 32 KiB: %s (%.2f KiB)%n",
                    result.heapPerSourceKib() <= 32 ? "met" : "MISSED", result.heapPerSourceKib());
            System.out.printf(java.util.Locale.ROOT,
                    "TARGET reconnects spread, peak per 100 ms <= %d (twice a uniform spread over %d..%d ms): %s (%d)%n",
                    result.peakLimit(), retryMillis, 2 * retryMillis,
                    result.stats().peak() <= result.peakLimit() ? "met" : "MISSED", result.stats().peak());
            System.out.printf("TARGET threads fixed: %s (%d at the baseline, %d idle, %d after; new: %s)%n",
                    result.newThreads().isEmpty() ? "met" : "MISSED", result.threadsBase(), result.threadsIdle(),
                    result.threadsAfter(), result.newThreads().isEmpty() ? "none" : result.newThreads());
            System.out.printf("TARGET no event lost or repeated: %s (lost %d, repeated %d)%n",
                    result.lost() == 0 && result.repeated() == 0 ? "met" : "MISSED", result.lost(), result.repeated());
            for (String failure : result.failures()) {
                System.out.println("FAILED " + failure);
            }
            status = result.failures().isEmpty() ? 0 : 1;
        } catch (Exception e) {
            System.out.println("FAILED storm: " + e);
            e.printStackTrace();
            status = 1;
        }
        System.out.flush();
        // Sources are closed; nothing must keep the JVM from ending with the status.
        System.exit(status);
    }

    private static void usage(String problem) {
        System.err.println("StormMain: " + problem);
        System.err.println("usage: StormMain [--streams N] [--threads N] [--retry-ms MS] [--outage-ms MS] [--events N]"
                + " [--max-pending N] [--timeout-s S]");
        System.exit(2);
    }
}
