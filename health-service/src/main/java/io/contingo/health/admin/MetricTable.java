package io.contingo.health.admin;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.contingo.events.HealthStatus;
import io.contingo.health.monitor.HostMetric;
import io.contingo.health.monitor.MetricThreshold;
import io.contingo.health.push.MetricsSample;

/**
 * A metrics monitor's metrics as its page's table and the form's list show them: each metric's thresholds with
 * the side that is bad, its latest reading and what the check makes of it ({@link MetricsSample#statusOf}).
 */
final class MetricTable {

    /**
     * One metric of a metrics monitor, as its page's table shows it: its thresholds with the side that is bad
     * ({@code ≥ 80 %}, {@code ≤ 600 s}, {@code outside ±0.5 s}, {@code not running}; null where none), and the
     * latest reading (null when the latest push had none) and what the check makes of it ({@code up},
     * {@code degraded}, {@code down}; null for a reading that is not judged).
     */
    record MetricRow(String metric, String key, String worse, String degraded, String down, String reading, String status) {

        public boolean judged() {
            return degraded != null || down != null;
        }
    }

    /** One metric as the form's list of them shows it: the name to write, its unit and which readings are bad. */
    record MetricHelp(String key, String reading, String worse) {

        static MetricHelp of(HostMetric metric) {
            String reading = switch (metric.unit()) {
                case PERCENT -> "percent";
                case SECONDS -> "seconds";
                case NONE -> metric.isNumber() ? "a number" : "running or not";
            };
            String worse = switch (metric.direction()) {
                case HIGHER_IS_WORSE -> "at or above the threshold";
                case LOWER_IS_WORSE -> "at or below the threshold";
                case EITHER_WAY -> "at or beyond the threshold, either side of zero";
                case ABSENT_IS_WORSE -> "not running: absent=degraded or absent=down";
            };
            return new MetricHelp(metric.key(), reading, worse);
        }
    }

    private MetricTable() {
    }

    /** Every metric, for the form's list of the names to write. */
    static List<MetricHelp> help() {
        return Arrays.stream(HostMetric.values()).map(MetricHelp::of).toList();
    }

    /** The metrics with thresholds or a reading, in the order of {@link HostMetric}. */
    static List<MetricRow> rows(Map<String, MetricThreshold> thresholds, MetricsSample sample) {
        List<MetricRow> rows = new ArrayList<>();
        for (HostMetric metric : HostMetric.values()) {
            MetricThreshold threshold = thresholds.get(metric.key());
            if (threshold == null && !sample.has(metric)) {
                continue;
            }
            String degraded = null;
            String down = null;
            String worse = "worse " + metric.direction().worse();
            if (metric == HostMetric.PROCESS) {
                HealthStatus absent = MetricThreshold.whenAbsent(threshold);
                worse = "bad when not running";
                if (threshold != null) {
                    degraded = absent == HealthStatus.DEGRADED ? "not running" : null;
                    down = absent == HealthStatus.DOWN ? "not running" : null;
                }
            } else if (threshold != null) {
                degraded = limit(metric, threshold.degraded());
                down = limit(metric, threshold.down());
            }
            HealthStatus status = sample.statusOf(metric, threshold);
            rows.add(new MetricRow(metric.label(), metric.key(), worse, degraded, down, reading(metric, sample),
                    status == null ? null : status.name().toLowerCase(Locale.ROOT)));
        }
        return rows;
    }

    /** {@code ≥ 80 %}, {@code ≤ 600 s}, {@code outside ±0.5 s}; null for none. */
    private static String limit(HostMetric metric, Double value) {
        return value == null ? null : metric.limit(value);
    }

    /** {@code 42 %}, {@code 3 d 4 h} for uptime, {@code postgres running}; null when the latest push had none. */
    private static String reading(HostMetric metric, MetricsSample sample) {
        if (!sample.has(metric)) {
            return null;
        }
        if (metric == HostMetric.PROCESS) {
            return (sample.processName() == null ? "" : sample.processName() + " ") + (sample.process() ? "running" : "not running");
        }
        return metric.reading(sample.values().get(metric.key()));
    }
}
