package io.contingo.incident.console;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** An internal note: for the agents, never on the status page. */
record NoteForm(
        @NotBlank(message = "Write the note") @Size(max = 4000, message = "Keep it under 4000 characters") String note,
        @NotNull Long version) {

    NoteForm {
        note = AgentText.clean(note);
    }
}
