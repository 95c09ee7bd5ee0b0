package io.contingo.notification.delivery;

import java.net.URI;
import java.time.Duration;
import java.time.ZoneId;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

/**
 * {@code contingo.notification}: who the emails come from, where they link to, how long the first email of an
 * incident waits for more components to fail, how failed sends are retried, and the operator's time zone.
 *
 * @param statusPageUrl  the public status page (links in emails point at its incident pages)
 * @param groupWait      the first email about an incident goes out this long after the incident opened, naming
 *                       every component that failed meanwhile (Alertmanager's {@code group_wait})
 * @param maxRetryDelay  a failed send is tried again after 5 s, 10 s, 20 s... up to this delay
 * @param claimTimeout   an email claimed for sending and not reported sent or failed within this time (its instance
 *                       died mid-send) is sent again, with the same Message-ID; longer than the SMTP time-outs
 * @param timeZone       the time zone of the operator's pages (the delivery log); customers' emails use their own
 */
@Validated
@ConfigurationProperties("contingo.notification")
public record NotificationSettings(
        @DefaultValue("Contingo status <status@contingo.local>") @NotBlank String from,
        @DefaultValue("http://localhost:8080") @NotNull URI statusPageUrl,
        @DefaultValue("10s") @NotNull Duration groupWait,
        @DefaultValue("5m") @NotNull Duration maxRetryDelay,
        @DefaultValue("1m") @NotNull Duration claimTimeout,
        @DefaultValue("UTC") @NotNull ZoneId timeZone) {
}
