package io.contingo.notification.webhook;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/**
 * {@code contingo.webhooks}: customers who take Statuspage-shaped webhooks instead of emails.
 *
 * @param deniedRanges      addresses no webhook may reach (CIDR), besides the deny-list's built-in ranges (link-local,
 *                          the cloud metadata services) that always apply; private and loopback addresses are refused
 *                          to customers' webhooks besides
 * @param allowLoopbackHttp TESTS ONLY: also take {@code http://127.0.0.1:<port>/...}, a receiver on this machine
 * @param firstRetryDelay   a failed call is tried again after this delay, twice as long after each next failure
 * @param attempts          calls of one payload before it is given up (FAILED)
 * @param timeout           how long a receiver may take to connect and to answer
 */
@Validated
@ConfigurationProperties("contingo.webhooks")
public record WebhookSettings(
        @DefaultValue List<String> deniedRanges,
        @DefaultValue("false") boolean allowLoopbackHttp,
        @DefaultValue("5s") @NotNull Duration firstRetryDelay,
        @DefaultValue("8") @Min(1) int attempts,
        @DefaultValue("10s") @NotNull Duration timeout) {
}
