package io.contingo.incident.console;

import io.contingo.events.IncidentSnapshot;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * A public update an agent posts: the new status and the text customers will read. Serializable, because a preview
 * carries it over a redirect in the shared login session.
 *
 * @param version the incident's version when the agent opened the page (optimistic locking)
 */
record UpdateForm(
        @NotNull(message = "Choose a status") @NotResolved IncidentSnapshot.Status status,
        @NotBlank(message = "Write what customers should know") @Size(max = 2000, message = "Keep it under 2000 characters") String body,
        @NotNull Long version) implements java.io.Serializable {

    UpdateForm {
        body = AgentText.clean(body);
    }
}
