package io.contingo.incident.statuspage;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.stream.Stream;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.contingo.events.IncidentSnapshot;
import io.contingo.incident.maintenance.Maintenance;
import io.contingo.incident.statuspage.StatusSummary.ComponentView;
import io.contingo.incident.statuspage.StatusSummary.SiteView;
import io.contingo.incident.statuspage.StatusSummary.Snapshot;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;
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

    /**
     * A component, or a site as a component group. Every field Statuspage writes is written, {@code null} where
     * Contingo has no value; {@code components} (the group's members) only on a group, as Statuspage does.
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Component(String id, String name, String status, Instant createdAt, Instant updatedAt, int position,
            String description, boolean showcase, String startDate, String groupId, String pageId, boolean group,
            boolean onlyShowIfDegraded, @JsonInclude(JsonInclude.Include.NON_NULL) List<String> components) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record AffectedComponent(String code, String name, String oldStatus, String newStatus) {
    }

    /**
     * A public update. Contingo records no per-update component changes ({@code affected_components} null) and
     * tweets nothing; every public update is sent to subscribers ({@code deliver_notifications}).
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record IncidentUpdate(String id, String status, String body, String incidentId, Instant createdAt, Instant updatedAt,
            Instant displayAt, List<AffectedComponent> affectedComponents, boolean deliverNotifications, String customTweet,
            String tweetId) {

        static IncidentUpdate of(String id, String status, String body, String incidentId, Instant at) {
            return new IncidentUpdate(id, status, body, incidentId, at, at, at, null, true, null, null);
        }
    }

    /** An incident; its {@code components} are the affected components as they are now, as Statuspage lists them. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Incident(String id, String name, String status, Instant createdAt, Instant updatedAt, Instant monitoringAt,
            Instant resolvedAt, String impact, String shortlink, Instant startedAt, String pageId,
            List<IncidentUpdate> incidentUpdates, List<Component> components) {
    }

    record Status(String indicator, String description) {
    }

    /** Statuspage's scheduled maintenance: an incident with its window and the impact "maintenance". */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record ScheduledMaintenance(String id, String name, String status, Instant createdAt, Instant updatedAt, Instant monitoringAt,
            Instant resolvedAt, String impact, String shortlink, Instant startedAt, String pageId,
            List<IncidentUpdate> incidentUpdates, List<Component> components, Instant scheduledFor, Instant scheduledUntil) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Summary(Page page, List<Component> components, List<Incident> incidents, List<ScheduledMaintenance> scheduledMaintenances,
            Status status) {
    }

    record StatusOnly(Page page, Status status) {
    }

    record Components(Page page, List<Component> components) {
    }

    record Incidents(Page page, List<Incident> incidents) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record ScheduledMaintenances(Page page, List<ScheduledMaintenance> scheduledMaintenances) {
    }

    private final PublicView view;
    private final JsonMapper json;
    private volatile Written written = new Written(-1, Map.of());

    StatuspageApiController(PublicView view, JsonMapper json) {
        this.view = view;
        this.json = json;
    }

    @GetMapping("/api/v2/summary.json")
    ResponseEntity<byte[]> summary(@RequestHeader(name = HttpHeaders.ACCEPT_ENCODING, required = false) String encodings) {
        Snapshot now = view.now();
        return cached(now, "summary", encodings, () -> new Summary(page(now), components(now), now.unresolved().stream().map(i -> incident(i, now)).toList(),
                Stream.concat(now.activeMaintenances().stream(), now.upcomingMaintenances().stream()).map(m -> maintenance(m, now)).toList(),
                status(now)));
    }

    @GetMapping("/api/v2/status.json")
    ResponseEntity<byte[]> status(@RequestHeader(name = HttpHeaders.ACCEPT_ENCODING, required = false) String encodings) {
        Snapshot now = view.now();
        return cached(now, "status", encodings, () -> new StatusOnly(page(now), status(now)));
    }

    @GetMapping("/api/v2/components.json")
    ResponseEntity<byte[]> components(@RequestHeader(name = HttpHeaders.ACCEPT_ENCODING, required = false) String encodings) {
        Snapshot now = view.now();
        return cached(now, "components", encodings, () -> new Components(page(now), components(now)));
    }

    /** Statuspage's incidents.json lists the 50 most recent incidents, resolved ones included. */
    @GetMapping("/api/v2/incidents.json")
    ResponseEntity<byte[]> incidents(@RequestHeader(name = HttpHeaders.ACCEPT_ENCODING, required = false) String encodings) {
        Snapshot now = view.now();
        return cached(now, "incidents", encodings, () -> new Incidents(page(now), now.recent().stream().map(i -> incident(i, now)).toList()));
    }

    @GetMapping("/api/v2/incidents/unresolved.json")
    ResponseEntity<byte[]> unresolved(@RequestHeader(name = HttpHeaders.ACCEPT_ENCODING, required = false) String encodings) {
        Snapshot now = view.now();
        return cached(now, "unresolved", encodings, () -> new Incidents(page(now), now.unresolved().stream().map(i -> incident(i, now)).toList()));
    }

    /** The 50 most recent maintenance windows, newest first. */
    @GetMapping("/api/v2/scheduled-maintenances.json")
    ResponseEntity<byte[]> scheduledMaintenances(@RequestHeader(name = HttpHeaders.ACCEPT_ENCODING, required = false) String encodings) {
        Snapshot now = view.now();
        return cached(now, "scheduledMaintenances", encodings, () -> new ScheduledMaintenances(page(now), now.maintenances().stream().map(m -> maintenance(m, now)).toList()));
    }

    @GetMapping("/api/v2/scheduled-maintenances/upcoming.json")
    ResponseEntity<byte[]> upcomingMaintenances(@RequestHeader(name = HttpHeaders.ACCEPT_ENCODING, required = false) String encodings) {
        Snapshot now = view.now();
        return cached(now, "upcomingMaintenances", encodings, () -> new ScheduledMaintenances(page(now), now.upcomingMaintenances().stream().map(m -> maintenance(m, now)).toList()));
    }

    @GetMapping("/api/v2/scheduled-maintenances/active.json")
    ResponseEntity<byte[]> activeMaintenances(@RequestHeader(name = HttpHeaders.ACCEPT_ENCODING, required = false) String encodings) {
        Snapshot now = view.now();
        return cached(now, "activeMaintenances", encodings, () -> new ScheduledMaintenances(page(now), now.activeMaintenances().stream().map(m -> maintenance(m, now)).toList()));
    }

    /**
     * The endpoint's JSON, written once per read-model version and served as bytes until the next change (gzipped
     * once, for clients that accept it: {@link ServedBody}); cacheable for 10 s, with an ETag made of the bytes
     * ({@link ContentTags}), so that a client that has them gets 304 from whichever instance it reaches.
     */
    private ResponseEntity<byte[]> cached(Snapshot now, String endpoint, String encodings, Supplier<Object> body) {
        Written current = written;
        if (current.version() != now.version()) {
            current = new Written(now.version(), new ConcurrentHashMap<>());
            written = current;
        }
        ServedBody.Form served = current.bodies().computeIfAbsent(endpoint, e -> ServedBody.of(json.writeValueAsBytes(body.get())))
                .formFor(encodings);
        ResponseEntity.BodyBuilder response = ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON)
                .cacheControl(CacheControl.maxAge(java.time.Duration.ofSeconds(10)).cachePublic())
                .varyBy(HttpHeaders.ACCEPT_ENCODING).eTag(served.etag());
        if (served.gzipped()) {
            response.header(HttpHeaders.CONTENT_ENCODING, "gzip");
        }
        return response.body(served.bytes());
    }

    /** The bodies written for one version of the read model. */
    private record Written(long version, Map<String, ServedBody> bodies) {
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
                components.add(component(c, now));
            }
            Instant siteCreated = site.components().stream().map(ComponentView::createdAt).min(Instant::compareTo).orElse(Instant.EPOCH);
            components.add(new Component(site.site().id(), site.site().name(), site.worst().apiName(), siteCreated,
                    now.updatedAt(), 0, "Components hosted on the " + site.site().name() + " site", false, null, null,
                    pageId, true, false, site.components().stream().map(ComponentView::id).toList()));
        }
        return components;
    }

    /** A component as Statuspage writes it: its uptime is shown ({@code showcase}) from the day it was first watched. */
    private static Component component(ComponentView c, Snapshot now) {
        return new Component(c.id(), c.name(), c.status().apiName(), c.createdAt(), c.updatedAt(), c.position(),
                c.description().isEmpty() ? null : c.description(), true, c.createdAt().atZone(now.page().timeZone()).toLocalDate().toString(),
                c.siteId(), now.page().id(), false, false, null);
    }

    /** A component an incident or a maintenance names, as it is now (none when the catalog no longer has it). */
    private static java.util.Optional<Component> current(String id, Snapshot now) {
        return now.sites().stream().flatMap(s -> s.components().stream()).filter(v -> v.id().equals(id)).findFirst()
                .map(v -> component(v, now));
    }

    private static Incident incident(IncidentSnapshot i, Snapshot now) {
        String pageUrl = now.page().url().toString().replaceAll("/$", "");
        Instant updatedAt = i.updates().isEmpty() ? i.createdAt() : i.updates().getLast().createdAt();
        Instant monitoringAt = i.updates().stream().filter(u -> u.status() == IncidentSnapshot.Status.MONITORING)
                .map(IncidentSnapshot.Update::createdAt).findFirst().orElse(null);
        List<IncidentUpdate> updates = i.updates().reversed().stream() // Statuspage lists the newest update first
                .map(u -> IncidentUpdate.of(u.id(), lower(u.status()), u.body(), i.id(), u.createdAt()))
                .toList();
        List<Component> components = i.components().stream().map(c -> current(c.componentId(), now)
                .orElseGet(() -> gone(c.componentId(), c.name(), c.status().apiName(), i.createdAt(), now))).toList();
        return new Incident(i.id(), i.name(), lower(i.status()), i.createdAt(), updatedAt, monitoringAt, i.resolvedAt(),
                lower(i.impact()), pageUrl + "/incidents/" + i.id(), i.createdAt(), now.page().id(), updates, components);
    }

    private static ScheduledMaintenance maintenance(Maintenance m, Snapshot now) {
        String pageUrl = now.page().url().toString().replaceAll("/$", "");
        String status = switch (m.status()) {
            case SCHEDULED -> "scheduled";
            case IN_PROGRESS -> "in_progress";
            case COMPLETED, CANCELLED -> "completed"; // Statuspage has no "cancelled": the last update says so
        };
        Instant started = m.updates().stream().filter(u -> u.status() == Maintenance.Status.IN_PROGRESS).map(Maintenance.Update::createdAt)
                .findFirst().orElse(null);
        Instant ended = m.updates().stream().filter(u -> u.status() == Maintenance.Status.COMPLETED || u.status() == Maintenance.Status.CANCELLED)
                .map(Maintenance.Update::createdAt).findFirst().orElse(null);
        List<IncidentUpdate> updates = m.updates().reversed().stream()
                .map(u -> IncidentUpdate.of(u.id(), u.status() == Maintenance.Status.CANCELLED ? "completed" : lower(u.status()), u.body(),
                        m.id(), u.createdAt()))
                .toList();
        List<Component> components = m.components().stream().map(c -> current(c.componentId(), now)
                .orElseGet(() -> gone(c.componentId(), c.name(), "operational", m.createdAt(), now))).toList();
        return new ScheduledMaintenance(m.id(), m.name(), status, m.createdAt(), m.updatedAt(), null, ended, "maintenance",
                pageUrl + "/#maintenance-" + m.id(), started != null ? started : m.scheduledFor(), now.page().id(), updates, components,
                m.scheduledFor(), m.scheduledUntil());
    }

    /** A component no longer in the catalog, from what the incident or maintenance recorded of it. */
    private static Component gone(String id, String name, String status, Instant at, Snapshot now) {
        return new Component(id, name, status, at, at, 0, null, false, null, null, now.page().id(), false, false, null);
    }

    private static String lower(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }
}
