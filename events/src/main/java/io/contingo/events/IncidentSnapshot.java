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
        List<Update> updates) {

    public enum Status { INVESTIGATING, IDENTIFIED, MONITORING, RESOLVED }

    public enum Impact { NONE, MINOR, MAJOR, CRITICAL }

    public IncidentSnapshot {
        Objects.requireNonNull(id, "id is required");
        Objects.requireNonNull(name, "name is required");
        Objects.requireNonNull(status, "status is required");
        Objects.requireNonNull(impact, "impact is required");
        Objects.requireNonNull(createdAt, "createdAt is required");
        components = components == null ? List.of() : List.copyOf(components);
        updates = updates == null ? List.of() : List.copyOf(updates);
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

    /** One entry of the public timeline. */
    public record Update(String id, Status status, String body, Instant createdAt) {
        public Update {
            Objects.requireNonNull(id, "id is required");
            Objects.requireNonNull(status, "status is required");
            Objects.requireNonNull(createdAt, "createdAt is required");
        }
    }
}
