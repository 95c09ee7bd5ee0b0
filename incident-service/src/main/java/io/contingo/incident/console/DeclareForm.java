package io.contingo.incident.console;

import java.util.List;

import io.contingo.events.ComponentStatus;
import io.contingo.events.IncidentSnapshot;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * An incident declared by hand: a problem customers or suppliers report and no monitor sees.
 *
 * @param componentIds the affected components, all on one site
 * @param componentStatus how they are affected: partial or major outage, or degraded performance
 */
record DeclareForm(
        @NotBlank(message = "Name the incident as customers will read it") @Size(max = 200, message = "Keep it under 200 characters") String name,
        @NotEmpty(message = "Choose at least one affected service") List<String> componentIds,
        @NotNull(message = "Choose how the services are affected") ComponentStatus componentStatus,
        @NotNull(message = "Choose an impact") IncidentSnapshot.Impact impact,
        @NotNull(message = "Choose a severity") IncidentSnapshot.Severity severity,
        @NotBlank(message = "Write the first update customers will read") @Size(max = 2000, message = "Keep it under 2000 characters") String body) {

    DeclareForm {
        name = AgentText.clean(name);
        body = AgentText.clean(body);
    }

    @AssertTrue(message = "An incident's services are out or degraded, not operational or under maintenance")
    public boolean isAnOutage() {
        return componentStatus == null || componentStatus == ComponentStatus.MAJOR_OUTAGE || componentStatus == ComponentStatus.PARTIAL_OUTAGE
                || componentStatus == ComponentStatus.DEGRADED_PERFORMANCE;
    }
}
