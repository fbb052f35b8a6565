package io.sse4j.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Turns JMH CSV results ({@code -rf csv}) of the parser benchmarks into a Markdown table of MB/s
 * and events/s.
 *
 * <p>One benchmark operation is one full pass over a workload, so throughput in ops/s times the
 * workload's size in bytes (or events) is MB/s (or events/s). MB means 10<sup>6</sup> bytes.
 *
 * <pre>java -cp benchmarks.jar io.sse4j.bench.ResultsTable results.csv [more.csv ...]</pre>
 */
public final class ResultsTable {

    private ResultsTable() {
    }

    /**
     * Prints the table for the given CSV files to standard output.
     *
     * @param args paths of JMH CSV result files
     * @throws IOException if a file cannot be read
     */
    public static void main(String[] args) throws IOException {
        if (args.length == 0) {
            System.err.println("usage: ResultsTable RESULTS.csv [MORE.csv ...]");
            System.exit(2);
        }
        List<Row> rows = new ArrayList<>();
        for (String file : args) {
            rows.addAll(read(Files.readAllLines(Path.of(file), StandardCharsets.UTF_8)));
        }
        System.out.print(format(rows));
    }

    /** One measured benchmark: a library parsing a workload in chunks of a size. */
    record Row(String library, String workload, int chunkSize, double opsPerSecond, double error) {

        double megabytesPerSecond() {
            return opsPerSecond * Workloads.of(workload).bytes().length / 1e6;
        }

        double eventsPerSecond() {
            return opsPerSecond * Workloads.of(workload).events();
        }
    }

    /** Reads the rows of one JMH CSV file; rows without a workload parameter are not parser benchmarks and are skipped. */
    static List<Row> read(List<String> lines) {
        List<Row> rows = new ArrayList<>();
        for (JmhCsv.Row result : JmhCsv.read(lines)) {
            String workload = result.param("workload");
            if (workload == null) {
                continue;
            }
            String library = result.param("library");
            if (library == null) {
                library = result.cell("Benchmark");
            }
            rows.add(new Row(library, workload, Integer.parseInt(result.param("chunkSize")),
                    result.opsPerSecond(), result.error()));
        }
        return rows;
    }

    /** The workload legend and the table, sorted by workload, then chunk size (large first), then MB/s (fast first). */
    static String format(List<Row> rows) {
        StringBuilder out = new StringBuilder();
        List<String> order = Workloads.names();
        List<Row> sorted = new ArrayList<>(rows);
        sorted.sort(Comparator.comparingInt((Row r) -> order.indexOf(r.workload()))
                .thenComparing(Comparator.comparingInt(Row::chunkSize).reversed())
                .thenComparing(Comparator.comparingDouble(Row::opsPerSecond).reversed()));

        out.append("| workload | bytes per pass | events per pass | description |\n");
        out.append("|---|---:|---:|---|\n");
        for (String name : order) {
            if (sorted.stream().anyMatch(r -> r.workload().equals(name))) {
                Workload w = Workloads.of(name);
                out.append(String.format(Locale.ROOT, "| %s | %,d | %,d | %s |%n",
                        name, w.bytes().length, w.events(), w.description()));
            }
        }
        out.append('\n');
        out.append("| workload | chunk | library | MB/s | events/s | ± (99.9% CI) |\n");
        out.append("|---|---:|---|---:|---:|---:|\n");
        for (Row r : sorted) {
            String error = Double.isFinite(r.error()) && r.opsPerSecond() > 0
                    ? String.format(Locale.ROOT, "%.1f%%", 100 * r.error() / r.opsPerSecond())
                    : "n/a";
            out.append(String.format(Locale.ROOT, "| %s | %d | %s | %,.1f | %,.0f | %s |%n",
                    r.workload(), r.chunkSize(), r.library(), r.megabytesPerSecond(), r.eventsPerSecond(), error));
        }
        out.append("\nMB = 10^6 bytes. One op = one pass over the workload; ± is the half-width of JMH's 99.9% confidence interval, relative to the score.\n");
        return out.toString();
    }
}
