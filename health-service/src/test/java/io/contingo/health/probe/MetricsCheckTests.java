package io.contingo.health.probe;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.contingo.events.HealthStatus;
import io.contingo.health.monitor.HostMetric;
import io.contingo.health.monitor.MetricThreshold;
import io.contingo.health.monitor.MonitorBuilder;
import io.contingo.health.monitor.MetricsMonitor;
import io.contingo.health.push.MetricsSample;

/** Host readings against per-metric thresholds, both ways, and the push deadline, on a clock the tests move. */
class MetricsCheckTests {

    private static final Instant START = Instant.parse("2026-11-26T00:00:00Z");

    private final MovingClock clock = new MovingClock(START);
    private MetricsMonitor monitor = MonitorBuilder.metrics(Duration.ofMinutes(1)).grace(Duration.ofSeconds(30))
            .threshold("disk", 80.0, 95.0)
            .threshold("memory", 90.0, null)
            .threshold("load", 4.0, 8.0)
            .threshold("uptime", 600.0, 60.0)
            .threshold("clockDrift", 1.0, 5.0)
            .build();
    private MetricsSample sample = MetricsSample.none("host");

    private CheckResult judged() {
        return MetricsCheck.judge(monitor, sample, START, clock.instant());
    }

    private void pushed(Map<String, Double> values) {
        pushed(values, null, null);
    }

    private void pushed(Map<String, Double> values, Boolean process, String processName) {
        sample = new MetricsSample("host", clock.instant(), values, process, processName);
    }

    private static Map<String, Double> healthy() {
        return Map.of("disk", 42.0, "memory", 61.0, "load", 0.52, "uptime", 273_600.0, "clockDrift", 0.02, "swap", 0.0);
    }

    @Test
    void withinEveryThresholdIsUpAndListsTheReadings() {
        pushed(healthy(), true, "postgres");
        clock.advance(Duration.ofSeconds(20));

        CheckResult result = judged();
        assertThat(result.status()).isEqualTo(HealthStatus.UP);
        assertThat(result.detail()).isEqualTo("Within thresholds, readings 20 s ago: disk 42 %, load 0.52, memory 61 %, "
                + "swap 0 %, clock drift 0.02 s, uptime 3 d 4 h, process postgres running");
        assertThat(result.attributes()).containsEntry("disk", "42").containsEntry("load", "0.52")
                .containsEntry("uptime", "273600").containsEntry("process", "true").containsEntry("processName", "postgres")
                .containsEntry("lastPushAt", START.toString());
        assertThat(result.latencyMs()).isNull();
    }

    @Test
    void higherIsWorseFromTheThresholdOn() {
        pushed(Map.of("disk", 80.0, "memory", 89.9, "load", 8.0, "uptime", 9000.0, "clockDrift", 0.0));
        CheckResult result = judged();
        assertThat(result.status()).isEqualTo(HealthStatus.DOWN);
        assertThat(result.detail()).isEqualTo("load 8 ≥ 8 (down); disk 80 % ≥ 80 % (degraded); readings 0 s ago");

        pushed(Map.of("disk", 97.0, "memory", 91.5, "load", 3.99, "uptime", 9000.0, "clockDrift", 0.0));
        assertThat(judged().detail()).as("the DOWN ones first, each with its value and threshold")
                .isEqualTo("disk 97 % ≥ 95 % (down); memory 91.5 % ≥ 90 % (degraded); readings 0 s ago");

        pushed(Map.of("disk", 79.99, "memory", 89.0, "load", 3.99, "uptime", 9000.0, "clockDrift", 0.0));
        assertThat(judged().status()).isEqualTo(HealthStatus.UP);
    }

    @Test
    void aLowUptimeIsARecentReboot() {
        pushed(Map.of("disk", 1.0, "memory", 1.0, "load", 0.0, "uptime", 600.0, "clockDrift", 0.0));
        assertThat(judged().status()).isEqualTo(HealthStatus.DEGRADED);
        assertThat(judged().detail()).isEqualTo("uptime 600 s ≤ 600 s (degraded); readings 0 s ago");

        pushed(Map.of("disk", 1.0, "memory", 1.0, "load", 0.0, "uptime", 45.0, "clockDrift", 0.0));
        assertThat(judged().status()).isEqualTo(HealthStatus.DOWN);
        assertThat(judged().detail()).startsWith("uptime 45 s ≤ 60 s (down)");

        pushed(Map.of("disk", 1.0, "memory", 1.0, "load", 0.0, "uptime", 601.0, "clockDrift", 0.0));
        assertThat(judged().status()).isEqualTo(HealthStatus.UP);
    }

