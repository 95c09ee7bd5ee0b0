package io.contingo.report.report;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Comparator;
import java.util.List;

import io.contingo.events.IncidentSnapshot;

/**
 * What a technical incident report says, in the structure operators send to their customers: the windows
 * of unavailability, impact, affected services, a dated description, root cause and corrective actions.
 */
public record TechnicalReport(
        IncidentSnapshot incident,
        List<Window> windows,
        List<String> services,
        List<Entry> timeline,
        String rootCause,
        List<IncidentSnapshot.CorrectiveAction> correctiveActions,
        ZoneId zone,
        ZonedDateTime generatedAt) {

    /** One period of unavailability of one service, in the report's time zone. */
    public record Window(String service, ZonedDateTime start, ZonedDateTime end, Duration duration) {
        public boolean ongoing() {
            return end == null;
        }
    }

    /** One dated line of the description. */
    public record Entry(ZonedDateTime at, IncidentSnapshot.Status status, String text) {
    }

    public static TechnicalReport of(IncidentSnapshot incident, ZoneId zone, Instant now) {
        // a window left open in a resolved incident ends with it, as in IncidentSnapshot.outage
        Instant until = incident.resolvedAt() != null && incident.resolvedAt().isBefore(now) ? incident.resolvedAt() : now;
        List<Window> windows = incident.components().stream()
                .flatMap(c -> c.windows().stream().map(w -> new Window(c.name(), w.start().atZone(zone),
                        w.end() == null ? null : w.end().atZone(zone),
                        Duration.between(w.start(), w.end() == null ? until : w.end()))))
                .sorted(Comparator.comparing(Window::start).thenComparing(Window::service))
                .toList();
        List<Entry> timeline = incident.updates().stream()
                .map(u -> new Entry(u.createdAt().atZone(zone), u.status(), u.body()))
                .toList();
        List<String> services = incident.components().stream().map(IncidentSnapshot.AffectedComponent::name).toList();
        List<IncidentSnapshot.CorrectiveAction> actions = incident.correctiveActions().stream()
                .sorted(Comparator.comparing(IncidentSnapshot.CorrectiveAction::phase)).toList();
        String rootCause = incident.rootCause() == null || incident.rootCause().isBlank() ? null : incident.rootCause();
        return new TechnicalReport(incident, windows, services, timeline, rootCause, actions, zone, now.atZone(zone));
    }

    public boolean resolved() {
        return incident.resolvedAt() != null;
    }

    /** Opened to first acknowledged (MTTA), or null while nobody has. */
    public Duration timeToAcknowledge() {
        return incident.acknowledgedAt() == null ? null : Duration.between(incident.createdAt(), incident.acknowledgedAt());
    }

    /**
     * How long the outage lasted (so far, while it lasts): the time during which at least one affected service was
     * unavailable, the union of the windows ({@link IncidentSnapshot#outage}).
     */
    public Duration outage() {
        return incident.outage(generatedAt.toInstant());
    }
}
