package io.contingo.incident.incident;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.NotNull;

/**
 * {@code contingo.incidents}: how the engine groups, reopens and resolves incidents.
 *
 * @param groupingWindow   failures of a site's components within this time of its incident's opening join that
 *                         incident; a failure later opens a new one
 * @param reopenWindow     a component failing again within this time of its incident's resolution reopens it
 * @param monitoringPeriod once every component has recovered the incident is "monitoring"; it resolves by itself
 *                         when nothing failed again for this long
 */
@Validated
@ConfigurationProperties("contingo.incidents")
public record IncidentSettings(
        @DefaultValue("2m") @NotNull Duration groupingWindow,
        @DefaultValue("12h") @NotNull Duration reopenWindow,
        @DefaultValue("5m") @NotNull Duration monitoringPeriod) {
}
