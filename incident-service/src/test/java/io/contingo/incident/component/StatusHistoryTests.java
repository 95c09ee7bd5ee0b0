package io.contingo.incident.component;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.contingo.events.ComponentStatus;
import io.contingo.incident.component.StatusHistory.Span;

/** A component's stretches out of operational status, kept as its status changes. */
class StatusHistoryTests {

    private static final Instant T = Instant.parse("2026-11-27T10:00:00Z");

    @Test
    void eachChangeEndsTheOpenStretchAndOpensOneUnlessOperational() {
        StatusHistory history = StatusHistory.startingAt(T, ComponentStatus.OPERATIONAL)
                .changed(ComponentStatus.PARTIAL_OUTAGE, T.plusSeconds(10))
                .changed(ComponentStatus.MAJOR_OUTAGE, T.plusSeconds(14))
                .changed(ComponentStatus.OPERATIONAL, T.plusSeconds(179))
                .changed(ComponentStatus.DEGRADED_PERFORMANCE, T.plusSeconds(200));

        assertThat(history.since()).isEqualTo(T);
        assertThat(history.spans()).containsExactly(
                new Span(ComponentStatus.PARTIAL_OUTAGE, T.plusSeconds(10), T.plusSeconds(14)),
                new Span(ComponentStatus.MAJOR_OUTAGE, T.plusSeconds(14), T.plusSeconds(179)),
                new Span(ComponentStatus.DEGRADED_PERFORMANCE, T.plusSeconds(200), null));
    }

    @Test
    void anUnknownHistoryStartsAtItsFirstChangeAndOldStretchesAreDropped() {
        StatusHistory started = new StatusHistory(null, List.of()).changed(ComponentStatus.MAJOR_OUTAGE, T);
        assertThat(started).isEqualTo(new StatusHistory(T, List.of(new Span(ComponentStatus.MAJOR_OUTAGE, T, null))));

        Instant muchLater = T.plus(StatusHistory.KEPT).plusSeconds(60);
        StatusHistory later = started.changed(ComponentStatus.OPERATIONAL, T.plusSeconds(60))
                .changed(ComponentStatus.PARTIAL_OUTAGE, muchLater);
        assertThat(later.spans()).containsExactly(new Span(ComponentStatus.PARTIAL_OUTAGE, muchLater, null));
        assertThat(later.since()).isEqualTo(T);
    }
}
