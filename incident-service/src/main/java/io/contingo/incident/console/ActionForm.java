package io.contingo.incident.console;

import java.time.LocalDate;

import org.springframework.format.annotation.DateTimeFormat;

import io.contingo.events.IncidentSnapshot;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** A corrective action: what, who, by when, in which phase. */
record ActionForm(
        @NotBlank(message = "Say what will be done") @Size(max = 500, message = "Keep it under 500 characters") String description,
        @Size(max = 100, message = "Keep it under 100 characters") String owner,
        @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate due,
        @NotNull(message = "Choose a phase") IncidentSnapshot.Phase phase,
        @NotNull Long version) {

    ActionForm {
        description = AgentText.clean(description);
        owner = AgentText.clean(owner);
    }
}
