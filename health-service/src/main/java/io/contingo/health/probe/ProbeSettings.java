package io.contingo.health.probe;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import io.contingo.health.address.AddressRange;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

/**
 * Who this probe is and what it must never reach.
 *
 * @param id       goes into every health event
 * @param location where the probe checks from
 * @param denyList addresses no check may connect to (CIDR blocks); by default link-local addresses and the
 *                 cloud metadata services. An empty list allows every address.
 */
@Validated
@ConfigurationProperties("contingo.probe")
public record ProbeSettings(
        @DefaultValue("probe-local") @NotBlank String id,
        @DefaultValue("local") @NotBlank String location,
        @DefaultValue({"169.254.0.0/16", "fe80::/10", "169.254.169.254/32", "fd00:ec2::254/128", "100.100.100.200/32"})
        @NotNull List<AddressRange> denyList) {
}
