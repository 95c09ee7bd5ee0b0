package io.contingo.report.component;

import java.time.Instant;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

import io.contingo.events.ComponentStatus;

/**
 * What the history knows of one component without reading it: its first change (it is watched since then at the
 * latest) and its latest change, so that a report reads only the changes inside its period.
 */
@Document("component_watch")
public record ComponentWatch(@Id String componentId, Instant firstAt, Instant lastAt, ComponentStatus lastStatus, long lastSequence) {
}
