package io.contingo.incident.drp;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.contingo.events.DrpCommand.StepKind;

/**
 * One step of a runbook. Which settings a step takes depends on its kind:
 * <ul>
 * <li>{@code webhook}: url, method (POST), body, timeout (30 s), retries (0), expectedStatus (any 2xx);</li>
 * <li>{@code manual}: instructions for the person who does it;</li>
 * <li>{@code wait-for-health}: components that must be up, timeout (10 min);</li>
 * <li>{@code switch-entry}: site the entry URL points to (the run's target by default);</li>
 * <li>{@code set-role}: roles, site id → active, standby, maintenance or inactive;</li>
 * <li>{@code notify-customers}: nothing; customers are emailed that service moved to the run's target.</li>
 * </ul>
 *
 * @param group     steps with the same group number run in parallel; without one, a step runs after the previous
 * @param condition run only when a component is in a state: {@code "prod-db DOWN"} or {@code "prod-db UP"}
 */
public record RunbookStep(
        String name,
        StepKind kind,
        Duration estimate,
        Integer group,
        String condition,
        String url,
        String method,
        String body,
        Duration timeout,
        Integer retries,
        Integer expectedStatus,
        String instructions,
        List<String> components,
        String site,
        Map<String, String> roles) {

    public RunbookStep {
        components = components == null ? List.of() : List.copyOf(components);
        roles = roles == null ? Map.of() : Map.copyOf(roles);
    }

    /** How long the step may take before it fails. */
    public Duration timeoutOrDefault() {
        if (timeout != null) {
            return timeout;
        }
        return kind == StepKind.WAIT_FOR_HEALTH ? Duration.ofMinutes(10) : Duration.ofSeconds(30);
    }

    /** The component of the condition, or null. */
    public String conditionComponent() {
        return condition == null ? null : condition.trim().split("\\s+")[0];
    }

    /** Whether the condition asks for the component to be UP (else DOWN). */
    public boolean conditionWantsUp() {
        return condition != null && condition.trim().toUpperCase(java.util.Locale.ROOT).endsWith(" UP");
    }
}
