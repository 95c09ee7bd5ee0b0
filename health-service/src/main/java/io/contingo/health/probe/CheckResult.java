package io.contingo.health.probe;

import java.time.Duration;
import java.util.Map;

import io.contingo.events.HealthStatus;

/**
 * What one check of any type found, before it becomes a health event.
 *
 * @param latencyMs  how long the check took, or {@code null} when it got no answer
 * @param detail     what was seen, in words an operator understands
 * @param attributes readings worth keeping (status code, address, answers)
 */
record CheckResult(HealthStatus status, Long latencyMs, String detail, Map<String, String> attributes) {

    CheckResult {
        attributes = Map.copyOf(attributes);
    }

    static CheckResult up(long latencyMs, String detail, Map<String, String> attributes) {
        return new CheckResult(HealthStatus.UP, latencyMs, detail, attributes);
    }

    static CheckResult down(Long latencyMs, String detail, Map<String, String> attributes) {
        return new CheckResult(HealthStatus.DOWN, latencyMs, detail, attributes);
    }

    /** An UP result slower than the monitor's latency budget is DEGRADED; anything else stays as it is. */
    CheckResult within(Duration budget) {
        if (status != HealthStatus.UP || budget == null || latencyMs == null || latencyMs <= budget.toMillis()) {
            return this;
        }
        return new CheckResult(HealthStatus.DEGRADED, latencyMs, detail + ", over the " + budget.toMillis() + " ms budget", attributes);
    }
}
