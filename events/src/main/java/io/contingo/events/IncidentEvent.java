package io.contingo.events;

import java.time.Instant;
import java.util.Objects;

/**
 * Something happened to an incident; the event carries the whole incident as it is now (a snapshot,
 * not a diff). Topic {@link Topics#INCIDENT_EVENTS}, key incidentId.
 *
 * @param sequence per incident, increasing from 1: a consumer ignores any sequence it has already applied
 */
public record IncidentEvent(
        String eventId,
        Type type,
        String incidentId,
        long sequence,
        Instant occurredAt,
        IncidentSnapshot incident) implements ContingoEvent {

    /** What happened. */
    public enum Type {
        /** The incident was opened (by the engine or by hand). */
        OPENED,
        /** More components became affected, or some recovered while others are still out. */
        COMPONENTS_CHANGED,
        /** A public update was posted. */
        UPDATED,
        /** Internal details changed (root cause, corrective actions): nothing new for customers. */
        DETAILS_CHANGED,
        /** The incident was resolved. */
        RESOLVED,
        /** A component failed again soon after the incident was resolved: the incident is open again. */
        REOPENED
    }

    public IncidentEvent {
        Objects.requireNonNull(eventId, "eventId is required");
        Objects.requireNonNull(type, "type is required");
        Objects.requireNonNull(incidentId, "incidentId is required");
        Objects.requireNonNull(occurredAt, "occurredAt is required");
        Objects.requireNonNull(incident, "incident is required");
        if (sequence < 1) {
            throw new IllegalArgumentException("sequence must be 1 or more, was " + sequence);
        }
    }

    @Override
    public String aggregateId() {
        return incidentId;
    }
}