    @Test
    void clockDriftIsBadEitherWay() {
        pushed(Map.of("disk", 1.0, "memory", 1.0, "load", 0.0, "uptime", 9000.0, "clockDrift", -2.3));
        assertThat(judged().status()).isEqualTo(HealthStatus.DEGRADED);
        assertThat(judged().detail()).isEqualTo("clock drift -2.3 s outside ±1 s (degraded); readings 0 s ago");

        pushed(Map.of("disk", 1.0, "memory", 1.0, "load", 0.0, "uptime", 9000.0, "clockDrift", 5.0));
        assertThat(judged().status()).isEqualTo(HealthStatus.DOWN);
        assertThat(judged().attributes()).containsEntry("clockDrift", "5");

        pushed(Map.of("disk", 1.0, "memory", 1.0, "load", 0.0, "uptime", 9000.0, "clockDrift", -0.9));
        assertThat(judged().status()).isEqualTo(HealthStatus.UP);
    }

    @Test
    void aMetricWithThresholdsThatThePushLeftOutIsDegraded() {
        pushed(Map.of("disk", 42.0, "memory", 61.0, "uptime", 9000.0));

        CheckResult result = judged();
        assertThat(result.status()).isEqualTo(HealthStatus.DEGRADED);
        assertThat(result.detail()).isEqualTo("no load reading (degraded); no clock drift reading (degraded); readings 0 s ago");
        assertThat(result.attributes()).doesNotContainKeys("load", "clockDrift");
    }

    @Test
    void aMetricWithoutThresholdsIsKeptButNotJudged() {
        Map<String, Double> values = new java.util.HashMap<>(healthy());
        values.put("swap", 100.0);
        values.put("replicationLag", 86_400.0);
        pushed(values);

        CheckResult result = judged();
        assertThat(result.status()).isEqualTo(HealthStatus.UP);
        assertThat(result.detail()).contains("swap 100 %").contains("replication lag 86400 s");
        assertThat(result.attributes()).containsEntry("replicationLag", "86400");
    }

    @Test
    void aProcessThatDoesNotRunIsDownUnlessItsThresholdSaysDegraded() {
        pushed(healthy(), false, "postgres");
        assertThat(judged().status()).isEqualTo(HealthStatus.DOWN);
        assertThat(judged().detail()).isEqualTo("process postgres not running (down); readings 0 s ago");
        assertThat(judged().attributes()).containsEntry("process", "false");

        monitor = MonitorBuilder.metrics(Duration.ofMinutes(1)).processAbsent(HealthStatus.DEGRADED).build();
        pushed(Map.of(), false, null);
        assertThat(judged().status()).isEqualTo(HealthStatus.DEGRADED);
        assertThat(judged().detail()).isEqualTo("process not running (degraded); readings 0 s ago");

        pushed(Map.of("load", 1.0));
        assertThat(judged().status()).as("process has a threshold but was not reported").isEqualTo(HealthStatus.DEGRADED);
        assertThat(judged().detail()).startsWith("no process reading (degraded)");
    }

    @Test
    void readingsOlderThanPeriodPlusGraceAreDownSayingSo() {
        clock.advance(Duration.ofSeconds(10));
        pushed(healthy());
        clock.advance(Duration.ofSeconds(90));
        assertThat(judged().status()).isEqualTo(HealthStatus.UP);

        clock.advance(Duration.ofSeconds(1));
        CheckResult result = judged();
        assertThat(result.status()).isEqualTo(HealthStatus.DOWN);
        assertThat(result.detail()).isEqualTo("No readings for 1 min, expected every 1 min + 30 s grace");
        assertThat(result.attributes()).as("the last readings stay visible").containsEntry("disk", "42")
                .containsEntry("lastPushAt", START.plusSeconds(10).toString());
    }

    @Test
    void theFirstReadingsAreAwaitedFromStartUp() {
        clock.advance(Duration.ofSeconds(90));
        assertThat(judged().status()).isEqualTo(HealthStatus.UP);
        assertThat(judged().detail()).isEqualTo("Waiting for the first readings, expected every 1 min + 30 s grace");

        clock.advance(Duration.ofSeconds(1));
        assertThat(judged().status()).isEqualTo(HealthStatus.DOWN);
        assertThat(judged().detail()).isEqualTo("No readings since start-up 1 min ago, expected every 1 min + 30 s grace");
        assertThat(judged().attributes()).isEmpty();
    }

    @Test
    void eachMetricIsJudgedInOnePlaceForTheCheckAndThePages() {
        pushed(Map.of("disk", 97.0, "swap", 50.0), false, "postgres");
        MetricThreshold disk = new MetricThreshold(80.0, 95.0, null);

        assertThat(sample.statusOf(HostMetric.DISK, disk)).isEqualTo(HealthStatus.DOWN);
        assertThat(sample.statusOf(HostMetric.SWAP, null)).as("no thresholds: not judged").isNull();
        assertThat(sample.statusOf(HostMetric.LOAD, new MetricThreshold(4.0, 8.0, null))).as("left out").isEqualTo(HealthStatus.DEGRADED);
        assertThat(sample.statusOf(HostMetric.PROCESS, null)).as("not running, no thresholds").isEqualTo(HealthStatus.DOWN);
        assertThat(sample.statusOf(HostMetric.PROCESS, new MetricThreshold(null, null, HealthStatus.DEGRADED)))
                .isEqualTo(HealthStatus.DEGRADED);
    }
}
