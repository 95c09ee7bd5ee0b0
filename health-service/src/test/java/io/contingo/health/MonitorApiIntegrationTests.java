package io.contingo.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import io.contingo.devstack.DemoSite;
import io.contingo.devstack.FreePorts;
import io.contingo.devstack.TestInfrastructure;
import io.contingo.health.probe.ProbeScheduler;
import tools.jackson.databind.JsonNode;

/**
 * The monitor API on the real broker and MongoDB-wire server: admins add, change, pause, check and delete
 * monitors, and the checks follow at once; bad bodies get a 400 naming the field, and change nothing.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MonitorApiIntegrationTests {

    private final String topic = "health-events-api-" + ProcessHandle.current().pid();
    private DemoSite site;
    private ConfigurableApplicationContext app;
    private ApiClient admin;
    private KafkaConsumer<String, String> consumer;
    private final List<JsonNode> events = new ArrayList<>();

    private final String sitesTopic = TestSites.newTopic();
    /** What the API answered before the sites and components were known. */
    private HttpResponse<String> createdBeforeTheSitesWereKnown;
    private HttpResponse<String> seededBeforeTheSitesWereKnown;
    private HttpResponse<String> formBeforeTheSitesWereKnown;

    @BeforeAll
    void start() throws Exception {
        site = DemoSite.start("Production", FreePorts.next());
        consumer = TestInfrastructure.reader(topic);
        app = new SpringApplicationBuilder(HealthServiceApplication.class).run(
                "--contingo.catalog.topic=" + sitesTopic,
                "--server.port=0",
                "--spring.kafka.bootstrap-servers=" + TestInfrastructure.kafkaBootstrapServers(),
                "--spring.mongodb.uri=" + TestInfrastructure.mongoUri("health-api-" + System.nanoTime()),
                "--spring.cloud.stream.bindings.healthEvents-out-0.destination=" + topic,
                "--contingo.demo.production-url=" + site.baseUrl(),
                "--contingo.demo.contingency-url=" + site.baseUrl(),
                "--contingo.probe.id=probe-api-it");
        admin = ApiClient.of(app, "admin:demo");
        createdBeforeTheSitesWereKnown = admin.post("/api/monitors", """
                {"id":"too-early","componentId":"prod-web","siteId":"production","url":"http://127.0.0.1/"}""");
        seededBeforeTheSitesWereKnown = admin.get("/api/monitors/prod-web-http");
        formBeforeTheSitesWereKnown = ApiClient.of(app, "admin:demo").page("/monitors/new");
        TestSites.publish(sitesTopic, TestSites.PRODUCTION, TestSites.CONTINGENCY);
        TestSites.awaitKnown(app);
    }

    @Test
    void untilTheSitesAreKnownMonitorsAreRefusedForAMomentButThoseOfTheMonitorsFileAreChecked() throws Exception {
        assertThat(createdBeforeTheSitesWereKnown.statusCode()).as(createdBeforeTheSitesWereKnown.body()).isEqualTo(503);
        assertThat(createdBeforeTheSitesWereKnown.headers().firstValue("Retry-After")).hasValue("5");
        assertThat(ApiClient.json(createdBeforeTheSitesWereKnown).get("detail").asString())
                .startsWith("The sites and components are not known yet");
        assertThat(seededBeforeTheSitesWereKnown.statusCode()).isEqualTo(200);
        assertThat(admin.get("/api/monitors/too-early").statusCode()).isEqualTo(404);
        assertThat(formBeforeTheSitesWereKnown.body()).contains("The components are not known yet: incident-service publishes them")
                .contains("<option value=\"\" selected=\"selected\">Not known yet</option>").doesNotContain("<optgroup");
        awaitEvent("prod-web-http", "UP");
    }

    @Test
    void aComponentOrSiteTheCatalogDoesNotHaveIsRefusedNamingThoseItHas() throws Exception {
        String url = ",\"url\":\"http://127.0.0.1/\"}";
        assertRefused(admin.post("/api/monitors", "{\"id\":\"x\",\"componentId\":\"prod-webb\",\"siteId\":\"production\"" + url),
                "componentId", "there is no component 'prod-webb'; the components are prod-web, prod-api, prod-telephony, cont-web, cont-api, cont-telephony");
        assertRefused(admin.post("/api/monitors", "{\"id\":\"x\",\"componentId\":\"prod-web\",\"siteId\":\"prodution\"" + url),
                "siteId", "there is no site 'prodution'; the sites are production, contingency");
        assertRefused(admin.post("/api/monitors", "{\"id\":\"x\",\"componentId\":\"cont-web\",\"siteId\":\"production\"" + url),
                "siteId", "component 'cont-web' is on site 'contingency', not 'production'");
        assertRefused(admin.put("/api/monitors/prod-web-http", "{\"componentId\":\"nothing\",\"siteId\":\"production\"" + url),
                "componentId", "there is no component 'nothing'");
        assertThat(admin.get("/api/monitors/x").statusCode()).isEqualTo(404);
        assertThat(ApiClient.json(admin.get("/api/monitors/prod-web-http")).get("componentId").asString()).isEqualTo("prod-web");
    }

    @AfterAll
    void stop() {
        app.close();
        consumer.close();
        site.close();
    }

    @Test
    void onlyAdminsReachTheApiAndTheDocumentDescribesIt() throws Exception {
        assertThat(ApiClient.of(app, null).get("/api/monitors").statusCode()).isEqualTo(401);
        assertThat(ApiClient.of(app, "agent:demo").post("/api/monitors", "{}").statusCode()).isEqualTo(403);
        JsonNode document = ApiClient.json(ApiClient.of(app, null).get("/v3/api-docs"));
        assertThat(document.get("paths").get("/api/monitors/{id}/check").get("post").get("summary").asString())
                .isEqualTo("Checks a monitor now, publishes the result and returns it");
        JsonNode push = document.get("paths").get("/api/push/{token}").get("post");
        assertThat(push.get("parameters").findValuesAsString("name")).contains("token", "status", "msg");
        assertThat(push.get("requestBody").toString()).contains("BackupReport").doesNotContain("\"required\":true");
    }

    @Test
    void badBodiesAreRefusedNamingTheFieldAndNothingChanges() throws Exception {
        int before = ApiClient.json(admin.get("/api/monitors")).size();
        String valid = "\"componentId\":\"prod-web\",\"siteId\":\"production\"";

        assertRefused(admin.post("/api/monitors", "{\"id\":\"x\","), null, "the body is not valid JSON");
        assertRefused(admin.post("/api/monitors", "[1]"), null, "the body must be a JSON object describing a monitor");
        assertRefused(admin.post("/api/monitors", "{\"id\":\"x\"," + valid + ",\"type\":\"ping\",\"url\":\"http://127.0.0.1/\"}"),
                "type", "must be one of http, tcp, dns, push, backup");
        assertRefused(admin.post("/api/monitors", "{\"id\":\"x\"," + valid + "}"), "url", "must be set for an http monitor");
        assertRefused(admin.post("/api/monitors", "{\"id\":\"x\"," + valid + ",\"url\":\"http://127.0.0.1/\",\"interval\":\"-5s\"}"),
                "interval", "must be at least 500 ms");
        assertRefused(admin.post("/api/monitors", "{\"id\":\"x\"," + valid + ",\"url\":\"http://127.0.0.1/\",\"interval\":\"often\"}"),
                "interval", "'often' is not a duration (such as 10s, 500ms, 2m or 1h)");
        assertRefused(admin.post("/api/monitors", "{\"id\":\"x\"," + valid + ",\"url\":\"http://127.0.0.1/\",\"conditions\":[\"[STATUS] === 200\"]}"),
                "conditions[0]", "condition \"[STATUS] === 200\" is not valid: unexpected '200' after the value");
        assertRefused(admin.post("/api/monitors", "{\"id\":\"x\"," + valid + ",\"url\":\"http://127.0.0.1/\",\"intervall\":\"5s\"}"),
                "intervall", "is not a monitor field");
        assertRefused(admin.post("/api/monitors", "{\"id\":\"x\"," + valid + ",\"type\":\"push\",\"period\":\"1h\",\"url\":\"http://127.0.0.1/\"}"),
                "url", "is not used by a push monitor (monitor 'x' has type: push)");
        assertRefused(admin.post("/api/monitors", "{\"id\":\"x\"," + valid + ",\"url\":\"http://169.254.169.254/latest/\"}"),
                "url", "points at a denied address");
        assertRefused(admin.put("/api/monitors/prod-web-http", "{\"id\":\"other\"," + valid + ",\"url\":\"http://127.0.0.1/\"}"),
                "id", "must be 'prod-web-http', the id in the address");
        assertRefused(admin.post("/api/monitors", "{\"id\":\"x\"," + valid + ",\"url\":\"http://127.0.0.1/\",\"headers\":{\"$numberLong\":\"1\"}}"),
                "headers", "'$numberLong' cannot start with $");
        assertRefused(admin.post("/api/monitors", "{\"id\":\"x\"," + valid + ",\"url\":\"http://127.0.0.1/\",\"headers\":{\"X Key\":\"1\"}}"),
                "headers", "'X Key' is not a header name");
        assertRefused(admin.post("/api/monitors", "{\"id\":\"x\"," + valid + ",\"url\":\"http://127.0.0.1/\",\"headers\":{\"X-Key\":\"a\\r\\nX-Other: b\"}}"),
                "headers", "the value of X-Key holds a control character");

        assertThat(ApiClient.json(admin.get("/api/monitors")).size()).isEqualTo(before);
        assertThat(ApiClient.json(admin.get("/api/monitors/prod-web-http")).get("url").asString()).startsWith(site.baseUrl());
        assertThat(admin.get("/api/monitors/nothing").statusCode()).isEqualTo(404);
        HttpResponse<String> duplicate = admin.post("/api/monitors", "{\"id\":\"prod-web-http\"," + valid + ",\"url\":\"http://127.0.0.1/\"}");
        assertThat(duplicate.statusCode()).isEqualTo(409);
        assertThat(ApiClient.json(duplicate).get("detail").asString()).startsWith("A monitor with id 'prod-web-http' already exists");
    }

    @Test
    void anAddedMonitorIsCheckedAndFollowsItsChangesPauseAndDeletion() throws Exception {
        ProbeScheduler scheduler = app.getBean(ProbeScheduler.class);
        int planned = scheduler.plannedCount();
        String body = """
                {"id":"web-added","componentId":"prod-web","siteId":"production","url":"%s/web/","interval":"3s",
                 "timeout":"500ms","retries":1}""".formatted(site.baseUrl());

        HttpResponse<String> created = admin.post("/api/monitors", body);
        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(created.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/api/monitors/web-added"));
        JsonNode view = ApiClient.json(created);
        assertThat(view.get("definition").get("interval").asString()).isEqualTo("3s");
        assertThat(view.get("definition").get("retries").asInt()).isEqualTo(1);
        assertThat(view.get("updatedBy").asString()).isEqualTo("admin");
        assertThat(scheduler.plannedCount()).isEqualTo(planned + 1);
        awaitEvent("web-added", "UP");

        assertThat(admin.put("/api/monitors/web-added", body.replace("/web/", "/missing")).statusCode()).isEqualTo(200);
        JsonNode down = awaitEvent("web-added", "DOWN");
        assertThat(down.get("detail").asString()).isEqualTo("HTTP 404, expected 2xx");
        assertThat(down.get("attributes").get("attempts").asString()).as("one retry before DOWN").isEqualTo("2");

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            JsonNode history = ApiClient.json(admin.get("/api/monitors/web-added/history?limit=50"));
            assertThat(history.get(0).get("status").asString()).as("newest first").isEqualTo("DOWN");
            assertThat(history).anySatisfy(r -> assertThat(r.get("status").asString()).isEqualTo("UP"));
        });
        assertRefused(admin.get("/api/monitors/web-added/history?limit=0"), "limit", "must be between 1 and 1000");

        JsonNode checked = ApiClient.json(admin.post("/api/monitors/web-added/check", null));
        assertThat(checked.get("monitorId").asString()).isEqualTo("web-added");
        assertThat(checked.get("status").asString()).isEqualTo("DOWN");
        // stored before the answer: read straight after, the monitor's latest result and history are that check
        JsonNode latest = ApiClient.json(admin.get("/api/monitors/web-added")).get("latest");
        assertThat(java.time.Instant.parse(latest.get("observedAt").asString())).as("as stored, to the millisecond")
                .isEqualTo(java.time.Instant.parse(checked.get("observedAt").asString()).truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
        assertThat(ApiClient.json(admin.get("/api/monitors/web-added/history?limit=1")).get(0).get("eventId").asString())
                .isEqualTo(checked.get("eventId").asString());

        assertThat(ApiClient.json(admin.post("/api/monitors/web-added/pause", null)).get("paused").asBoolean()).isTrue();
        assertThat(scheduler.plannedCount()).isEqualTo(planned);
        assertThat(ApiClient.json(admin.post("/api/monitors/web-added/resume", null)).get("paused").asBoolean()).isFalse();
        assertThat(scheduler.plannedCount()).isEqualTo(planned + 1);

        assertThat(admin.delete("/api/monitors/web-added").statusCode()).isEqualTo(204);
        assertThat(admin.get("/api/monitors/web-added").statusCode()).isEqualTo(404);
        assertThat(scheduler.plannedCount()).isEqualTo(planned);
        assertThat(admin.post("/api/monitors", body).statusCode()).as("a deleted id may be used again").isEqualTo(201);
        assertThat(admin.delete("/api/monitors/web-added").statusCode()).isEqualTo(204);
    }

    private JsonNode awaitEvent(String monitorId, String status) {
        return await().atMost(Duration.ofSeconds(20)).until(() -> {
            consumer.poll(Duration.ofMillis(200)).forEach(r -> events.add(ApiClient.json(r.value())));
            return events.stream().filter(e -> e.get("monitorId").asString().equals(monitorId)
                    && e.get("status").asString().equals(status)).findFirst().orElse(null);
        }, e -> e != null);
    }

    private static void assertRefused(HttpResponse<String> response, String field, String message) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonNode problem = ApiClient.json(response);
        if (field == null) {
            assertThat(problem.get("detail").asString()).contains(message);
        } else {
            assertThat(problem.get("fields")).anySatisfy(f -> {
                assertThat(f.get("field").asString()).isEqualTo(field);
                assertThat(f.get("message").asString()).contains(message);
            });
        }
        assertThat(problem.get("status").asInt()).isEqualTo(400);
    }
}
