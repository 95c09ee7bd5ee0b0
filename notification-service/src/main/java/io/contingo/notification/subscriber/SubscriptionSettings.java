package io.contingo.notification.subscriber;

import java.net.URI;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * {@code contingo.subscription}: how customers subscribe and leave by themselves.
 *
 * @param publicUrl            where customers reach this service's pages (links in emails point here)
 * @param linkSecret           signs the manage and unsubscribe links (HMAC-SHA256); at least 32 characters
 * @param unsubscribeMailbox   the address of the {@code mailto:} in {@code List-Unsubscribe}
 * @param confirmationValidity how long a confirmation link works
 * @param perClientPerHour     subscription requests from one client address per hour
 * @param perAddressPerHour    subscription requests for one email address per hour
 */
@Validated
@ConfigurationProperties("contingo.subscription")
public record SubscriptionSettings(
        @DefaultValue("http://localhost:8082") @NotNull URI publicUrl,
        @NotBlank @Size(min = 32) String linkSecret,
        @DefaultValue("unsubscribe@contingo.local") @NotBlank String unsubscribeMailbox,
        @DefaultValue("48h") @NotNull Duration confirmationValidity,
        @DefaultValue("5") @Min(1) int perClientPerHour,
        @DefaultValue("5") @Min(1) int perAddressPerHour) {

    /** The public address without a trailing slash. */
    public String base() {
        return publicUrl.toString().replaceAll("/$", "");
    }
}
