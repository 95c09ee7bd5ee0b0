package io.contingo.health.monitor;

import java.net.URI;
import java.time.Duration;

import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.bind.DefaultValue;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/**
 * One HTTP check of one component, as written in the monitors file.
 *
 * @param expectedStatus  the HTTP status that means UP; 0 accepts any 2xx
 * @param degradedLatency an answer slower than this is DEGRADED (none when null)
 */
public record MonitorDefinition(
        @NotBlank @Pattern(regexp = "[a-z0-9][a-z0-9-]*", message = "must be lower-case letters, digits and dashes") String id,
        @NotBlank String componentId,
        @NotBlank String siteId,
        @NotNull URI url,
        @DefaultValue("GET") @Pattern(regexp = "GET|HEAD|POST", message = "must be GET, HEAD or POST") String method,
        @DefaultValue("0") @Min(0) @Max(599) int expectedStatus,
        @DefaultValue("10s") @NotNull @DurationMin(millis = 500, message = "must be at least 500 ms") Duration interval,
        @DefaultValue("3s") @NotNull @DurationMin(millis = 100, message = "must be at least 100 ms") Duration timeout,
        Duration degradedLatency) {

    /** A check must be over before the next one starts. */
    @AssertTrue(message = "timeout must be shorter than interval")
    public boolean isTimeoutShorterThanInterval() {
        return timeout == null || interval == null || timeout.compareTo(interval) < 0;
    }

    @AssertTrue(message = "url must be an absolute http:// or https:// address")
    public boolean isHttpUrl() {
        return url == null || ("http".equals(url.getScheme()) || "https".equals(url.getScheme())) && url.getHost() != null;
    }
}
