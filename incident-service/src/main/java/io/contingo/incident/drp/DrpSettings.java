package io.contingo.incident.drp;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import io.contingo.starter.address.AddressRange;
import io.contingo.starter.address.DenyList;

/**
 * {@code contingo.drp}: the site pairs, their activation policy and targets, the runbooks seeded into the
 * database, and how runbook steps reach the operator's automation.
 *
 * @param rpoTarget     the most data a switch may lose: the age of the standby's last good backup (seed 004: 2 h)
 * @param rtoTarget     the longest a recovery may take, from the loss of the site to service on the other
 * @param lostAfter     how long every component of the active site must be in major outage before the site is lost
 * @param webhookSecret the key of the HMAC signature of every webhook and entry switch
 * @param deniedRanges  addresses no webhook may reach (CIDR), as for monitors: added to the built-in ranges, never replacing them
 */
@Validated
@ConfigurationProperties("contingo.drp")
public record DrpSettings(
        @DefaultValue("2h") Duration rpoTarget,
        @DefaultValue("4h") Duration rtoTarget,
        @DefaultValue("5m") Duration lostAfter,
        @NotBlank String webhookSecret,
        @DefaultValue("drp-commands") String commandsTopic,
        @DefaultValue("drp-events") String eventsTopic,
        @DefaultValue List<String> deniedRanges,
        @DefaultValue List<@Valid Pair> pairs,
        @DefaultValue List<Runbook> runbooks) {

    /** The addresses no webhook may reach: the built-in ranges (link-local, cloud metadata) and the operator's own. */
    public DenyList denyList() {
        return DenyList.withBuiltIns(
                deniedRanges.stream().map(AddressRange::valueOf).toList());
    }

    /** How a DRP of a pair starts once its active site is lost. */
    public enum Policy {
        /** An agent proposes, a manager approves or refuses. */
        MANUAL,
        /** Starts by itself when the active site is lost and the standby is healthy with a recent backup. */
        AUTOMATIC,
        /** Contingo proposes when the site is lost, and starts after {@code automaticAfter} without an answer. */
        AUTOMATIC_AFTER
    }

    /**
     * A production site and its contingency site.
     *
     * @param backupMonitors the backup monitors of the data the contingency site starts from (their {@code rpoSeconds})
     * @param entryControlUrl where the entry URL is switched (POST {"site": "..."}, signed)
     * @param failoverRunbook and {@code returnRunbook}: the ids of the runbooks of each way
     */
    public record Pair(@NotBlank String id, @NotBlank String productionSite, @NotBlank String contingencySite,
            @DefaultValue("manual") Policy policy, @DefaultValue("15m") Duration automaticAfter,
            @DefaultValue List<String> backupMonitors, @NotNull URI entryControlUrl,
            @DefaultValue("failover") String failoverRunbook, @DefaultValue("return") String returnRunbook) {
    }

    public Pair pair(String id) {
        return pairs.stream().filter(p -> p.id().equals(id)).findFirst()
                .orElseThrow(() -> new DrpRefusal.NotFound("No site pair " + id + "; pairs: "
                        + pairs.stream().map(Pair::id).toList()));
    }
}
