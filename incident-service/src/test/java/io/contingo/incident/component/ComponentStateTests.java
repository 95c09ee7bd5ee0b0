package io.contingo.incident.component;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.contingo.events.ComponentStatus;
import io.contingo.events.HealthEvent;
import io.contingo.events.HealthStatus;

/**
 * The threshold state machine: consecutive results confirm a change, duplicates and late results don't count,
 * a quorum of probe locations must agree, and maintenance holds the public status.
 */
class ComponentStateTests {

    private static final Instant T0 = Instant.parse("2026-11-26T09:00:00Z");
    private final ThresholdSettings thresholds = new ThresholdSettings(3, 2, new Quorum("majority"));
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
    void aCopyKeepsTheStreakAsItWasWhateverHappensToTheOriginal() {
        apply("web", HealthStatus.DOWN);
        apply("web", HealthStatus.DOWN);
        ComponentState before = state.copy();

        assertThat(apply("web", HealthStatus.DOWN)).isPresent();

        assertThat(before.status()).isEqualTo(ComponentStatus.OPERATIONAL);
        assertThat(before.tracks()).singleElement().satisfies(t -> assertThat(t.confirmed()).isEqualTo(HealthStatus.UP));
        Optional<ComponentState.Change> again = before.apply(new HealthEvent("e-again", "web", "prod-web", "production",
                "probe-a", HealthStatus.DOWN, state.tracks().getFirst().lastObservedAt(), 10L, "HTTP 503", null), thresholds);
        assertThat(again).hasValueSatisfying(c -> assertThat(c.to()).isEqualTo(ComponentStatus.MAJOR_OUTAGE));
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
    void oneLocationOfTwoFailingIsNotAnOutageButBothAre() {
        downFor("web", "madrid");
        apply("web", HealthStatus.UP, "probe-b", "lisbon");

        assertThat(state.status()).isEqualTo(ComponentStatus.OPERATIONAL);
        assertThat(downFor("web", "lisbon")).hasValueSatisfying(c -> assertThat(c.to()).isEqualTo(ComponentStatus.MAJOR_OUTAGE));
    }

    @Test
    void twoLocationsOfThreeAreAMajority() {
        apply("web", HealthStatus.UP, "probe-c", "paris");
        downFor("web", "madrid");
        assertThat(state.status()).isEqualTo(ComponentStatus.OPERATIONAL);

        downFor("web", "lisbon");

        assertThat(state.status()).isEqualTo(ComponentStatus.MAJOR_OUTAGE);
    }

    @Test
    void theQuorumRuleIsConfigurable() {
        assertThat(new Quorum("any").needed(3)).isEqualTo(1);
        assertThat(new Quorum("all").needed(3)).isEqualTo(3);
        assertThat(new Quorum("2").needed(5)).isEqualTo(2);
        assertThat(new Quorum("5").needed(2)).isEqualTo(2); // never more than the locations that report
        assertThat(new Quorum("MAJORITY").needed(4)).isEqualTo(3);
        assertThatThrownBy(() -> new Quorum("most")).hasMessageContaining("majority, all, any or a number");
        assertThatThrownBy(() -> new Quorum("0")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void underMaintenanceFailuresAreKeptButTheStatusHoldsUntilTheWindowEnds() {
        assertThat(state.startMaintenance("mnt-1", T0)).hasValueSatisfying(c -> assertThat(c.to()).isEqualTo(ComponentStatus.UNDER_MAINTENANCE));
        assertThat(state.startMaintenance("mnt-1", T0)).isEmpty(); // repeated: nothing more

        assertThat(downFor("web")).isEmpty();
        assertThat(state.status()).isEqualTo(ComponentStatus.UNDER_MAINTENANCE);
        assertThat(state.isOut()).isFalse();
        assertThat(state.endMaintenance("mnt-other", T0, thresholds.quorum())).isEmpty();

        assertThat(state.endMaintenance("mnt-1", T0.plusSeconds(600), thresholds.quorum()))
                .hasValueSatisfying(c -> assertThat(c.to()).isEqualTo(ComponentStatus.MAJOR_OUTAGE));
        assertThat(state.isOut()).isTrue();
    }

    @Test
    void onlyAResultThatConfirmsNoNewStatusIsQuiet() {
        apply("web", HealthStatus.UP);
        apply("web", HealthStatus.UP);

        assertThat(state.isQuiet(next("web", HealthStatus.UP), thresholds)).isTrue(); // a repeat
        assertThat(state.isQuiet(next("web", HealthStatus.DOWN), thresholds)).isTrue(); // 1 of 3
        apply("web", HealthStatus.DOWN);
        apply("web", HealthStatus.DOWN);
        assertThat(state.isQuiet(next("web", HealthStatus.DOWN), thresholds)).as("the third DOWN confirms").isFalse();
        assertThat(state.isQuiet(next("api", HealthStatus.UP), thresholds)).as("a monitor not seen before").isFalse();
        assertThat(state.isQuiet(event("web", HealthStatus.UP, T0), thresholds)).as("older than the last one").isFalse();

        state.announce(downFor("api").orElseThrow(), "inc-1");
        assertThat(state.isQuiet(next("web", HealthStatus.UP), thresholds)).as("events wait to be published").isFalse();
    }

    @Test
    void aQuietResultIsAppliedAtOnceAndAnyOtherLeftToDecide() {
        apply("web", HealthStatus.DOWN);
        Instant last = state.tracks().getFirst().lastObservedAt();

        assertThat(state.applyIfQuiet(event("web", HealthStatus.UP, last), thresholds)).isEqualTo(ComponentState.Step.STALE);
        HealthEvent secondDown = next("web", HealthStatus.DOWN);
        assertThat(state.applyIfQuiet(secondDown, thresholds)).isEqualTo(ComponentState.Step.QUIET);
        assertThat(state.tracks().getFirst().lastObservedAt()).isEqualTo(secondDown.observedAt());
        second++;

        HealthEvent thirdDown = next("web", HealthStatus.DOWN);
        assertThat(state.applyIfQuiet(thirdDown, thresholds)).as("the third DOWN confirms").isEqualTo(ComponentState.Step.DECIDE);
        assertThat(state.tracks().getFirst().lastObservedAt()).as("left for apply").isEqualTo(secondDown.observedAt());
        assertThat(state.status()).isEqualTo(ComponentStatus.OPERATIONAL);
        assertThat(state.apply(thirdDown, thresholds)).hasValueSatisfying(c -> assertThat(c.to()).isEqualTo(ComponentStatus.MAJOR_OUTAGE));
        assertThat(state.applyIfQuiet(next("api", HealthStatus.UP), thresholds)).as("a monitor not seen before")
                .isEqualTo(ComponentState.Step.DECIDE);
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

    private Optional<ComponentState.Change> downFor(String monitor, String location) {
        String probe = "probe-" + location;
        apply(monitor, HealthStatus.DOWN, probe, location);
        apply(monitor, HealthStatus.DOWN, probe, location);
        return apply(monitor, HealthStatus.DOWN, probe, location);
    }

    private Optional<ComponentState.Change> apply(String monitor, HealthStatus status, String probe, String location) {
        return state.apply(new HealthEvent(UUID.randomUUID().toString(), monitor, "prod-web", "production", probe, status,
                T0.plusSeconds(++second), 5L, "", Map.of(HealthEvent.LOCATION, location)), thresholds);
    }

    private HealthEvent next(String monitor, HealthStatus status) {
        return event(monitor, status, T0.plusSeconds(second + 1));
    }

    private static HealthEvent event(String monitor, HealthStatus status, Instant at) {
        return new HealthEvent(UUID.randomUUID().toString(), monitor, "prod-web", "production", "probe-a", status, at, 5L, "", null);
    }
}
