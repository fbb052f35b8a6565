package io.sse4j.bench;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads JMH's CSV results ({@code -rf csv}): one row per benchmark and parameter combination,
 * cells found by the column names of the header line. Both results tables read their scores
 * through this class.
 */
final class JmhCsv {

    private JmhCsv() {
    }

    /**
     * One result row.
     *
     * @param columns the column index of each header name
     * @param cells   the row's cells, unquoted
     */
    record Row(Map<String, Integer> columns, List<String> cells) {

        /** The cell in the named column, or {@code null} if there is no such column or it is empty here. */
        String cell(String column) {
            Integer i = columns.get(column);
            return i == null || i >= cells.size() || cells.get(i).isEmpty() ? null : cells.get(i);
        }

        /** The value of a benchmark parameter ({@code Param: name}), or {@code null} if this benchmark has none. */
        String param(String name) {
            return cell("Param: " + name);
        }

        /** The score in operations per second, whatever unit JMH wrote it in. */
        double opsPerSecond() {
            return Double.parseDouble(cell("Score")) * perSecond(cell("Unit"));
        }

        /** The half-width of JMH's 99.9% confidence interval, in operations per second. */
        double error() {
            return Double.parseDouble(cell("Score Error (99.9%)")) * perSecond(cell("Unit"));
        }
    }

    /**
     * The rows of one JMH CSV file; blank lines are skipped.
     *
     * @param lines the file's lines, the header first
     * @return the rows, in file order; none for an empty file
     */
    static List<Row> read(List<String> lines) {
        List<Row> rows = new ArrayList<>();
        if (lines.isEmpty()) {
            return rows;
        }
        List<String> header = splitCsv(lines.get(0));
        Map<String, Integer> columns = new HashMap<>();
        for (int i = 0; i < header.size(); i++) {
            columns.put(header.get(i), i);
        }
        for (String line : lines.subList(1, lines.size())) {
            if (!line.isBlank()) {
                rows.add(new Row(columns, splitCsv(line)));
            }
        }
        return rows;
    }

    private static double perSecond(String unit) {
        return switch (unit) {
            case "ops/s" -> 1;
            case "ops/ms" -> 1e3;
            case "ops/us" -> 1e6;
            case "ops/ns" -> 1e9;
            case "ops/min" -> 1.0 / 60;
            default -> throw new IllegalArgumentException("not a throughput unit: " + unit + " (run with -bm thrpt)");
        };
    }

    /** Splits one CSV line; fields may be quoted, with {@code ""} for a quote inside. */
    static List<String> splitCsv(String line) {
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cell.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                cells.add(cell.toString());
                cell.setLength(0);
            } else {
                cell.append(c);
            }
        }
        cells.add(cell.toString());
        return cells;
    }
}
