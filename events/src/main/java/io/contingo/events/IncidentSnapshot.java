package io.contingo.events;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * An incident as customers and managers see it, carried whole in every {@link IncidentEvent}.
 *
 * @param status     the public lifecycle: investigating, identified, monitoring, resolved
 * @param impact     none, minor, major, critical (Statuspage's vocabulary)
 * @param components the affected components, each with its own unavailability windows
 * @param updates    the public timeline, oldest first
 * @param rootCause  what caused the incident, as the agents recorded it (internal until reported), or null
 * @param correctiveActions what is done so that it does not happen again
 * @param severity   SEV1 (worst) to SEV4, from the impact or as the agents set it
 * @param acknowledgedAt when an agent first took the incident on (MTTA), or null
 */
public record IncidentSnapshot(
        String id,
        String name,
        String siteId,
        String siteName,
        Status status,
        Impact impact,
        Instant createdAt,
        Instant resolvedAt,
        List<AffectedComponent> components,
        List<Update> updates,
        String rootCause,
        List<CorrectiveAction> correctiveActions,
        Severity severity,
        Instant acknowledgedAt) {

    public enum Status { INVESTIGATING, IDENTIFIED, MONITORING, RESOLVED }

    public enum Impact { NONE, MINOR, MAJOR, CRITICAL }

    /** How urgent the incident is for the operator: SEV1 is the worst. */
    public enum Severity { SEV1, SEV2, SEV3, SEV4 }

    public IncidentSnapshot {
        Objects.requireNonNull(id, "id is required");
        Objects.requireNonNull(name, "name is required");
        Objects.requireNonNull(status, "status is required");
        Objects.requireNonNull(impact, "impact is required");
        Objects.requireNonNull(createdAt, "createdAt is required");
        components = components == null ? List.of() : List.copyOf(components);
        updates = updates == null ? List.of() : List.copyOf(updates);
        correctiveActions = correctiveActions == null ? List.of() : List.copyOf(correctiveActions);
        severity = severity == null ? Severity.SEV3 : severity; // events written before severity existed
    }

    /**
     * A component the incident touches, its worst status during the incident and its windows of
     * unavailability (an open window has no {@code end}).
     */
    public record AffectedComponent(String componentId, String name, ComponentStatus status, List<Window> windows) {
        public AffectedComponent {
            Objects.requireNonNull(componentId, "componentId is required");
            windows = windows == null ? List.of() : List.copyOf(windows);
        }
    }

    /** A period during which a component was unavailable; {@code end} is null while it lasts. */
    public record Window(Instant start, Instant end) {
        public Window {
            Objects.requireNonNull(start, "start is required");
        }
    }

    /** When a corrective action is due, in the phases operators plan them in. */
    public enum Phase { IMMEDIATE, SHORT_TERM, LONG_TERM }

    /** Something done so that the incident does not happen again. */
    public record CorrectiveAction(String description, String owner, java.time.LocalDate due, Phase phase, boolean done) {
        public CorrectiveAction {
            Objects.requireNonNull(description, "description is required");
            Objects.requireNonNull(phase, "phase is required");
        }
    }

    /** One entry of the public timeline. */
    public record Update(String id, Status status, String body, Instant createdAt) {
        public Update {
            Objects.requireNonNull(id, "id is required");
            Objects.requireNonNull(status, "status is required");
            Objects.requireNonNull(createdAt, "createdAt is required");
        }
    }
}
