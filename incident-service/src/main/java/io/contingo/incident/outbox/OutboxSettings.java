package io.contingo.incident.outbox;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.NotBlank;

/** {@code contingo.outbox}: where the relay publishes incident-service's events. */
@Validated
@ConfigurationProperties("contingo.outbox")
public record OutboxSettings(
        @DefaultValue("incident-events") @NotBlank String incidentEventsTopic,
        @DefaultValue("component-status") @NotBlank String componentStatusTopic) {
}
