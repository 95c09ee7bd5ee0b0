package io.contingo.incident;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import tools.jackson.databind.JsonNode;

/**
 * The keys of every object of Atlassian Statuspage's public v2 API, as its own pages write them: typed clients
 * that validate the shape (a key missing, even when its value would be null, fails them) accept Contingo's.
 */
final class StatuspageShapes {

    static final List<String> PAGE = List.of("id", "name", "url", "time_zone", "updated_at");
    static final List<String> COMPONENT = List.of("id", "name", "status", "created_at", "updated_at", "position", "description",
            "showcase", "start_date", "group_id", "page_id", "group", "only_show_if_degraded");
    /** A component group also lists its members' ids. */
    static final List<String> GROUP = concat(COMPONENT, "components");
    static final List<String> INCIDENT = List.of("id", "name", "status", "created_at", "updated_at", "monitoring_at", "resolved_at",
            "impact", "shortlink", "started_at", "page_id", "incident_updates", "components");
    static final List<String> MAINTENANCE = concat(INCIDENT, "scheduled_for", "scheduled_until");
    static final List<String> UPDATE = List.of("id", "status", "body", "incident_id", "created_at", "updated_at", "display_at",
            "affected_components", "deliver_notifications", "custom_tweet", "tweet_id");
    static final List<String> STATUS = List.of("indicator", "description");

    private StatuspageShapes() {
    }

    /** Checks every object in a v2 response (summary.json or any other) against Statuspage's keys. */
    static void assertShape(String endpoint, JsonNode body) {
        if (body.has("page")) {
            assertThat(body.get("page").propertyNames()).as(endpoint + " page").containsExactlyInAnyOrderElementsOf(PAGE);
        }
        if (body.has("status")) {
            assertThat(body.get("status").propertyNames()).as(endpoint + " status").containsExactlyInAnyOrderElementsOf(STATUS);
        }
        if (body.has("components")) {
            body.get("components").forEach(c -> assertComponent(endpoint, c));
        }
        if (body.has("incidents")) {
            body.get("incidents").forEach(i -> assertIncident(endpoint + " incident", i, INCIDENT));
        }
        if (body.has("scheduled_maintenances")) {
            body.get("scheduled_maintenances").forEach(m -> assertIncident(endpoint + " maintenance", m, MAINTENANCE));
        }
    }

    private static void assertComponent(String where, JsonNode component) {
        boolean group = component.get("group").asBoolean();
        assertThat(component.propertyNames()).as(where + (group ? " group " : " component ") + component.get("id"))
                .containsExactlyInAnyOrderElementsOf(group ? GROUP : COMPONENT);
    }

    private static void assertIncident(String where, JsonNode incident, List<String> keys) {
        assertThat(incident.propertyNames()).as(where + " " + incident.get("id")).containsExactlyInAnyOrderElementsOf(keys);
        incident.get("incident_updates").forEach(u -> assertThat(u.propertyNames()).as(where + " update " + u.get("id"))
                .containsExactlyInAnyOrderElementsOf(UPDATE));
        incident.get("components").forEach(c -> assertComponent(where + " " + incident.get("id"), c));
    }

    private static List<String> concat(List<String> keys, String... more) {
        return java.util.stream.Stream.concat(keys.stream(), java.util.Arrays.stream(more)).toList();
    }
}
