package io.contingo.benchmarks;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/** Rows of figures printed as a fixed-width table: text left-aligned, numbers right-aligned. */
final class Table {

    private final String title;
    private final List<String> headers;
    private final List<List<String>> rows = new ArrayList<>();

    Table(String title, String... headers) {
        this.title = title;
        this.headers = List.of(headers);
    }

    Table row(Object... cells) {
        List<String> row = new ArrayList<>();
        for (Object cell : cells) {
            row.add(String.valueOf(cell));
        }
        rows.add(row);
        return this;
    }

    /** A row of latencies in milliseconds, for the headers n, p50, p90, p99, max and mean. */
    Table latencies(String label, List<Double> millis) {
        Distribution d = Distribution.of(millis);
        return row(label, d.count(), millis(d.p50()), millis(d.p90()), millis(d.p99()), millis(d.max()), millis(d.mean()));
    }

    void print(PrintStream out) {
        int[] widths = new int[headers.size()];
        for (int i = 0; i < widths.length; i++) {
            widths[i] = headers.get(i).length();
            for (List<String> row : rows) {
                widths[i] = Math.max(widths[i], i < row.size() ? row.get(i).length() : 0);
            }
        }
        out.println();
        out.println(title);
        out.println(line(headers, widths, false));
        StringBuilder rule = new StringBuilder();
        for (int i = 0; i < widths.length; i++) {
            rule.append(i == 0 ? "" : "  ").append("-".repeat(widths[i]));
        }
        out.println(rule);
        for (List<String> row : rows) {
            out.println(line(row, widths, true));
        }
    }

    private static String line(List<String> cells, int[] widths, boolean alignNumbers) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < widths.length; i++) {
            String cell = i < cells.size() ? cells.get(i) : "";
            boolean right = alignNumbers && i > 0 && cell.matches("[-+]?[\\d,.]+\\s*[%a-zµ/x]*");
            String format = "%" + (right ? "" : "-") + widths[i] + "s";
            line.append(i == 0 ? "" : "  ").append(String.format(format, cell));
        }
        return line.toString().stripTrailing();
    }

    static String count(long n) {
        return String.format("%,d", n);
    }

    static String rate(double perSecond) {
        return String.format("%,.0f", perSecond);
    }

    static String millis(double ms) {
        if (Double.isNaN(ms)) {
            return "-";
        }
        return ms < 1 ? String.format("%.2f ms", ms) : String.format("%.1f ms", ms);
    }

    static String percent(double share) {
        return String.format("%.1f %%", share);
    }
}
