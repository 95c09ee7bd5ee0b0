package io.contingo.health.push;

import java.time.Instant;
import java.util.Map;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

import io.contingo.health.monitor.HostMetric;

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
}
