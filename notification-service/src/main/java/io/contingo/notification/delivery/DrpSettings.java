package io.contingo.notification.delivery;

import java.net.URI;
import java.util.List;
import java.util.Locale;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

/**
 * {@code contingo.notification.drp}: the managers, who are asked to approve a proposed DRP run and told that a
 * report is ready, in which language, and where they decide. Customers are never on this list: they hear of a run
 * only when the site serving them changes, and never of reports.
 *
 * @param managers   the addresses a proposed run's approval request and a published report's link go to (one email
 *                   each, once per run or report announcement)
 * @param language   the language of the managers' emails (their times are in {@code contingo.notification.time-zone})
 * @param consoleUrl incident-service's console as managers reach it: the request links to {@code /console/drp/runs/<runId>}
 */
@Validated
@ConfigurationProperties("contingo.notification.drp")
public record DrpSettings(
        @DefaultValue @NotNull List<@NotBlank String> managers,
        @DefaultValue("en") @NotNull Locale language,
        @DefaultValue("http://localhost:8080") @NotNull URI consoleUrl) {
}
