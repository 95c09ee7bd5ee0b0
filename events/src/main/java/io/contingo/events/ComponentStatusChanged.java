package io.contingo.events;

import java.time.Instant;
import java.util.Objects;

/**
 * A component's public status changed. Topic {@link Topics#COMPONENT_STATUS}, key componentId.
 *
 * @param sequence   per component, increasing: a consumer ignores any sequence it has already applied
 * @param incidentId the incident that covers this change, or {@code null}
 */
public record ComponentStatusChanged(
        String eventId,
        String componentId,
        String componentName,
        String siteId,
        long sequence,
        ComponentStatus from,
        ComponentStatus to,
        Instant at,
        String incidentId) implements ContingoEvent {

    public ComponentStatusChanged {
        Objects.requireNonNull(eventId, "eventId is required");
        Objects.requireNonNull(componentId, "componentId is required");
        Objects.requireNonNull(siteId, "siteId is required");
        Objects.requireNonNull(from, "from is required");
        Objects.requireNonNull(to, "to is required");
        Objects.requireNonNull(at, "at is required");
    }

    @Override
    public String aggregateId() {
        return componentId;
    }
}
