package io.contingo.health.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doNothing;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.dao.DataAccessResourceFailureException;

import io.contingo.events.HealthEvent;
import io.contingo.events.HealthStatus;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

class ResultWriterTests {

    private static final Instant NOW = Instant.parse("2026-11-26T12:00:00Z");

    private final LatestResults latestResults = mock(LatestResults.class);
    private final ResultHistory history = mock(ResultHistory.class);
    private final MeterRegistry meters = new SimpleMeterRegistry();
    private final ResultBuckets buckets = mock(ResultBuckets.class);
    private final ResultWriter writer = new ResultWriter(latestResults, history, buckets,
            new ResultSettings(new ResultSettings.Buffer(5), new ResultSettings.History(Duration.ofDays(7), Duration.ofSeconds(30))), meters);

    @Test
    void writesTheLatestResultOfEachMonitorAndEveryResultToTheHistory() {
        List<HealthEvent> results = List.of(result("web", 1), result("api", 1), result("web", 3), result("web", 2));
        results.forEach(writer::offer);

        writer.writePending();

        assertThat(savedLatest()).containsExactlyInAnyOrder(results.get(1), results.get(2));
        verify(history).append(results);
        assertThat(buffered()).isZero();
    }

    @Test
    void whileTheDatabaseIsDownResultsWaitWithinBoundsAndAreWrittenOnceItIsBack() {
        DataAccessResourceFailureException down = new DataAccessResourceFailureException("Timed out while waiting for a server");
        doThrow(down).when(latestResults).saveAll(any());
        List<HealthEvent> results = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            HealthEvent result = result(i % 2 == 0 ? "web" : "api", i);
            results.add(result);
            writer.offer(result);
            assertThatThrownBy(writer::writePending).isSameAs(down);
        }
        assertThat(buffered()).as("never more than the capacity").isEqualTo(5);
        assertThat(meters.get("contingo.probe.results.dropped").tag("destination", "database").functionCounter().count()).isEqualTo(3);

        doNothing().when(latestResults).saveAll(any());
        writer.writePending();

        assertThat(savedLatest()).as("only the newest of each monitor").containsExactlyInAnyOrder(results.get(6), results.get(7));
        verify(history).append(results.subList(3, 8));
        assertThat(buffered()).isZero();
    }

    @Test
    void historyThatCouldNotBeWrittenIsTriedAgain() {
        HealthEvent result = result("web", 1);
        writer.offer(result);
        doThrow(new DataAccessResourceFailureException("down")).doNothing().when(history).append(any());

        assertThatThrownBy(writer::writePending).isInstanceOf(DataAccessResourceFailureException.class);
        writer.writePending();

        verify(history, org.mockito.Mockito.times(2)).append(List.of(result));
        assertThat(buffered()).isZero();
    }

    @Test
    void aResultSomeoneWaitsForIsWrittenAtOnceAndCountedOnce() {
        HealthEvent checked = result("web", 1);

        writer.store(checked);

        assertThat(savedLatest()).containsExactly(checked);
        verify(history).append(List.of(checked));
        verify(buckets).countNow(checked);
        writer.writePending();
        verify(history, org.mockito.Mockito.times(1)).append(any());
    }

    @Test
    void aResultWrittenAtOnceNeverReplacesANewerOneAndIsQueuedWhenTheDatabaseFails() {
        HealthEvent newer = result("web", 5);
        writer.offer(newer);
        HealthEvent checked = result("web", 1);

        writer.store(checked);

        assertThat(savedLatest()).as("the newest known stays the latest").containsExactly(newer);
        HealthEvent failing = result("api", 2);
        doThrow(new DataAccessResourceFailureException("down")).when(history).append(List.of(failing));
        assertThatThrownBy(() -> writer.store(failing)).isInstanceOf(DataAccessResourceFailureException.class);
        assertThat(buffered()).as("the newer result and the one that failed wait for the next round").isEqualTo(2);
    }

    @SuppressWarnings("unchecked")
    private List<HealthEvent> savedLatest() {
        ArgumentCaptor<Collection<HealthEvent>> saved = ArgumentCaptor.forClass(Collection.class);
        verify(latestResults, org.mockito.Mockito.atLeastOnce()).saveAll(saved.capture());
        return List.copyOf(saved.getValue());
    }

    private double buffered() {
        return meters.get("contingo.probe.results.buffered").tag("destination", "database").gauge().value();
    }

    private static HealthEvent result(String monitorId, int second) {
        return new HealthEvent(UUID.randomUUID().toString(), monitorId, "component-" + monitorId, "production", "probe-it",
                HealthStatus.UP, NOW.plusSeconds(second), 10L, "HTTP 200", Map.of());
    }
}
