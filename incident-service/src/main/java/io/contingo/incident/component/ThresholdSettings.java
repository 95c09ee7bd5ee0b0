package io.contingo.incident.component;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.Min;

/**
 * {@code contingo.thresholds}: how many consecutive results confirm a change, per monitor and probe.
 *
 * @param failure consecutive DOWN (or DEGRADED) results before the monitor counts as down (or degraded)
 * @param success consecutive UP results before it counts as up again
 * @param quorum  how many of a monitor's probe locations must agree that it is down: {@code majority},
 *                {@code all}, {@code any} or a number
 */
@Validated
@ConfigurationProperties("contingo.thresholds")
public record ThresholdSettings(@DefaultValue("3") @Min(1) int failure, @DefaultValue("2") @Min(1) int success,
        @DefaultValue("majority") Quorum quorum) {
}
