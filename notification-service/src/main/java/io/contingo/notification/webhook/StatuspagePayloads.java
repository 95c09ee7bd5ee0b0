package io.contingo.notification.webhook;

import java.time.Instant;
import java.util.Locale;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import io.contingo.events.ComponentStatusChanged;
import io.contingo.events.IncidentEvent;
import io.contingo.events.IncidentSnapshot;
import io.contingo.notification.subscriber.SubscriberLinks;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The bodies of customers' webhooks, in the shape Statuspage posts (so that a receiver written for Statuspage reads
 * them): {@code {"meta": {...}, "page": {...}, "incident": {...}}} for an incident's update, and
 * {@code {"meta": ..., "page": ..., "component_update": {...}, "component": {...}}} for a component's status change;
 * names and statuses in Statuspage's lower-case vocabulary, {@code null} where Contingo has no value.
 */
@Component
class StatuspagePayloads {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final SubscriberLinks links;
    private final String statusPage;

    StatuspagePayloads(SubscriberLinks links, @Value("${contingo.notification.status-page-url:http://localhost:8080}") String statusPage) {
        this.links = links;
        this.statusPage = statusPage.replaceAll("/$", "");
    }

    String incident(IncidentEvent event, String subscriberId) {
        IncidentSnapshot incident = event.incident();
        boolean resolved = incident.status() == IncidentSnapshot.Status.RESOLVED;
        ObjectNode body = envelope(subscriberId, resolved ? "none" : lower(incident.impact()));
        ObjectNode i = body.putObject("incident");
        i.put("id", incident.id()).put("name", incident.name()).put("status", lower(incident.status()))
                .put("impact", lower(incident.impact())).putNull("impact_override")
                .put("created_at", time(incident.createdAt())).put("updated_at", time(event.occurredAt()))
                .putNull("monitoring_at").put("resolved_at", time(incident.resolvedAt()))
                .put("shortlink", statusPage + "/incidents/" + incident.id()).put("backfilled", false)
                .put("page_id", "contingo").putNull("scheduled_for").putNull("scheduled_until");
        ArrayNode components = i.putArray("components");
        for (IncidentSnapshot.AffectedComponent c : incident.components()) {
            components.addObject().put("id", c.componentId()).put("name", c.name())
                    .put("status", c.status() == null ? null : c.status().apiName()).put("group_id", incident.siteId());
        }
        ArrayNode updates = i.putArray("incident_updates");
        for (IncidentSnapshot.Update u : incident.updates().reversed()) { // newest first, as Statuspage lists them
            updates.addObject().put("id", u.id()).put("incident_id", incident.id()).put("status", lower(u.status()))
                    .put("body", u.body()).put("created_at", time(u.createdAt())).put("updated_at", time(u.createdAt()))
                    .put("display_at", time(u.createdAt())).putNull("affected_components");
        }
        body.put("event_type", "incident." + event.type().name().toLowerCase(Locale.ROOT));
        return JSON.writeValueAsString(body);
    }

    String component(ComponentStatusChanged change, String subscriberId) {
        ObjectNode body = envelope(subscriberId, indicator(change.to()));
        body.putObject("component_update").put("id", change.eventId()).put("component_id", change.componentId())
                .put("old_status", change.from().apiName()).put("new_status", change.to().apiName())
                .put("created_at", time(change.at()));
        body.putObject("component").put("id", change.componentId())
                .put("name", change.componentName() == null ? change.componentId() : change.componentName())
                .put("status", change.to().apiName()).put("group_id", change.siteId()).put("updated_at", time(change.at()));
        return JSON.writeValueAsString(body);
    }

    private ObjectNode envelope(String subscriberId, String indicator) {
        ObjectNode body = JSON.createObjectNode();
        body.putObject("meta").put("unsubscribe", links.unsubscribeUrl(subscriberId)).put("documentation", statusPage + "/");
        body.putObject("page").put("id", "contingo").put("status_indicator", indicator)
                .put("status_description", switch (indicator) {
                    case "none" -> "All Systems Operational";
                    case "minor" -> "Minor Service Outage";
                    case "major" -> "Partial System Outage";
                    default -> "Major System Outage";
                });
        return body;
    }

    private static String indicator(io.contingo.events.ComponentStatus status) {
        return switch (status) {
            case OPERATIONAL, UNDER_MAINTENANCE -> "none";
            case DEGRADED_PERFORMANCE -> "minor";
            case PARTIAL_OUTAGE -> "major";
            case MAJOR_OUTAGE -> "critical";
        };
    }

    private static String lower(Enum<?> value) {
        return value == null ? null : value.name().toLowerCase(Locale.ROOT);
    }

    private static String time(Instant at) {
        return at == null ? null : at.toString();
    }
}
