package io.contingo.health.monitor;

import java.time.Duration;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A host's agent pushes its readings (disk, load, memory, …); judged against per-metric thresholds.
 *
 * @param period     how often the agent pushes its readings
 * @param grace      how late the readings may be before the monitor is DOWN (none when null)
 * @param thresholds per {@link HostMetric} name, the readings that are DEGRADED and DOWN, e.g.
 *                   {@code disk: {degraded: 80, down: 95}}. Which way is bad: at or above the threshold for
 *                   {@code disk}, {@code inodes}, {@code cpu}, {@code memory}, {@code swap} (percent), {@code load}
 *                   (1-minute load average) and {@code replicationLag} (seconds); at or below it for {@code uptime}
 *                   (seconds: a recent reboot); at or beyond it either side of zero for {@code clockDrift} (seconds).
 *                   {@code process} takes {@code absent: degraded} or {@code absent: down}: a process the agent
 *                   reports as not running is DOWN unless it says degraded. A metric without thresholds is kept and
 *                   shown but never judged; a metric with thresholds that the latest push left out is DEGRADED.
 */
public record MetricsMonitor(MonitorBasics basics, Duration period, Duration grace, Map<String, MetricThreshold> thresholds)
        implements Periodic {

    public MetricsMonitor {
        thresholds = thresholds == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(thresholds));
    }

    @Override
    public String target() {
        return "host metrics every " + periodAndGrace()
                + (thresholds.isEmpty() ? "" : ", thresholds on " + Arrays.stream(HostMetric.values())
                        .map(HostMetric::key).filter(thresholds::containsKey).collect(Collectors.joining(", ")));
    }
}
