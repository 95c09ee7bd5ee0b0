package io.contingo.report.component;

import java.time.Instant;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

import io.contingo.events.ComponentStatus;

/** One change of a component's public status, as published on {@code component-status}; its id is the event's. */
@Document("component_status_history")
public record StatusChangeRecord(@Id String eventId, String componentId, String componentName, String siteId, long sequence,
        ComponentStatus from, ComponentStatus to, Instant at, String incidentId) {
}
