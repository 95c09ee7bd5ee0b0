package io.contingo.incident.console;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** Resolving by hand, with the last public update customers will read. */
record ResolveForm(
        @NotBlank(message = "Tell customers how it ended") @Size(max = 2000, message = "Keep it under 2000 characters") String resolution,
        @NotNull Long version) {

    ResolveForm {
        resolution = AgentText.clean(resolution);
    }
}
