package io.contingo.incident.console;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** The root cause as agents record it for the technical report. */
record RootCauseForm(
        @NotBlank(message = "Describe the root cause") @Size(max = 4000, message = "Keep it under 4000 characters") String text,
        @NotNull Long version) {

    RootCauseForm {
        text = AgentText.clean(text);
    }
}
