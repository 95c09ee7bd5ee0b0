package io.contingo.health.probe;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import io.contingo.events.HealthStatus;
import io.contingo.health.monitor.HostMetric;
import io.contingo.health.monitor.MetricThreshold;
import io.contingo.health.monitor.MetricsMonitor;
import io.contingo.health.push.MetricsSample;
import io.contingo.starter.text.ReadableDuration;

/**
 * Judges a metrics monitor from the latest readings its host's agent pushed; no connection is made.
 * <ul>
 * <li>DOWN when no readings arrived within period + grace, as for a push monitor.</li>
 * <li>Otherwise each metric with thresholds is judged (which way is bad: {@link HostMetric.Direction}); a
 * process reported as not running is DOWN, or DEGRADED when its threshold says {@code absent: degraded}; a
 * metric with thresholds that the latest push left out is DEGRADED. The worst of these is the status, and the
 * detail names each, the worst first: {@code disk 97 % ≥ 95 % (down); readings 20 s ago}.</li>
 * <li>UP lists the readings: {@code Within thresholds, readings 20 s ago: disk 42 %, load 0.52, …}.</li>
 * </ul>
 * Every result carries the readings as attributes, under their metric names ({@code disk}, {@code clockDrift},
 * {@code process}, {@code processName}), and {@code lastPushAt}.
 */
final class MetricsCheck {

    /** One metric that is not as it should be. */
    private record Finding(HealthStatus status, String text) {
    }

    private MetricsCheck() {
    }

    static CheckResult judge(MetricsMonitor monitor, MetricsSample sample, Instant startedAt, Instant now) {
        Map<String, String> attributes = attributes(sample);
        CheckResult late = PushCheck.overdue(monitor, sample.receivedAt(), "readings", startedAt, now, attributes);
        if (late != null) {
            return late;
        }
        String ago = "readings " + ReadableDuration.of(Duration.between(sample.receivedAt(), now)) + " ago";
        List<Finding> findings = new ArrayList<>();
        for (HostMetric metric : HostMetric.values()) {
            Finding finding = judged(metric, monitor.thresholds().get(metric.key()), sample);
            if (finding != null) {
                findings.add(finding);
            }
        }
        if (findings.isEmpty()) {
            return PushCheck.up("Within thresholds, " + ago + ": " + listed(sample), attributes);
        }
        findings.sort(Comparator.comparing(Finding::status).reversed()); // stable: metrics of one status stay in order
        return new CheckResult(findings.getFirst().status(), null,
                findings.stream().map(Finding::text).collect(Collectors.joining("; ")) + "; " + ago, attributes);
    }

    /** What is wrong with one metric, or null when nothing is (or it is not judged). */
    private static Finding judged(HostMetric metric, MetricThreshold threshold, MetricsSample sample) {
        HealthStatus status = sample.statusOf(metric, threshold);
        if (status == null || status == HealthStatus.UP) {
            return null;
        }
        if (!sample.has(metric)) {
            return missing(metric);
        }
        if (metric == HostMetric.PROCESS) {
            return new Finding(status, process(sample) + " not running (" + lowerCase(status) + ")");
        }
        double value = sample.values().get(metric.key());
        return crossed(metric, value, status == HealthStatus.DOWN ? threshold.down() : threshold.degraded(), status);
    }

    /** {@code disk 97 % ≥ 95 % (down)}, {@code uptime 120 s ≤ 600 s (degraded)}, {@code clock drift -2.3 s outside ±1 s (down)}. */
    private static Finding crossed(HostMetric metric, double value, double limit, HealthStatus status) {
        return new Finding(status, metric.label() + " " + metric.written(value) + " " + metric.limit(limit)
                + " (" + lowerCase(status) + ")");
    }

    /** A metric with thresholds that the agent did not report: nobody knows whether it is fine. */
    private static Finding missing(HostMetric metric) {
        return new Finding(HealthStatus.DEGRADED, "no " + metric.label() + " reading (degraded)");
    }

    /** Every reading in words, in the order of {@link HostMetric}. */
    private static String listed(MetricsSample sample) {
        List<String> readings = new ArrayList<>();
        for (HostMetric metric : HostMetric.values()) {
            if (metric == HostMetric.PROCESS) {
                if (sample.process() != null) {
                    readings.add(process(sample) + (sample.process() ? " running" : " not running"));
                }
            } else if (sample.values().containsKey(metric.key())) {
                double value = sample.values().get(metric.key());
                readings.add(metric.label() + " " + metric.reading(value));
            }
        }
        return String.join(", ", readings);
    }

    private static String process(MetricsSample sample) {
        return sample.processName() == null ? "process" : "process " + sample.processName();
    }

    private static Map<String, String> attributes(MetricsSample sample) {
        Map<String, String> attributes = new HashMap<>();
        sample.values().forEach((key, value) -> attributes.put(key, HostMetric.number(value)));
        if (sample.process() != null) {
            attributes.put(HostMetric.PROCESS.key(), sample.process().toString());
        }
        if (sample.processName() != null) {
            attributes.put("processName", sample.processName());
        }
        if (sample.receivedAt() != null) {
            attributes.put(PushCheck.LAST_PUSH_AT, sample.receivedAt().toString());
        }
        return attributes;
    }

    private static String lowerCase(HealthStatus status) {
        return status.name().toLowerCase(Locale.ROOT);
    }
}
