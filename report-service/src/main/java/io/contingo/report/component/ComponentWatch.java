package io.contingo.report.component;

import java.time.Instant;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

import io.contingo.events.ComponentStatus;

/**
 * What the history knows of one component without reading it: its first change (it is watched since then at the
 * latest, and was in {@code firstStatus} before it) and its latest change, so that a report reads only the days of
 * its period ({@link StatusDay}) and these two ends.
 *
 * @param firstStatus the {@code from} of its first change (by sequence): its status before anything changed
 * @param componentName the name its latest change gave, with {@code siteId}: for a component the catalog no longer has
 */
@Document("component_watch")
public record ComponentWatch(@Id String componentId, Instant firstAt, Instant lastAt, ComponentStatus lastStatus, long lastSequence,
        ComponentStatus firstStatus, String componentName, String siteId) {
}
