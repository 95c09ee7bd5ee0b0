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
 * {@code GET /api/v2/summary.json} in Atlassian Statuspage's shape, so that existing Statuspage clients and
 * widgets work against Contingo. Sites are Statuspage component groups.
 */
@RestController
class SummaryApiController {

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

    private final StatusSummary summary;

    SummaryApiController(StatusSummary summary) {
        this.summary = summary;
    }

    @GetMapping("/api/v2/summary.json")
    ResponseEntity<Summary> summary() {
        Snapshot now = summary.now();
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
        List<Incident> incidents = now.unresolved().stream().map(i -> incident(i, now)).toList();
        Summary body = new Summary(
                new Page(pageId, now.page().name(), now.page().url().toString(), now.page().timeZone().getId(), now.updatedAt()),
                components, incidents, List.of(),
                new Status(now.indicator().apiName(), now.indicator().description));
        return ResponseEntity.ok().cacheControl(CacheControl.noCache()).body(body);
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
