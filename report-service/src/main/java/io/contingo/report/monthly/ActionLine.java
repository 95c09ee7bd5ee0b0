package io.contingo.report.monthly;

import java.time.LocalDate;

import io.contingo.events.IncidentSnapshot;

/** An open corrective action of an incident; overdue when its due day passed before the report's day. */
public record ActionLine(String incidentId, String incidentName, String description, String owner, IncidentSnapshot.Phase phase,
        LocalDate due, boolean overdue) {
}
