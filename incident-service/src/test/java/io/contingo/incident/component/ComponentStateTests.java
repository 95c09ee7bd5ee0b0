package io.contingo.incident.component;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.contingo.events.ComponentStatus;
import io.contingo.events.HealthEvent;
import io.contingo.events.HealthStatus;

/** The threshold state machine: consecutive results confirm a change, duplicates and late results don't count. */
class ComponentStateTests {

    private static final Instant T0 = Instant.parse("2026-11-26T09:00:00Z");
    private final ThresholdSettings thresholds = new ThresholdSettings(3, 2);
    private final ComponentState state = ComponentState.operational("prod-web", "production", "Omnichannel web", T0);
    private int second;

    @Test
    void threeConsecutiveFailuresMakeAMajorOutage() {
        assertThat(apply("web", HealthStatus.DOWN)).isEmpty();
        assertThat(apply("web", HealthStatus.DOWN)).isEmpty();

        Optional<ComponentState.Change> change = apply("web", HealthStatus.DOWN);

        assertThat(change).hasValueSatisfying(c -> {
            assertThat(c.from()).isEqualTo(ComponentStatus.OPERATIONAL);
            assertThat(c.to()).isEqualTo(ComponentStatus.MAJOR_OUTAGE);
        });
        assertThat(state.isOut()).isTrue();
    }

    @Test
    void aSuccessInBetweenStartsTheCountAgain() {
        apply("web", HealthStatus.DOWN);
        apply("web", HealthStatus.DOWN);
        apply("web", HealthStatus.UP);
        apply("web", HealthStatus.DOWN);
        apply("web", HealthStatus.DOWN);

        assertThat(state.status()).isEqualTo(ComponentStatus.OPERATIONAL);
        assertThat(apply("web", HealthStatus.DOWN)).isPresent();
    }

    @Test
    void twoConsecutiveSuccessesRecover() {
        downFor("web");

        assertThat(apply("web", HealthStatus.UP)).isEmpty();
        assertThat(apply("web", HealthStatus.UP)).hasValueSatisfying(c -> assertThat(c.to()).isEqualTo(ComponentStatus.OPERATIONAL));
        assertThat(state.isOut()).isFalse();
    }

    @Test
    void oneMonitorDownOfTwoIsAPartialOutage() {
        apply("api", HealthStatus.UP);
        downFor("web");

        assertThat(state.status()).isEqualTo(ComponentStatus.PARTIAL_OUTAGE);
        downFor("api");
        assertThat(state.status()).isEqualTo(ComponentStatus.MAJOR_OUTAGE);
    }

    @Test
    void confirmedSlownessIsDegradedPerformanceNotAnOutage() {
        apply("web", HealthStatus.DEGRADED);
        apply("web", HealthStatus.DEGRADED);
        apply("web", HealthStatus.DEGRADED);

        assertThat(state.status()).isEqualTo(ComponentStatus.DEGRADED_PERFORMANCE);
        assertThat(state.isOut()).isFalse();
    }

    @Test
    void aDuplicateOrLateEventIsNotNewAndChangesNothing() {
        HealthEvent first = event("web", HealthStatus.DOWN, T0.plusSeconds(10));
        state.apply(first, thresholds);

        assertThat(state.isNew(first)).isFalse();
        assertThat(state.isNew(event("web", HealthStatus.DOWN, T0.plusSeconds(5)))).isFalse();
        assertThat(state.isNew(event("web", HealthStatus.DOWN, T0.plusSeconds(11)))).isTrue();
        state.apply(first, thresholds);
        state.apply(first, thresholds);
        assertThat(state.status()).isEqualTo(ComponentStatus.OPERATIONAL); // one DOWN counted, not three
    }

    @Test
    void eachProbeLocationKeepsItsOwnTrack() {
        apply("web", HealthStatus.DOWN, "probe-a");
        apply("web", HealthStatus.DOWN, "probe-b");
        apply("web", HealthStatus.DOWN, "probe-a");

        assertThat(state.tracks()).hasSize(2);
        assertThat(state.status()).isEqualTo(ComponentStatus.OPERATIONAL);
    }

    @Test
    void anAnnouncedChangeWaitsInTheOutboxUntilPublished() {
        Optional<ComponentState.Change> change = downFor("web");
        state.announce(change.orElseThrow(), "inc-1");

        assertThat(state.outbox()).singleElement().satisfies(e -> {
            assertThat(e.sequence()).isEqualTo(1);
            assertThat(e.to()).isEqualTo(ComponentStatus.MAJOR_OUTAGE);
            assertThat(e.incidentId()).isEqualTo("inc-1");
        });
        state.published(state.outbox().stream().map(e -> e.eventId()).toList());
        assertThat(state.outbox()).isEmpty();
    }

    private Optional<ComponentState.Change> downFor(String monitor) {
        apply(monitor, HealthStatus.DOWN);
        apply(monitor, HealthStatus.DOWN);
        return apply(monitor, HealthStatus.DOWN);
    }

    private Optional<ComponentState.Change> apply(String monitor, HealthStatus status) {
        return apply(monitor, status, "probe-a");
    }

    private Optional<ComponentState.Change> apply(String monitor, HealthStatus status, String probe) {
        return state.apply(new HealthEvent(UUID.randomUUID().toString(), monitor, "prod-web", "production", probe, status,
                T0.plusSeconds(++second), 5L, "", null), thresholds);
    }

    private static HealthEvent event(String monitor, HealthStatus status, Instant at) {
        return new HealthEvent(UUID.randomUUID().toString(), monitor, "prod-web", "production", "probe-a", status, at, 5L, "", null);
    }
}
