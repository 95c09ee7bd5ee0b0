package io.contingo.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.contingo.devstack.DemoSite;
import io.contingo.devstack.FreePorts;
import io.contingo.devstack.TestInfrastructure;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The newcomer's walk-through, automated: the production demo site goes down, health-service sees it,
 * incident-service opens an incident that the status page and summary.json show within 30 s, and resolves it
 * when the site comes back. Services run from their own jars, on the real broker and MongoDB-wire server.
 */
class OutageEndToEndIntegrationTests {

    private static final Duration PROMISED = Duration.ofSeconds(30);
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void demoSiteDownOpensAnIncidentAndUpResolvesIt() throws Exception {
        String kafka = TestInfrastructure.kafkaBootstrapServers();
        int incidentPort = FreePorts.next();
        int healthPort = FreePorts.next();
        try (DemoSite production = DemoSite.start("Production", FreePorts.next());
             DemoSite contingency = DemoSite.start("Contingency", FreePorts.next());
             ServiceProcess incident = ServiceProcess.start("incident-service", List.of(
                     "--server.port=" + incidentPort,
                     "--spring.kafka.bootstrap-servers=" + kafka,
                     "--spring.mongodb.uri=" + TestInfrastructure.mongoUri("e2e-incident")));
             ServiceProcess health = ServiceProcess.start("health-service", List.of(
                     "--server.port=" + healthPort,
                     "--spring.kafka.bootstrap-servers=" + kafka,
                     "--spring.mongodb.uri=" + TestInfrastructure.mongoUri("e2e-health"),
                     "--contingo.demo.production-url=" + production.baseUrl(),
                     "--contingo.demo.contingency-url=" + contingency.baseUrl()))) {
            String statusPage = "http://127.0.0.1:" + incidentPort;
            awaitHealthy(incident, incidentPort);
            awaitHealthy(health, healthPort);

            JsonNode calm = summary(statusPage);
            assertThat(calm.get("status").get("indicator").asString()).isEqualTo("none");
            assertThat(statuses(calm)).containsOnly("operational").hasSize(8); // 6 components + 2 site groups
            assertThat(get(statusPage + "/").body()).contains("All Systems Operational", "Production site", "Contingency site");

            production.setMode(DemoSite.Mode.DOWN);
            JsonNode outage = await().atMost(PROMISED).pollInterval(Duration.ofMillis(500))
                    .until(() -> summary(statusPage), s -> s.get("incidents").size() == 1
                            && s.get("incidents").get(0).get("components").size() == 3);
            JsonNode incidentJson = outage.get("incidents").get(0);
            assertThat(incidentJson.get("name").asString()).isEqualTo("Production site outage");
            assertThat(incidentJson.get("components").findValuesAsString("id")).containsExactlyInAnyOrder("prod-web", "prod-api", "prod-telephony");
            assertThat(component(outage, "prod-web")).isEqualTo("major_outage");
            assertThat(component(outage, "cont-web")).isEqualTo("operational");
            assertThat(get(statusPage + "/").body()).contains("Production site outage", "Major outage");

            production.setMode(DemoSite.Mode.UP);
            JsonNode recovered = await().atMost(PROMISED).pollInterval(Duration.ofMillis(500))
                    .until(() -> summary(statusPage), s -> s.get("incidents").isEmpty());
            assertThat(statuses(recovered)).containsOnly("operational");
            String id = incidentJson.get("id").asString();
            String incidentPage = get(statusPage + "/incidents/" + id).body();
            assertThat(incidentPage).contains("Resolved", "All affected services are working normally again");
        }
    }

    private void awaitHealthy(ServiceProcess service, int port) {
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).until(() -> {
            if (!service.isAlive()) {
                throw new AssertionError(service.describe() + " exited during start-up");
            }
            try {
                return get("http://127.0.0.1:" + port + "/actuator/health").body().contains("\"status\":\"UP\"");
            } catch (java.io.IOException notYet) {
                return false;
            }
        });
    }

    private JsonNode summary(String statusPage) throws Exception {
        return json.readTree(get(statusPage + "/api/v2/summary.json").body());
    }

    private static List<String> statuses(JsonNode summary) {
        return summary.get("components").findValuesAsString("status");
    }

    private static String component(JsonNode summary, String id) {
        for (JsonNode c : summary.get("components")) {
            if (c.get("id").asString().equals(id)) {
                return c.get("status").asString();
            }
        }
        throw new AssertionError("no component " + id);
    }

    private HttpResponse<String> get(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
