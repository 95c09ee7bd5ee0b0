package io.contingo.health.monitor;

import io.contingo.events.HealthStatus;

/**
 * The limits of one {@link HostMetric} in a metrics monitor's {@code thresholds}. Which side of a limit is bad
 * depends on the metric: at or above it for most, at or below it for {@code uptime}, at or beyond it either
 * side of zero for {@code clockDrift}.
 *
 * @param degraded a reading this bad is DEGRADED (none when null)
 * @param down     a reading this bad is DOWN (none when null)
 * @param absent   {@code process} only: DEGRADED or DOWN when the process does not run (DOWN when unset)
 */
public record MetricThreshold(Double degraded, Double down, HealthStatus absent) {

    /** What a number reading of this metric is: DOWN at its {@code down} threshold, DEGRADED at {@code degraded}, else UP. */
    public HealthStatus statusOf(HostMetric metric, double value) {
        if (crosses(metric, value, down)) {
            return HealthStatus.DOWN;
        }
        return crosses(metric, value, degraded) ? HealthStatus.DEGRADED : HealthStatus.UP;
    }

    /** What a process not running is under these thresholds: their {@code absent}, DOWN when there are none or it is unset. */
    public static HealthStatus whenAbsent(MetricThreshold threshold) {
        return threshold == null || threshold.absent() == null ? HealthStatus.DOWN : threshold.absent();
    }

    private static boolean crosses(HostMetric metric, double value, Double limit) {
        if (limit == null) {
            return false;
        }
        return switch (metric.direction()) {
            case HIGHER_IS_WORSE -> value >= limit;
            case LOWER_IS_WORSE -> value <= limit;
            case EITHER_WAY -> Math.abs(value) >= limit;
            case ABSENT_IS_WORSE -> false;
        };
    }
}
