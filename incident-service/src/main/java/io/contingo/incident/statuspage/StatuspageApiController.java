package io.contingo.incident.statuspage;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.contingo.events.IncidentSnapshot;
import io.contingo.incident.statuspage.StatusSummary.ComponentView;
import io.contingo.incident.statuspage.StatusSummary.SiteView;
import io.contingo.incident.statuspage.StatusSummary.Snapshot;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * The Statuspage v2 API ({@code /api/v2/...}) in Atlassian Statuspage's shapes, field names and values, so that
 * existing Statuspage clients and widgets work against Contingo. Sites are Statuspage component groups.
 * Responses may be cached for 10 s and carry an ETag, so that a traffic spike during an outage stays cheap.
 */
@RestController
class StatuspageApiController {

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Page(String id, String name, String url, String timeZone, Instant updatedAt) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Component(String id, String name, String status, Instant createdAt, Instant updatedAt, int position,
            String description, boolean showcase, String startDate, String groupId, String pageId, boolean group,
            boolean onlyShowIfDegraded, List<String> components) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record AffectedComponent(String code, String name, String oldStatus, String newStatus) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record IncidentUpdate(String id, String status, String body, String incidentId, Instant createdAt, Instant updatedAt,
            Instant displayAt, List<AffectedComponent> affectedComponents) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record IncidentComponent(String id, String name, String status) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Incident(String id, String name, String status, Instant createdAt, Instant updatedAt, Instant monitoringAt,
            Instant resolvedAt, String impact, String shortlink, Instant startedAt, String pageId,
            List<IncidentUpdate> incidentUpdates, List<IncidentComponent> components) {
    }

    record Status(String indicator, String description) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Summary(Page page, List<Component> components, List<Incident> incidents, List<Object> scheduledMaintenances,
            Status status) {
    }

    record StatusOnly(Page page, Status status) {
    }

    record Components(Page page, List<Component> components) {
    }

    record Incidents(Page page, List<Incident> incidents) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record ScheduledMaintenances(Page page, List<Object> scheduledMaintenances) {
    }

    /** Statuspage's incidents.json lists the 50 most recent incidents, resolved ones included. */
    static final int HISTORY = 50;

    private final StatusSummary summary;
    private final io.contingo.incident.incident.Incidents incidents;

    StatuspageApiController(StatusSummary summary, io.contingo.incident.incident.Incidents incidents) {
        this.summary = summary;
        this.incidents = incidents;
    }

    @GetMapping("/api/v2/summary.json")
    ResponseEntity<Summary> summary() {
        Snapshot now = summary.now();
        return cached(new Summary(page(now), components(now), now.unresolved().stream().map(i -> incident(i, now)).toList(),
                List.of(), status(now)));
    }

    @GetMapping("/api/v2/status.json")
    ResponseEntity<StatusOnly> status() {
        Snapshot now = summary.now();
        return cached(new StatusOnly(page(now), status(now)));
    }

    @GetMapping("/api/v2/components.json")
    ResponseEntity<Components> components() {
        Snapshot now = summary.now();
        return cached(new Components(page(now), components(now)));
    }

    @GetMapping("/api/v2/incidents.json")
    ResponseEntity<Incidents> incidents() {
        Snapshot now = summary.now();
        return cached(new Incidents(page(now), incidents.recent(HISTORY).stream()
                .map(i -> incident(i.snapshot(), now)).toList()));
    }

    @GetMapping("/api/v2/incidents/unresolved.json")
    ResponseEntity<Incidents> unresolved() {
        Snapshot now = summary.now();
        return cached(new Incidents(page(now), now.unresolved().stream().map(i -> incident(i, now)).toList()));
    }

    /** Scheduled maintenance is not planned in Contingo yet: the lists are empty, in Statuspage's shape. */
    @GetMapping({ "/api/v2/scheduled-maintenances.json", "/api/v2/scheduled-maintenances/upcoming.json",
            "/api/v2/scheduled-maintenances/active.json" })
    ResponseEntity<ScheduledMaintenances> scheduledMaintenances() {
        return cached(new ScheduledMaintenances(page(summary.now()), List.of()));
    }

    private static <T> ResponseEntity<T> cached(T body) {
        return ResponseEntity.ok().cacheControl(CacheControl.maxAge(java.time.Duration.ofSeconds(10)).cachePublic()).body(body);
    }

    private static Page page(Snapshot now) {
        return new Page(now.page().id(), now.page().name(), now.page().url().toString(), now.page().timeZone().getId(), now.updatedAt());
    }

    private static Status status(Snapshot now) {
        return new Status(now.indicator().apiName(), now.indicator().description);
    }

    private static List<Component> components(Snapshot now) {
        String pageId = now.page().id();
        List<Component> components = new ArrayList<>();
        for (SiteView site : now.sites()) {
            for (ComponentView c : site.components()) {
                components.add(new Component(c.id(), c.name(), c.status().apiName(), c.createdAt(), c.updatedAt(),
                        c.position(), c.description().isEmpty() ? null : c.description(), true, null, site.site().id(),
                        pageId, false, false, null));
            }
            Instant siteCreated = site.components().stream().map(ComponentView::createdAt).min(Instant::compareTo).orElse(Instant.EPOCH);
            components.add(new Component(site.site().id(), site.site().name(), site.worst().apiName(), siteCreated,
                    now.updatedAt(), 0, "Components hosted on the " + site.site().name() + " site", false, null, null,
                    pageId, true, false, site.components().stream().map(ComponentView::id).toList()));
        }
        return components;
    }

    private static Incident incident(IncidentSnapshot i, Snapshot now) {
        String pageUrl = now.page().url().toString().replaceAll("/$", "");
        Instant updatedAt = i.updates().isEmpty() ? i.createdAt() : i.updates().getLast().createdAt();
        Instant monitoringAt = i.updates().stream().filter(u -> u.status() == IncidentSnapshot.Status.MONITORING)
                .map(IncidentSnapshot.Update::createdAt).findFirst().orElse(null);
        List<IncidentUpdate> updates = i.updates().reversed().stream() // Statuspage lists the newest update first
                .map(u -> new IncidentUpdate(u.id(), lower(u.status()), u.body(), i.id(), u.createdAt(), u.createdAt(),
                        u.createdAt(), List.of()))
                .toList();
        List<IncidentComponent> components = i.components().stream()
                .map(c -> new IncidentComponent(c.componentId(), c.name(), c.status().apiName())).toList();
        return new Incident(i.id(), i.name(), lower(i.status()), i.createdAt(), updatedAt, monitoringAt, i.resolvedAt(),
                lower(i.impact()), pageUrl + "/incidents/" + i.id(), i.createdAt(), now.page().id(), updates, components);
    }

    private static String lower(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }
}
