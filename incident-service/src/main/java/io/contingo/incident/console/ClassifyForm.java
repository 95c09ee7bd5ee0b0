package io.contingo.incident.console;

import io.contingo.events.IncidentSnapshot;
import jakarta.validation.constraints.NotNull;

/** The agent's judgement of how bad the incident is. */
record ClassifyForm(
        @NotNull(message = "Choose a severity") IncidentSnapshot.Severity severity,
        @NotNull(message = "Choose an impact") IncidentSnapshot.Impact impact,
        @NotNull Long version) {
}
