package io.contingo.incident.oncall;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.data.mongodb.core.MongoTemplate;

import io.contingo.devstack.PageVisitor;
import io.contingo.events.AgentPaged;
import io.contingo.events.HealthEvent;
import io.contingo.events.HealthStatus;
import io.contingo.incident.IncidentServiceRunner;
import io.contingo.incident.incident.Activity;
import io.contingo.incident.incident.Incident;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Paging on the real broker and MongoDB-wire server, with the demo's schedule (production: agent, then manager, then
 * admin, 2 minutes each) and a clock the test moves: the level-1 agent is paged when an incident opens, the next level
 * when nobody acknowledges in time, even when that time passed while the service was stopped, and nobody twice;
 * acknowledging (through the API, or through the page's signed link) stops the escalation; each page is on the
 * incident's timeline once.
 */
class PagingIntegrationTests {

    private static final Duration DEADLINE = Duration.ofSeconds(30);
    /** The time every start of the service reads: kept across restarts, moved by the test. */
    static final MovableClock CLOCK = new MovableClock(Instant.now());

    private final JsonMapper json = JsonMapper.builder().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void theOnCallAgentIsPagedThenTheNextLevelsThroughARestartOnceEachUntilSomeoneAcknowledges() throws Exception {
        IncidentServiceRunner runner = IncidentServiceRunner.onDevstack().with("contingo.oncall.check-every", "100ms");
        runner.with("contingo.oncall.topic", runner.topic("paging-events"));
        List<AgentPaged> published = new ArrayList<>();
        String paged;
        String acknowledged;
        try (KafkaConsumer<String, String> pages = runner.reader("paging-events")) {
            try (ConfigurableApplicationContext app = runner.start(FakeClock.class)) {
                paged = declare(runner, "Telephony drops calls");
                acknowledged = declare(runner, "Customer API slow");
                await().atMost(DEADLINE).until(() -> read(pages, published).size() == 2);
                assertThat(published).extracting(AgentPaged::incidentId).containsExactlyInAnyOrder(paged, acknowledged);
                AgentPaged first = published.stream().filter(p -> p.incidentId().equals(paged)).findFirst().orElseThrow();
                assertThat(first.level()).isEqualTo(1);
                assertThat(first.escalation()).isFalse();
                assertThat(first.agent()).isEqualTo("agent");
                assertThat(first.email()).isEqualTo("agent@contingo.local");
                assertThat(first.siteName()).isEqualTo("Production");
                assertThat(first.acknowledgeUrl()).startsWith("http://localhost:8080/console/pages/").doesNotContain(paged);
                assertThat(first.incidentUrl()).isEqualTo("http://localhost:8080/console/incidents/" + paged);
                MongoTemplate mongo = app.getBean(MongoTemplate.class);
                await().atMost(DEADLINE).until(() -> kinds(mongo, paged).contains(Activity.Kind.PAGED));

                // the second incident is acknowledged through the API: its escalation stops
                long version = json.readTree(call("GET", runner.baseUrl() + "/api/incidents/" + acknowledged, null).body()).get("version").asLong();
                assertThat(call("POST", runner.baseUrl() + "/api/incidents/" + acknowledged + "/acknowledge", Map.of("version", version))
                        .statusCode()).isEqualTo(200);
            }

            CLOCK.advance(Duration.ofMinutes(2).plusSeconds(1)); // while the service is stopped, nobody acknowledges the first
            try (ConfigurableApplicationContext app = runner.start(FakeClock.class)) {
                MongoTemplate mongo = app.getBean(MongoTemplate.class);
                await().atMost(DEADLINE).until(() -> read(pages, published).size() == 3);
                AgentPaged escalated = published.getLast();
                assertThat(escalated.incidentId()).isEqualTo(paged);
                assertThat(escalated.level()).isEqualTo(2);
                assertThat(escalated.escalation()).isTrue();
                assertThat(escalated.agent()).isEqualTo("manager");
                // nothing more: not the first page again after the restart, no escalation of the acknowledged incident
                await().during(Duration.ofSeconds(2)).atMost(DEADLINE).until(() -> read(pages, published).size() == 3);
                await().atMost(DEADLINE).until(() -> kinds(mongo, paged).contains(Activity.Kind.ESCALATED));
                assertThat(kinds(mongo, paged)).filteredOn(k -> k == Activity.Kind.PAGED || k == Activity.Kind.ESCALATED)
                        .containsExactly(Activity.Kind.PAGED, Activity.Kind.ESCALATED);
                assertThat(kinds(mongo, acknowledged)).filteredOn(k -> k == Activity.Kind.PAGED || k == Activity.Kind.ESCALATED)
                        .containsExactly(Activity.Kind.PAGED);
                assertThat(mongo.findAll(Page.class)).hasSize(3);

                // the manager follows the page's link: a GET only shows the button, the POST acknowledges
                String link = runner.baseUrl() + URI.create(escalated.acknowledgeUrl()).getRawPath();
                Browser manager = new Browser(runner.baseUrl()).signIn("manager");
                HttpResponse<String> confirm = manager.get(link);
                assertThat(confirm.statusCode()).isEqualTo(200);
                assertThat(confirm.body()).contains("Telephony drops calls", "Acknowledge the incident", "manager was paged (level 2)");
                assertThat(mongo.findById(paged, Incident.class).awaitsAcknowledgement()).as("a GET acknowledges nothing").isTrue();
                assertThat(manager.get(link.substring(0, link.length() - 3) + "abc").statusCode()).as("a forged link").isEqualTo(404);
                HttpResponse<String> acknowledging = manager.post(link, PageVisitor.csrfToken(confirm.body()));
                assertThat(acknowledging.statusCode()).isEqualTo(302);
                assertThat(acknowledging.headers().firstValue("Location").orElseThrow()).endsWith("/console/incidents/" + paged);
                Incident done = mongo.findById(paged, Incident.class);
                assertThat(done.awaitsAcknowledgement()).isFalse();
                assertThat(done.figures().acknowledgedBy()).isEqualTo("manager");

                CLOCK.advance(Duration.ofMinutes(5)); // long past the level's timeout: no third level, since it is acknowledged
                await().during(Duration.ofSeconds(2)).atMost(DEADLINE).until(() -> read(pages, published).size() == 3);
                assertThat(kinds(mongo, paged)).filteredOn(k -> k == Activity.Kind.ACKNOWLEDGED).hasSize(1);

                // the on-call page: who is on call now at each level of each site
                PageVisitor agent = new PageVisitor(runner.baseUrl());
                agent.signIn("agent", "demo");
                PageVisitor.Page onCall = agent.keep("on-call", agent.browse("/console/on-call"));
                assertThat(onCall.status()).isEqualTo(200);
                assertThat(onCall.body()).contains("On call now", "agent@contingo.local", "manager@contingo.local", "admin@contingo.local",
                        "Next hand-off", "Europe/Madrid", "Recent pages", paged);
                assertThat(agent.browse("/console/on-call", "es").body()).contains("De guardia ahora", "cada lunes a las",
                        "Pr\u00f3ximo relevo");
                assertThat(agent.browse("/console").body()).contains("href=\"/console/on-call\"");
                agent.keep("page-acknowledge", new PageVisitor.Page(200, null, "text/html", confirm.body()));
                assertThat(agent.keep("incident-paged", agent.browse("/console/incidents/" + paged)).body())
                        .contains("Paged agent (level 1 on call for Production) by email",
                                "Nobody acknowledged within 2 min: escalated to manager (level 2 on call for Production), paged by email");
                assertThat(new PageVisitor(runner.baseUrl()).browse("/console/on-call").status()).as("signed out").isEqualTo(302);
            }
        }
    }

    @Test
    void aReopenedIncidentPagesTheFirstLevelAgainAndWaitsForItsOwnAcknowledgement() throws Exception {
        IncidentServiceRunner runner = IncidentServiceRunner.onDevstack().with("contingo.oncall.check-every", "100ms");
        runner.with("contingo.oncall.topic", runner.topic("paging-events"));
        List<AgentPaged> published = new ArrayList<>();
        try (KafkaConsumer<String, String> pages = runner.reader("paging-events");
             ConfigurableApplicationContext app = runner.start(FakeClock.class)) {
            MongoTemplate mongo = app.getBean(MongoTemplate.class);
            health(runner, HealthStatus.DOWN, 3);
            await().atMost(DEADLINE).until(() -> read(pages, published).size() == 1);
            String id = published.getFirst().incidentId();
            assertThat(published.getFirst().opening()).isZero();
            acknowledge(runner, id);

            health(runner, HealthStatus.UP, 2); // recovered, then resolved after the (test's 1 s) monitoring period
            await().atMost(DEADLINE).until(() -> !mongo.findById(id, Incident.class).isOpen());
            health(runner, HealthStatus.DOWN, 3); // fails again soon after: the same incident reopens
            await().atMost(DEADLINE).until(() -> read(pages, published).size() == 2);
            AgentPaged again = published.getLast();
            assertThat(again.incidentId()).isEqualTo(id);
            assertThat(again.opening()).isEqualTo(1);
            assertThat(again.level()).isEqualTo(1);
            assertThat(again.escalation()).isFalse();
            assertThat(again.eventId()).isNotEqualTo(published.getFirst().eventId());
            assertThat(mongo.findById(id, Incident.class).awaitsAcknowledgement()).as("the first acknowledgement was for the first opening")
                    .isTrue();

            acknowledge(runner, id);
            CLOCK.advance(Duration.ofMinutes(3));
            await().during(Duration.ofSeconds(2)).atMost(DEADLINE).until(() -> read(pages, published).size() == 2);
            await().atMost(DEADLINE).until(() -> kinds(mongo, id).stream().filter(k -> k == Activity.Kind.PAGED).count() == 2);
            assertThat(kinds(mongo, id)).filteredOn(k -> k == Activity.Kind.ACKNOWLEDGED).hasSize(2);
            assertThat(kinds(mongo, id)).doesNotContain(Activity.Kind.ESCALATED);
        }
    }

    private Instant observed = Instant.now().minusSeconds(60).truncatedTo(java.time.temporal.ChronoUnit.MILLIS);

    /** {@code times} results of production's web front from two probe locations (a majority). */
    private void health(IncidentServiceRunner runner, HealthStatus status, int times) {
        for (int i = 0; i < times; i++) {
            for (String location : List.of("madrid", "lisbon")) {
                observed = observed.plusMillis(100);
                runner.send("health-events", "prod-web", json.writeValueAsString(new HealthEvent(java.util.UUID.randomUUID().toString(),
                        "prod-web-http", "prod-web", "production", "probe-" + location, status, observed, 12L,
                        status == HealthStatus.UP ? "HTTP 200" : "HTTP 503", Map.of(HealthEvent.LOCATION, location))));
            }
        }
    }

    private void acknowledge(IncidentServiceRunner runner, String id) throws Exception {
        long version = json.readTree(call("GET", runner.baseUrl() + "/api/incidents/" + id, null).body()).get("version").asLong();
        HttpResponse<String> acknowledged = call("POST", runner.baseUrl() + "/api/incidents/" + id + "/acknowledge", Map.of("version", version));
        assertThat(acknowledged.statusCode()).as(acknowledged.body()).isEqualTo(200);
    }

    private String declare(IncidentServiceRunner runner, String name) throws Exception {
        HttpResponse<String> response = call("POST", runner.baseUrl() + "/api/incidents", Map.of("name", name,
                "componentIds", List.of("prod-web"), "componentStatus", "MAJOR_OUTAGE", "impact", "MAJOR", "severity", "SEV2",
                "body", "We are looking into it."));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return json.readTree(response.body()).get("id").asString();
    }

    private List<AgentPaged> read(KafkaConsumer<String, String> consumer, List<AgentPaged> into) {
        IncidentServiceRunner.poll(consumer).forEach(r -> into.add(json.readValue(r.value(), AgentPaged.class)));
        return into;
    }

    private static List<Activity.Kind> kinds(MongoTemplate mongo, String incidentId) {
        return mongo.findById(incidentId, Incident.class).figures().activity().stream().map(Activity::kind).toList();
    }

    private HttpResponse<String> call(String method, String url, Object body) throws Exception {
        String basic = Base64.getEncoder().encodeToString("agent:demo".getBytes(StandardCharsets.UTF_8));
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Basic " + basic)
                .header("Accept", "application/json");
        if (body != null) {
            request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A browser's session on the console: signed in through the form, CSRF tokens from the pages. */
    private static final class Browser {

        private final String base;
        private final HttpClient client = HttpClient.newBuilder().cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER).build();

        Browser(String base) {
            this.base = base;
        }

        Browser signIn(String user) throws Exception {
            String token = PageVisitor.csrfToken(get(base + "/login").body());
            HttpResponse<String> signedIn = form(base + "/login", "username=" + user + "&password=demo&_csrf=" + URLEncoder.encode(token,
                    StandardCharsets.UTF_8));
            assertThat(signedIn.statusCode()).isEqualTo(302);
            return this;
        }

        HttpResponse<String> get(String url) throws Exception {
            return client.send(HttpRequest.newBuilder(URI.create(url)).header("Accept", "text/html").build(),
                    HttpResponse.BodyHandlers.ofString());
        }

        HttpResponse<String> post(String url, String csrf) throws Exception {
            return form(url, "_csrf=" + URLEncoder.encode(csrf, StandardCharsets.UTF_8));
        }

        private HttpResponse<String> form(String url, String body) throws Exception {
            return client.send(HttpRequest.newBuilder(URI.create(url)).header("Accept", "text/html")
                    .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofString());
        }
    }

    /** The service's clock in this test. */
    @Configuration(proxyBeanMethods = false)
    static class FakeClock {

        @Bean
        @Primary
        Clock movableClock() {
            return CLOCK;
        }
    }

    /** A clock that stands still until moved. */
    static final class MovableClock extends Clock {

        private final AtomicReference<Instant> now;

        MovableClock(Instant start) {
            now = new AtomicReference<>(start);
        }

        void advance(Duration by) {
            now.updateAndGet(t -> t.plus(by));
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    }
}
