package io.contingo.report.incident;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

import io.contingo.events.IncidentSnapshot;

/** The latest snapshot of one incident, with the sequence of the event that carried it. */
@Document("incidents")
public record IncidentRecord(@Id String id, long sequence, IncidentSnapshot incident) {
}
