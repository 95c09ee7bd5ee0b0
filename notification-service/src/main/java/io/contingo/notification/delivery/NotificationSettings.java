package io.contingo.notification.delivery;

import java.net.URI;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

/**
 * {@code contingo.notification}: who the emails come from, where they link to, and how failed sends are retried.
 *
 * @param statusPageUrl  the public status page (links in emails point at its incident pages)
 * @param maxRetryDelay  a failed send is tried again after 5 s, 10 s, 20 s... up to this delay
 */
@Validated
@ConfigurationProperties("contingo.notification")
public record NotificationSettings(
        @DefaultValue("Contingo status <status@contingo.local>") @NotBlank String from,
        @DefaultValue("http://localhost:8080") @NotNull URI statusPageUrl,
        @DefaultValue("5m") @NotNull Duration maxRetryDelay) {
}
