package io.contingo.benchmarks;

import java.util.Arrays;
import java.util.List;

/** Percentiles (nearest rank) of a series of latencies in milliseconds. */
record Distribution(int count, double p50, double p90, double p99, double max, double mean) {

    static Distribution of(List<Double> millis) {
        if (millis.isEmpty()) {
            return new Distribution(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }
        double[] sorted = millis.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return new Distribution(sorted.length, rank(sorted, 50), rank(sorted, 90), rank(sorted, 99),
                sorted[sorted.length - 1], Arrays.stream(sorted).average().orElse(Double.NaN));
    }

    private static double rank(double[] sorted, double percentile) {
        int index = (int) Math.ceil(percentile / 100 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }
}
