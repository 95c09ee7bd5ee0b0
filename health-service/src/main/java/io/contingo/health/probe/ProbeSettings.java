package io.contingo.health.probe;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.NotBlank;

/**
 * Who this probe is: its id goes into every health event, its location tells where it checks from.
 */
@Validated
@ConfigurationProperties("contingo.probe")
public record ProbeSettings(
        @DefaultValue("probe-local") @NotBlank String id,
        @DefaultValue("local") @NotBlank String location) {
}
