package io.contingo.notification.subscription;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import io.contingo.events.SiteDefined;
import io.contingo.notification.delivery.SiteCatalog;

/**
 * The components a customer may follow, grouped by site, as the site catalog has them. Read at most once a minute:
 * the subscribe page is public, and the catalog changes only when incident-service starts with another one. When
 * the broker does not answer, the last list read (or none: then only "all services" can be chosen).
 */
@Component
public class FollowableComponents {

    private static final Logger log = LoggerFactory.getLogger(FollowableComponents.class);
    private static final Duration FRESH = Duration.ofMinutes(1);

    private final SiteCatalog catalog;
    private final Clock clock = Clock.systemUTC();
    private volatile List<SiteDefined> sites = List.of();
    private volatile Instant readAt = Instant.MIN;

    FollowableComponents(SiteCatalog catalog) {
        this.catalog = catalog;
    }

    /** The sites by name, each with its components in the catalog's order. */
    List<SiteDefined> sites() {
        Instant now = clock.instant();
        if (readAt.plus(FRESH).isBefore(now)) {
            try {
                sites = catalog.sites().stream().sorted(Comparator.comparing(SiteDefined::name)).toList();
            } catch (RuntimeException e) {
                log.warn("The site catalog could not be read, the subscribe page offers the last list read: {}", e.getMessage());
            }
            readAt = now;
        }
        return sites;
    }

    /** Each component's name by its id. */
    public Map<String, String> names() {
        return sites().stream().flatMap(site -> site.components().stream())
                .collect(Collectors.toMap(SiteDefined.Component::id, SiteDefined.Component::name, (a, b) -> a));
    }

    /** Whether every id is a component of the catalog. */
    boolean allKnown(List<String> ids) {
        Map<String, String> known = names();
        return ids.stream().allMatch(known::containsKey);
    }
}
