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
}
