package io.contingo.health.push;

import java.time.Instant;
import java.util.Map;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

import io.contingo.events.HealthStatus;
import io.contingo.health.monitor.HostMetric;
import io.contingo.health.monitor.MetricThreshold;

/**
 * The latest readings a metrics monitor's agent pushed, kept in {@code metrics_samples} (one document per
 * monitor, replaced at each push) so that a restart does not forget them.
 *
 * @param receivedAt  when the push arrived; null before the first one
 * @param values      the number readings, by {@link HostMetric} name ({@code disk}, {@code clockDrift}, …)
 * @param process     whether the watched process runs; null when the agent watches none
 * @param processName the name the agent looked for, as it said it (plain text)
 */
@Document("metrics_samples")
public record MetricsSample(@Id String monitorId, Instant receivedAt, Map<String, Double> values, Boolean process,
        String processName) {

    public MetricsSample {
        values = values == null ? Map.of() : Map.copyOf(values);
    }

    public static MetricsSample none(String monitorId) {
        return new MetricsSample(monitorId, null, Map.of(), null, null);
    }

    /** Whether the latest push carried this metric. */
    public boolean has(HostMetric metric) {
        return metric == HostMetric.PROCESS ? process != null : values.containsKey(metric.key());
    }

    /**
     * What these readings make of one metric under its thresholds (the one place a metric is judged, for the check
     * and the pages alike): a number reading as {@link MetricThreshold#statusOf}, a process not running as
     * {@link MetricThreshold#whenAbsent} (judged with or without thresholds), a metric with thresholds that this
     * push left out DEGRADED; null for a metric that is not judged.
     */
    public HealthStatus statusOf(HostMetric metric, MetricThreshold threshold) {
        if (metric == HostMetric.PROCESS && process != null) {
            return process ? HealthStatus.UP : MetricThreshold.whenAbsent(threshold);
        }
        if (threshold == null) {
            return null;
        }
        return has(metric) ? threshold.statusOf(metric, values.get(metric.key())) : HealthStatus.DEGRADED;
    }
}
