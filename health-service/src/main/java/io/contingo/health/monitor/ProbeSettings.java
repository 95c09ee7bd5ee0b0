package io.contingo.health.monitor;

import java.time.Duration;
import java.util.List;

import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import io.contingo.starter.address.AddressRange;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

/**
 * Who this probe is, what it must never reach, and how it shares the monitors with the other instances of its
 * location.
 *
 * @param id           goes into every health event; each instance has its own
 * @param location     where the probe checks from; the instances of one location share its monitors
 * @param denyList     addresses no check may connect to (CIDR blocks), on top of the built-in ones (link-local
 *                     addresses and the cloud metadata services, {@code DenyList.BUILT_IN}), which always apply
 * @param shards       the monitors of a location are cut into this many shards, each checked by the one instance
 *                     holding its lease; every instance of a location must say the same
 * @param leaseTtl     a lease not renewed for this long is free for another instance: how long the monitors of an
 *                     instance that died go unchecked, at most, plus one renewal
 * @param leaseRenewal how often an instance renews its leases and takes or gives back shards
 * @param refresh      how often an instance reads the monitors other instances changed
 */
@Validated
@ConfigurationProperties("contingo.probe")
public record ProbeSettings(
        @DefaultValue("probe-local") @NotBlank String id,
        @DefaultValue("local") @NotBlank String location,
        @DefaultValue @NotNull List<AddressRange> denyList,
        @DefaultValue("64") @Min(1) @Max(4096) int shards,
        @DefaultValue("6s") @NotNull @DurationMin(millis = 200) Duration leaseTtl,
        @DefaultValue("2s") @NotNull @DurationMin(millis = 50) Duration leaseRenewal,
        @DefaultValue("2s") @NotNull @DurationMin(millis = 50) Duration refresh) {

    /** A lease renewed less often than it lasts would lapse between two renewals. */
    @AssertTrue(message = "lease-renewal must be shorter than lease-ttl")
    public boolean isRenewalShorterThanTtl() {
        return leaseTtl == null || leaseRenewal == null || leaseRenewal.compareTo(leaseTtl) < 0;
    }
}
