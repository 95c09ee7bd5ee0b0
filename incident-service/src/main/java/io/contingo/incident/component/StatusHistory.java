package io.contingo.incident.component;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.contingo.events.ComponentStatus;

/**
 * The stretches of time a component spent in a status other than operational, as its {@code component-status}
 * changes tell them, from {@code since} on: the status page's uptime counts them exactly as the monthly report
 * counts the same changes. Stretches that ended more than {@link #KEPT} ago are dropped.
 *
 * @param since when the history starts (null when it is not known: a component stored before histories were kept,
 *              whose earlier downtime only its incidents' windows tell)
 */
public record StatusHistory(Instant since, List<Span> spans) {

    /** Longer than the status page's 90 days, so that the first bar is always whole. */
    public static final Duration KEPT = Duration.ofDays(92);

    /** A stretch in one status; {@code end} is null while it lasts. */
    public record Span(ComponentStatus status, Instant start, Instant end) {
    }

    public StatusHistory {
        spans = spans == null ? List.of() : List.copyOf(spans);
    }

    /** A history that starts at {@code at}, in {@code status}. */
    public static StatusHistory startingAt(Instant at, ComponentStatus status) {
        return new StatusHistory(at, status == ComponentStatus.OPERATIONAL ? List.of() : List.of(new Span(status, at, null)));
    }

    /**
     * The history once the status changed to {@code to} at {@code at}: the open stretch ends there, and a new one opens
     * unless the component is operational again. A history not known yet starts at this change.
     */
    public StatusHistory changed(ComponentStatus to, Instant at) {
        if (since == null) {
            return startingAt(at, to);
        }
        List<Span> next = new ArrayList<>(spans.size() + 1);
        Instant keepFrom = at.minus(KEPT);
        for (Span span : spans) {
            Span closed = span.end() == null ? new Span(span.status(), span.start(), at.isAfter(span.start()) ? at : span.start()) : span;
            if (closed.end().isAfter(keepFrom)) {
                next.add(closed);
            }
        }
        if (to != ComponentStatus.OPERATIONAL) {
            next.add(new Span(to, at, null));
        }
        return new StatusHistory(since, next);
    }
}
