package io.contingo.events;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * One check of one monitor from one probe location. Topic {@link Topics#HEALTH_EVENTS}, key componentId.
 *
 * @param latencyMs  time the check took, or {@code null} when it never got an answer
 * @param detail     what was seen, in words an operator understands ("HTTP 503", "timed out after 2000 ms")
 * @param attributes extra readings (e.g. {@code httpStatus}, {@code rpoSeconds}, {@code location}); never null
 */
public record HealthEvent(
        String eventId,
        String monitorId,
        String componentId,
        String siteId,
        String probeId,
        HealthStatus status,
        Instant observedAt,
        Long latencyMs,
        String detail,
        Map<String, String> attributes) implements ContingoEvent {

    /** The attribute naming where the probe runs; a probe without it is a location of its own. */
    public static final String LOCATION = "location";

    public HealthEvent {
        Objects.requireNonNull(eventId, "eventId is required");
        Objects.requireNonNull(monitorId, "monitorId is required");
        Objects.requireNonNull(componentId, "componentId is required");
        Objects.requireNonNull(siteId, "siteId is required");
        Objects.requireNonNull(probeId, "probeId is required");
        Objects.requireNonNull(status, "status is required");
        Objects.requireNonNull(observedAt, "observedAt is required");
        attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
    }

    @Override
    public String aggregateId() {
        return componentId;
    }
}
