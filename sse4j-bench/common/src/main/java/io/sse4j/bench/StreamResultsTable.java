package io.sse4j.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * Turns the end-to-end and scale results into Markdown tables: JMH CSV files of the end-to-end
 * benchmarks ({@code E2eBenchmark}, {@code Okhttp4E2eBenchmark}, {@code ServerBaselineBenchmark},
 * {@code JdkClientBaselineBenchmark})
 * and text files holding the {@code RESULT latency …} and {@code RESULT scale …} lines of
 * {@code LatencyMain} and {@code ScaleMain}.
 *
 * <pre>java -cp benchmarks.jar io.sse4j.bench.StreamResultsTable e2e-main.csv e2e-okhttp4.csv latency.txt scale.txt</pre>
 */
public final class StreamResultsTable {

    private StreamResultsTable() {
    }

    /**
     * Prints the tables for the given files (CSV by extension, result lines otherwise).
     *
     * @param args paths of result files
     * @throws IOException if a file cannot be read
     */
    public static void main(String[] args) throws IOException {
        if (args.length == 0) {
            System.err.println("usage: StreamResultsTable FILE.csv|FILE.txt ...");
            System.exit(2);
        }
        Results results = new Results();
        for (String file : args) {
            List<String> lines = Files.readAllLines(Path.of(file), StandardCharsets.UTF_8);
            if (file.endsWith(".csv")) {
                results.readCsv(lines);
            } else {
                results.readLines(lines);
            }
        }
        System.out.print(results.format());
    }

    /** A JMH throughput score: one op is one pass over a workload. */
    record Throughput(String name, String workload, double opsPerSecond, double error) {

        double eventsPerSecond() {
            return opsPerSecond * Workloads.of(workload).events();
        }

        double megabytesPerSecond() {
            return opsPerSecond * Workloads.of(workload).bytes().length / 1e6;
        }
    }

    /** Everything read so far. */
    static final class Results {
        final Map<String, Throughput> libraries = new LinkedHashMap<>();
        /** Rates with no SSE library: what the server and the JDK client can do at most. */
        final Map<String, Throughput> baselines = new LinkedHashMap<>();
        /** Per library, one result line per round. */
        final Map<String, List<Map<String, String>>> latency = new LinkedHashMap<>();
        final List<Map<String, String>> scale = new ArrayList<>();

        void readCsv(List<String> lines) {
            for (JmhCsv.Row result : JmhCsv.read(lines)) {
                String workload = result.param("workload");
                if (workload == null || result.param("chunkSize") != null) {
                    continue; // not an end-to-end result (parser benchmarks have a chunk size)
                }
                double score = result.opsPerSecond();
                double error = result.error();
                String library = result.param("library");
                String server = result.param("server");
                String executor = result.param("executor");
                if (library != null) {
                    libraries.put(library, new Throughput(library, workload, score, error));
                } else if (server != null) {
                    String name = "`RawHttpReader` from " + server;
                    baselines.put(name, new Throughput(name, workload, score, error));
                } else if (executor != null) {
                    String name = "JDK `HttpClient`, counting only, " + executor + " executor";
                    baselines.put(name, new Throughput(name, workload, score, error));
                }
            }
        }

        void readLines(List<String> lines) {
            for (String line : lines) {
                Map<String, String> fields = parseResultLine(line);
                if (fields == null) {
                    continue;
                }
                if (fields.get("kind").equals("latency")) {
                    latency.computeIfAbsent(fields.get("library"), k -> new ArrayList<>()).add(fields);
                } else if (fields.get("kind").equals("scale")) {
                    scale.add(fields);
                }
            }
        }

