package io.contingo.report.monthly;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import io.contingo.events.IncidentSnapshot;

/**
 * One incident of the period: its outage (the union of its components' windows, the figure every page gives), and
 * how long it took to be acknowledged (TTA) and resolved (TTR), from its opening.
 *
 * @param windows    the outage windows, overlapping windows of several components merged; an open one has no end
 * @param components the affected components' names
 */
public record IncidentLine(String id, String name, IncidentSnapshot.Severity severity, IncidentSnapshot.Impact impact,
        IncidentSnapshot.Status status, Instant createdAt, Instant acknowledgedAt, Instant resolvedAt,
        List<IncidentSnapshot.Window> windows, long outageSeconds, Long ttaSeconds, Long ttrSeconds, List<String> components) {

    /** The same line with its name and its components' names in another language. */
    IncidentLine named(String newName, List<String> componentNames) {
        return new IncidentLine(id, newName, severity, impact, status, createdAt, acknowledgedAt, resolvedAt, windows, outageSeconds,
                ttaSeconds, ttrSeconds, componentNames);
    }

    static IncidentLine of(IncidentSnapshot incident, Instant now) {
        return new IncidentLine(incident.id(), incident.name(), incident.severity(), incident.impact(), incident.status(),
                incident.createdAt(), incident.acknowledgedAt(), incident.resolvedAt(), merged(incident),
                incident.outage(now).toSeconds(), secondsSince(incident.createdAt(), incident.acknowledgedAt()),
                secondsSince(incident.createdAt(), incident.resolvedAt()),
                incident.components().stream().map(c -> c.name() == null ? c.componentId() : c.name()).toList());
    }

    /** Time to acknowledge, or null when nobody did. */
    public Duration tta() {
        return ttaSeconds == null ? null : Duration.ofSeconds(ttaSeconds);
    }

    /** Time to resolve, or null while unresolved. */
    public Duration ttr() {
        return ttrSeconds == null ? null : Duration.ofSeconds(ttrSeconds);
    }

    /** The outage, the union of the windows: the duration every page and email gives. */
    public Duration outage() {
        return Duration.ofSeconds(outageSeconds);
    }

    private static Long secondsSince(Instant from, Instant at) {
        return at == null ? null : Math.max(0, Duration.between(from, at).toSeconds());
    }

    private static List<IncidentSnapshot.Window> merged(IncidentSnapshot incident) {
        List<IncidentSnapshot.Window> all = new ArrayList<>(incident.components().stream().flatMap(c -> c.windows().stream()).toList());
        all.sort(Comparator.comparing(IncidentSnapshot.Window::start));
        List<IncidentSnapshot.Window> merged = new ArrayList<>();
        for (IncidentSnapshot.Window w : all) {
            if (!merged.isEmpty()) {
                IncidentSnapshot.Window last = merged.getLast();
                if (last.end() == null || !w.start().isAfter(last.end())) {
                    Instant end = last.end() == null || w.end() == null ? null : w.end().isAfter(last.end()) ? w.end() : last.end();
                    merged.set(merged.size() - 1, new IncidentSnapshot.Window(last.start(), end));
                    continue;
                }
            }
            merged.add(w);
        }
        return merged;
    }
}
