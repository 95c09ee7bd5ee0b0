package io.contingo.incident.console;

import io.contingo.events.ComponentStatus;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

/** A service an agent adds to an incident, or whose status in it the agent corrects. */
record ComponentForm(
        @NotBlank(message = "Choose a service") String componentId,
        @NotNull(message = "Choose how the service is affected") ComponentStatus status,
        @NotNull Long version) {

    @AssertTrue(message = "A service in an incident is out or degraded, not operational or under maintenance")
    public boolean isAnOutage() {
        return status == null || ConsoleController.INCIDENT_COMPONENT_STATUSES.contains(status);
    }
}
