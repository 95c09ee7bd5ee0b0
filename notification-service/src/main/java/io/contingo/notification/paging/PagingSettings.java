package io.contingo.notification.paging;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

/**
 * {@code contingo.paging}: how pages reach the agents.
 *
 * @param language        the language of the page emails and webhook texts (the operator's)
 * @param webhookAttempts how often a webhook is tried before it is given up
 * @param firstRetryDelay the wait after a webhook's first failure, doubled after each next one
 * @param webhookTimeout  how long one webhook call may take
 * @param webhookSecret   optional: signs each webhook call as the customers' are ({@code X-Contingo-Timestamp},
 *                        {@code X-Contingo-Signature}); none (the default) sends them unsigned
 * @param deniedRanges    addresses no page's webhook may reach (CIDR), besides the deny-list's built-in ranges
 *                        (link-local, the cloud metadata services) that always apply
 */
@Validated
@ConfigurationProperties("contingo.paging")
public record PagingSettings(
        @DefaultValue("en") @NotBlank String language,
        @DefaultValue("5") @Min(1) int webhookAttempts,
        @DefaultValue("2s") @NotNull Duration firstRetryDelay,
        @DefaultValue("10s") @NotNull Duration webhookTimeout,
        String webhookSecret,
        @DefaultValue List<String> deniedRanges) {
}