        String format() {
            StringBuilder out = new StringBuilder();
            if (!libraries.isEmpty() || !latency.isEmpty()) {
                out.append("| library | events/s | MB/s | ± (99.9% CI) | latency p50 | p90 | p99 | p99.9 | max | load (1 min) at each latency round |\n");
                out.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---|\n");
                TreeSet<String> names = new TreeSet<>(Comparator
                        .comparingDouble((String n) -> libraries.containsKey(n) ? -libraries.get(n).opsPerSecond() : 0)
                        .thenComparing(Comparator.naturalOrder()));
                names.addAll(libraries.keySet());
                names.addAll(latency.keySet());
                int rounds = 0;
                for (String name : names) {
                    Throughput t = libraries.get(name);
                    List<Map<String, String>> l = latency.get(name);
                    out.append("| ").append(name).append(" | ");
                    if (t == null) {
                        out.append("n/a | n/a | n/a | ");
                    } else {
                        out.append(String.format(Locale.ROOT, "%,.0f | %,.1f | %s | ",
                                t.eventsPerSecond(), t.megabytesPerSecond(), relative(t)));
                    }
                    if (l == null) {
                        out.append("n/a | n/a | n/a | n/a | n/a | n/a |\n");
                    } else {
                        rounds = Math.max(rounds, l.size());
                        List<String> loads = new ArrayList<>();
                        for (Map<String, String> round : l) {
                            loads.add(round.get("load").split("/")[0]);
                        }
                        out.append(String.format(Locale.ROOT, "%s | %s | %s | %s | %s | %s |%n",
                                micros(median(l, "p50_us")), micros(median(l, "p90_us")), withRange(l, "p99_us"),
                                micros(median(l, "p999_us")), micros(median(l, "max_us")), String.join(", ", loads)));
                    }
                }
                Map<String, String> any = latency.isEmpty() ? null : latency.values().iterator().next().get(0);
                out.append("\nevents/s: JMH throughput of whole `llm` streams (100,000 events, 5,388,895 bytes each)"
                        + " from a local server over HTTP/1.1; MB = 10^6 bytes.");
                if (any != null) {
                    out.append(String.format(Locale.ROOT, " Latency: server write to callback, %s paced events"
                            + " per round, one every %s µs, after %s warm-up events", any.get("events"), any.get("period_us"), any.get("warmup")));
                    out.append(rounds > 1
                            ? "; each figure is the median over the rounds, and p99 also shows the lowest and highest round."
                            : ".");
                }
                out.append("\n\n");
            }
            if (!baselines.isEmpty()) {
                out.append("| baseline, no SSE library | events/s | MB/s | ± (99.9% CI) |\n");
                out.append("|---|---:|---:|---:|\n");
                for (Throughput t : baselines.values()) {
                    out.append(String.format(Locale.ROOT, "| %s | %,.0f | %,.1f | %s |%n",
                            t.name(), t.eventsPerSecond(), t.megabytesPerSecond(), relative(t)));
                }
                out.append("\n");
            }
            if (!scale.isEmpty()) {
                out.append("| library | streams | open | heap per stream | RSS per stream | live threads: before → with streams (peak) | time to open all | load (1/5/15 min) | error |\n");
                out.append("|---|---:|---:|---:|---:|---|---:|---|---|\n");
                List<Map<String, String>> rows = new ArrayList<>(scale);
                rows.sort(Comparator.comparing((Map<String, String> r) -> Integer.parseInt(r.get("streams")))
                        .thenComparing(r -> r.get("library")));
                for (Map<String, String> r : rows) {
                    out.append(String.format(Locale.ROOT, "| %s | %,d | %,d | %s KiB | %s KiB | %s → %s (%s) | %s s | %s | %s |%n",
                            r.get("library"), Integer.parseInt(r.get("streams")), Integer.parseInt(r.get("open")),
                            r.get("heap_per_stream_kib"), r.get("rss_per_stream_kib"),
                            r.get("threads_base"), r.get("threads"), r.get("threads_peak"), r.get("open_s"),
                            r.get("load"), r.get("error")));
                }
                out.append("\nHeap per stream: (used heap after full GC with the streams open − before) / open streams, client JVM with -Xmx")
                        .append(scale.get(0).get("max_heap_mib")).append("m. RSS likewise, which also counts thread stacks and native memory.\n");
            }
            return out.toString();
        }
    }

    /**
     * The fields of a {@code RESULT kind key=value ...} line, with the kind under {@code "kind"}.
     *
     * @param line any line
     * @return the fields, or {@code null} if the line is not a result line
     */
    static Map<String, String> parseResultLine(String line) {
        if (!line.startsWith("RESULT ")) {
            return null;
        }
        String[] words = line.substring("RESULT ".length()).trim().split("\\s+");
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("kind", words[0]);
        for (int i = 1; i < words.length; i++) {
            int eq = words[i].indexOf('=');
            if (eq > 0) {
                fields.put(words[i].substring(0, eq), words[i].substring(eq + 1));
            }
        }
        return fields;
    }

    private static String relative(Throughput t) {
        return Double.isFinite(t.error()) && t.opsPerSecond() > 0
                ? String.format(Locale.ROOT, "%.1f%%", 100 * t.error() / t.opsPerSecond())
                : "n/a";
    }

    /** The median of a field over rounds (the mean of the middle two for an even count). */
    static double median(List<Map<String, String>> rounds, String field) {
        double[] values = rounds.stream().mapToDouble(r -> Double.parseDouble(r.get(field))).sorted().toArray();
        int middle = values.length / 2;
        return values.length % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
    }

    /** The median of a field over rounds, followed by the lowest and highest round when there are several. */
    private static String withRange(List<Map<String, String>> rounds, String field) {
        String median = micros(median(rounds, field));
        if (rounds.size() == 1) {
            return median;
        }
        double[] values = rounds.stream().mapToDouble(r -> Double.parseDouble(r.get(field))).sorted().toArray();
        return median + " (" + micros(values[0]) + " – " + micros(values[values.length - 1]) + ")";
    }

    /** Microseconds, shown as µs below 10 ms and as ms above. */
    private static String micros(double us) {
        return us < 10_000 ? String.format(Locale.ROOT, "%,.0f µs", us) : String.format(Locale.ROOT, "%,.1f ms", us / 1e3);
    }
}
