package io.contingo.incident.maintenance;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.NotNull;

/**
 * {@code contingo.maintenance}: who may plan how long a window. A window silences detection on its services for as
 * long as it lasts.
 *
 * @param agentMax the longest window an agent may plan; a longer one needs a manager
 */
@Validated
@ConfigurationProperties("contingo.maintenance")
public record MaintenanceSettings(@DefaultValue("4h") @NotNull Duration agentMax) {
}
