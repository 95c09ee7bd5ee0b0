package io.contingo.incident.drp;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.stereotype.Component;

import io.contingo.events.DrpRunSnapshot;
import io.contingo.incident.catalog.Catalog;
import io.contingo.incident.catalog.CatalogSettings;
import io.contingo.incident.component.BackupReadings;
import io.contingo.incident.component.SiteHealth;
import io.contingo.starter.text.ReadableDuration;

/**
 * What a decision costs, and the guards that stop a run towards a standby that cannot take the service: the RPO
 * exposure (age of the last good backup the standby starts from) against its target, the standby's health, and
 * when the site was lost.
 */
@Component
class RecoveryFigures {

    private final BackupReadings backups;
    private final SiteHealth health;
    private final Catalog catalog;
    private final DrpSettings settings;

    RecoveryFigures(BackupReadings backups, SiteHealth health, Catalog catalog, DrpSettings settings) {
        this.backups = backups;
        this.health = health;
        this.catalog = catalog;
        this.settings = settings;
    }

    /** The age of the oldest last good backup among the pair's backup monitors, now; empty when none reported. */
    Optional<Duration> rpoExposure(DrpSettings.Pair pair, Instant now) {
        return pair.backupMonitors().stream().map(backups::of).flatMap(Optional::stream)
                .map(r -> r.exposureAt(now)).max(Comparator.naturalOrder());
    }

    /** Why a run towards {@code toSiteId} should not start: the target is not healthy, or the backup is too old. */
    List<String> problems(DrpSettings.Pair pair, DrpRunSnapshot.Kind kind, String toSiteId, Instant now) {
        List<String> problems = new ArrayList<>();
        CatalogSettings.Site target = site(toSiteId);
        List<String> notUp = health.of(componentIds(target)).values().stream().filter(s -> !s.isUp())
                .map(s -> catalog.componentName(s.componentId(), "en") + " is " + words(s.status().name())).toList();
        if (!notUp.isEmpty()) {
            problems.add("The " + target.name() + " site is not healthy: " + String.join(", ", notUp) + ".");
        }
        if (kind == DrpRunSnapshot.Kind.FAILOVER) {
            Optional<Duration> exposure = rpoExposure(pair, now);
            if (exposure.isPresent() && exposure.get().compareTo(settings.rpoTarget()) > 0) {
                problems.add("The last good backup the " + target.name() + " site would start from is "
                        + ReadableDuration.of(exposure.get()) + " old, over the RPO target of " + ReadableDuration.of(settings.rpoTarget()) + ".");
            }
        }
        return problems;
    }

    /** When every component of the site went out, if all of them are out now. */
    Optional<Instant> allOutSince(String siteId) {
        Map<String, SiteHealth.Status> statuses = health.of(componentIds(site(siteId)));
        if (statuses.isEmpty() || !statuses.values().stream().allMatch(SiteHealth.Status::isDown)) {
            return Optional.empty();
        }
        return statuses.values().stream().map(SiteHealth.Status::since).filter(java.util.Objects::nonNull).max(Comparator.naturalOrder());
    }

    boolean allUp(List<String> componentIds) {
        return health.allUp(componentIds);
    }

    CatalogSettings.Site site(String siteId) {
        return catalog.sites().stream().filter(s -> s.id().equals(siteId)).findFirst()
                .orElseThrow(() -> new IllegalStateException("No site " + siteId + " in the catalog"));
    }

    String siteName(String siteId) {
        return catalog.sites().stream().filter(s -> s.id().equals(siteId)).findFirst().map(CatalogSettings.Site::name).orElse(siteId);
    }

    private static List<String> componentIds(CatalogSettings.Site site) {
        return site.components().stream().map(CatalogSettings.Component::id).toList();
    }

    private static String words(String status) {
        return status.toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
    }
}
