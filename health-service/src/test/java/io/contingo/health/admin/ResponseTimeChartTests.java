package io.contingo.health.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.contingo.health.probe.ResultBuckets.Bucket;

/** The response-time chart's geometry and figures, from five-minute buckets. */
class ResponseTimeChartTests {

    private static final Instant NOW = Instant.parse("2026-11-26T12:00:00Z");

    @Test
    void consecutiveBucketsMakeOneLineAndALongGapBreaksIt() {
        List<Bucket> buckets = List.of(bucket(60, 0, 40), bucket(55, 0, 60), bucket(50, 1, 80), bucket(20, 0, 30));

        ResponseTimeChart chart = ResponseTimeChart.of(buckets, NOW, Duration.ofSeconds(10));

        assertThat(chart.lines()).as("the first three, joined").singleElement()
                .satisfies(points -> assertThat(points.split(" ")).hasSize(3));
        assertThat(chart.dots()).as("the last, alone after 30 minutes without answers").hasSize(1);
        assertThat(chart.failures()).hasSize(1);
        assertThat(chart.yTicks()).extracting(ResponseTimeChart.Tick::label).containsExactly("0 ms", "50 ms", "100 ms");
        assertThat(chart.xTicks()).extracting(ResponseTimeChart.Tick::label).containsExactly("12:00", "18:00", "00:00", "06:00", null);
        assertThat(List.of(chart.average(), chart.fastest(), chart.slowest())).containsExactly(53L, 30L, 80L);
    }

    @Test
    void aMonitorCheckedRarelyIsStillALine() {
        List<Bucket> hourly = List.of(bucket(180, 0, 20), bucket(120, 0, 25), bucket(60, 0, 30));

        assertThat(ResponseTimeChart.of(hourly, NOW, Duration.ofHours(1)).lines()).hasSize(1);
        assertThat(ResponseTimeChart.of(hourly, NOW, Duration.ofSeconds(10)).dots()).hasSize(3);
    }

    @Test
    void withoutResponseTimesThereIsNoChart() {
        assertThat(ResponseTimeChart.of(List.of(new Bucket("x", "m", NOW.minusSeconds(600), 0, 0, 3, 0, 0, null, null)), NOW,
                Duration.ofSeconds(10))).isNull();
        assertThat(ResponseTimeChart.niceCeiling(130)).isEqualTo(200);
        assertThat(ResponseTimeChart.niceCeiling(1)).isEqualTo(1);
    }

    /** The bucket {@code minutesAgo} minutes before now, with one answer of {@code latency} ms, and {@code down} failures. */
    private static Bucket bucket(int minutesAgo, int down, long latency) {
        Instant start = NOW.minus(Duration.ofMinutes(minutesAgo));
        return new Bucket("m|" + start, "m", start, 1, 0, down, 1, latency, latency, latency);
    }
}
