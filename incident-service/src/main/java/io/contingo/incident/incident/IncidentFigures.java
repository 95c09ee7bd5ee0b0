package io.contingo.incident.incident;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * What agents see of an incident beyond its {@link io.contingo.events.IncidentSnapshot}, read from an
 * {@link Incident} at one moment: who acknowledged and owns it, how long it took, its internal timeline.
 *
 * @param version the stored version the figures were read at, or null before the first write
 * @param activity the internal timeline, oldest first
 * @param componentsOut names of the components still out
 */
public record IncidentFigures(Long version, Instant createdAt, Instant acknowledgedAt, String acknowledgedBy,
        Instant resolvedAt, String assignee, String declaredBy, int reopenCount, List<Activity> activity,
        List<String> componentsOut, Instant monitoringSince) {

    /** Time to acknowledge, or null while nobody has. */
    public Duration timeToAcknowledge() {
        return acknowledgedAt == null ? null : Duration.between(createdAt, acknowledgedAt);
    }

    /** Time from opening to resolution (MTTR), or null while open. */
    public Duration timeToResolve() {
        return resolvedAt == null ? null : Duration.between(createdAt, resolvedAt);
    }
}
