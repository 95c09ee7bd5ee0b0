package io.contingo.incident.statuspage;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

import io.contingo.events.ComponentStatus;
import io.contingo.events.IncidentSnapshot;
import io.contingo.events.IncidentSnapshot.Impact;
import io.contingo.incident.catalog.Catalog;
import io.contingo.incident.catalog.CatalogSettings;
import io.contingo.incident.component.ComponentState;
import io.contingo.incident.incident.Incident;
import io.contingo.incident.incident.Incidents;

/** What the public sees right now: components by site, unresolved incidents, the overall indicator. */
@Component
class StatusSummary {

    /** Statuspage's overall indicator. */
    enum Indicator {
        NONE("All Systems Operational"), MINOR("Minor Service Outage"), MAJOR("Partial System Outage"),
        CRITICAL("Major System Outage"), MAINTENANCE("Service Under Maintenance");

        final String description;

        Indicator(String description) {
            this.description = description;
        }

        String apiName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    record ComponentView(String id, String name, String description, String siteId, int position, ComponentStatus status,
            Instant createdAt, Instant updatedAt) {
    }

    record SiteView(CatalogSettings.Site site, List<ComponentView> components, ComponentStatus worst) {
    }

    record Snapshot(CatalogSettings.Page page, Indicator indicator, List<SiteView> sites,
            List<IncidentSnapshot> unresolved, List<IncidentSnapshot> recentlyResolved, Instant updatedAt) {
    }

    private final Catalog catalog;
    private final MongoTemplate mongo;
    private final Incidents incidents;

    StatusSummary(Catalog catalog, MongoTemplate mongo, Incidents incidents) {
        this.catalog = catalog;
        this.mongo = mongo;
        this.incidents = incidents;
    }

    Snapshot now() {
        Map<String, ComponentState> states = mongo.findAll(ComponentState.class).stream()
                .collect(Collectors.toMap(ComponentState::componentId, Function.identity()));
        Instant epoch = Instant.EPOCH;
        List<SiteView> sites = catalog.sites().stream().map(site -> {
            List<ComponentView> components = site.components().stream().map(c -> {
                ComponentState state = states.get(c.id());
                int position = catalog.component(c.id()).map(Catalog.Placement::position).orElse(0);
                return new ComponentView(c.id(), c.name(), c.description(), site.id(), position,
                        state == null ? ComponentStatus.OPERATIONAL : state.status(),
                        state == null ? epoch : state.createdAt(), state == null ? epoch : state.updatedAt());
            }).toList();
            ComponentStatus worst = components.stream().map(ComponentView::status)
                    .max(Comparator.comparingInt(StatusSummary::severity)).orElse(ComponentStatus.OPERATIONAL);
            return new SiteView(site, components, worst);
        }).toList();
        List<IncidentSnapshot> unresolved = incidents.unresolved().stream().map(Incident::snapshot).toList();
        List<IncidentSnapshot> resolved = incidents.recent(10).stream().filter(i -> !i.isOpen()).map(Incident::snapshot).toList();
        Instant updatedAt = sites.stream().flatMap(s -> s.components().stream()).map(ComponentView::updatedAt)
                .max(Comparator.naturalOrder()).orElse(epoch);
        return new Snapshot(catalog.page(), indicator(sites, unresolved), sites, unresolved, resolved, updatedAt);
    }

    private static Indicator indicator(List<SiteView> sites, List<IncidentSnapshot> unresolved) {
        Indicator fromIncidents = unresolved.stream().map(IncidentSnapshot::impact).max(Comparator.naturalOrder())
                .map(StatusSummary::indicatorOf).orElse(Indicator.NONE);
        ComponentStatus worst = sites.stream().map(SiteView::worst).max(Comparator.comparingInt(StatusSummary::severity))
                .orElse(ComponentStatus.OPERATIONAL);
        Indicator fromComponents = switch (worst) {
            case OPERATIONAL -> Indicator.NONE;
            case UNDER_MAINTENANCE -> Indicator.MAINTENANCE;
            case DEGRADED_PERFORMANCE, PARTIAL_OUTAGE -> Indicator.MINOR;
            case MAJOR_OUTAGE -> Indicator.MAJOR;
        };
        if (fromIncidents == Indicator.NONE) {
            return fromComponents;
        }
        return fromComponents == Indicator.MAINTENANCE || fromIncidents.ordinal() >= fromComponents.ordinal() ? fromIncidents : fromComponents;
    }

    private static Indicator indicatorOf(Impact impact) {
        return switch (impact) {
            case NONE -> Indicator.NONE;
            case MINOR -> Indicator.MINOR;
            case MAJOR -> Indicator.MAJOR;
            case CRITICAL -> Indicator.CRITICAL;
        };
    }

    /** Order of gravity for "the worst status of a site". */
    static int severity(ComponentStatus status) {
        return switch (status) {
            case OPERATIONAL -> 0;
            case UNDER_MAINTENANCE -> 1;
            case DEGRADED_PERFORMANCE -> 2;
            case PARTIAL_OUTAGE -> 3;
            case MAJOR_OUTAGE -> 4;
        };
    }
}
