package io.contingo.incident;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.GZIPInputStream;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.junit.jupiter.api.Test;
import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.mongodb.core.MongoTemplate;

import io.contingo.devstack.KafkaBroker;
import io.contingo.devstack.TestInfrastructure;
import io.contingo.events.ComponentStatus;
import io.contingo.events.HealthEvent;
import io.contingo.events.HealthStatus;
import io.contingo.events.IncidentEvent;
import io.contingo.events.IncidentSnapshot;
import io.contingo.events.SiteDefined;
import io.contingo.incident.component.ComponentState;
import io.contingo.incident.incident.Incident;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** incident-service on the real Kafka broker and MongoDB-wire server. */
class HealthEventsIntegrationTests {

    private static final Duration DEADLINE = Duration.ofSeconds(30);
    private final JsonMapper json = JsonMapper.builder().build();
    private final HttpClient http = HttpClient.newHttpClient();
    private Instant clock = Instant.parse("2026-11-26T09:00:00Z");

    @Test
    void anOutageOpensAnIncidentThatTheApiListsAndRecoveryResolvesIt() throws Exception {
        outageOpensAndRecoveryResolves(IncidentServiceRunner.onDevstack());
    }

    /**
     * On a broker that asks for a SASL PLAIN login, given to the service only in {@code spring.kafka.*}: the binding
     * reads the health events, the outbox's producer publishes, the catalog's admin client and reader publish the
     * catalog. A client without the login gets nothing from that broker.
     */
    @Test
    void everyKafkaClientOfTheServiceLogsInToABrokerThatAsksForIt() throws Exception {
        IncidentServiceRunner runner = IncidentServiceRunner.onSaslDevstack();
        Map<String, Object> login = TestInfrastructure.saslKafkaClientProperties();
        Map<String, Object> noLogin = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, login.get(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG),
                ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3_000);
        try (KafkaConsumer<String, String> stranger = TestInfrastructure.reader(noLogin, "health-events")) {
            assertThatThrownBy(() -> stranger.partitionsFor("health-events", Duration.ofSeconds(3)))
                    .isInstanceOf(org.apache.kafka.common.errors.TimeoutException.class);
        }
        Map<String, Object> wrongPassword = new HashMap<>(login);
        wrongPassword.put(SaslConfigs.SASL_JAAS_CONFIG, new KafkaBroker.Login("contingo", "not-the-password").jaasConfig());
        try (KafkaConsumer<String, String> impostor = TestInfrastructure.reader(wrongPassword, "health-events")) {
            assertThatThrownBy(() -> impostor.partitionsFor("health-events", Duration.ofSeconds(10)))
                    .isInstanceOf(SaslAuthenticationException.class);
        }
        outageOpensAndRecoveryResolves(runner);
    }

    /** The scenario every infrastructure must pass (devstack here, Testcontainers where Docker exists). */
    void outageOpensAndRecoveryResolves(IncidentServiceRunner runner) throws Exception {
        try (ConfigurableApplicationContext app = runner.start();
             KafkaConsumer<String, String> incidentEvents = runner.reader("incident-events");
             KafkaConsumer<String, String> statusChanges = runner.reader("component-status")) {
            for (int i = 0; i < 3; i++) {
                send(runner, "prod-web", HealthStatus.DOWN);
                send(runner, "prod-api", HealthStatus.DOWN);
            }

            // the incident is written before each component's state: wait for both
            JsonNode open = await().atMost(DEADLINE).until(() -> summary(runner), s -> s.get("incidents").size() == 1
                    && componentStatus(s, "prod-web").equals("major_outage") && componentStatus(s, "prod-api").equals("major_outage"));
            JsonNode incident = open.get("incidents").get(0);
            assertThat(incident.get("name").asString()).isEqualTo("Production site outage");
            assertThat(incident.get("status").asString()).isEqualTo("investigating");
            assertThat(incident.get("impact").asString()).isEqualTo("major");
            assertThat(incident.get("resolved_at").isNull()).isTrue();
            assertThat(incident.get("incident_updates").size()).isEqualTo(2);
            assertThat(incident.get("shortlink").asString()).startsWith("http://localhost:8080/incidents/inc-");
            assertThat(componentStatus(open, "prod-web")).isEqualTo("major_outage");
            assertThat(componentStatus(open, "cont-web")).isEqualTo("operational");
            assertThat(open.get("status").get("indicator").asString()).isEqualTo("major");
            String page = get(runner.baseUrl() + "/").body();
            assertThat(page).contains("Production site outage", "Major outage");
            statuspageApiWhileOpen(runner);
            servedOnPlatformThreadsGzippedOnRequest(app, runner);

            for (int i = 0; i < 2; i++) {
                send(runner, "prod-web", HealthStatus.UP);
                send(runner, "prod-api", HealthStatus.UP);
            }

            await().atMost(DEADLINE).until(() -> summary(runner), s -> s.get("incidents").isEmpty()
                    && componentStatus(s, "prod-web").equals("operational"));
            statuspageApiAfterResolution(runner);
            MongoTemplate mongo = app.getBean(MongoTemplate.class);
            assertThat(mongo.findAll(Incident.class)).singleElement().satisfies(i -> {
                assertThat(i.isOpen()).isFalse();
                assertThat(i.snapshot().resolvedAt()).isNotNull();
            });
            List<IncidentEvent> published = new ArrayList<>();
            List<String> written = new ArrayList<>();
            await().atMost(DEADLINE).untilAsserted(() -> {
                IncidentServiceRunner.poll(incidentEvents).forEach(r -> {
                    written.add(r.value());
                    published.add(json.readValue(r.value(), IncidentEvent.class));
                });
                assertThat(published).extracting(IncidentEvent::type).contains(IncidentEvent.Type.OPENED, IncidentEvent.Type.RESOLVED);
            });
            // at least once: a write racing the relay may publish an event again, consumers drop it by sequence
            assertThat(published.stream().map(IncidentEvent::sequence).distinct()).containsExactly(1L, 2L, 3L, 4L, 5L);
            assertThat(published.getLast().incident().status()).isEqualTo(IncidentSnapshot.Status.RESOLVED);
            List<ConsumerRecord<String, String>> changes = new ArrayList<>();
            await().atMost(DEADLINE).until(() -> {
                changes.addAll(IncidentServiceRunner.poll(statusChanges));
                return changes.size() >= 4;
            });
            assertThat(changes).extracting(ConsumerRecord::key).containsOnly("prod-web", "prod-api");
            writtenInTheFixturesShape(written, "incident-event.json");
            writtenInTheFixturesShape(changes.stream().map(ConsumerRecord::value).toList(), "component-status-changed.json");
            assertThat(mongo.findById("prod-web", ComponentState.class).outbox()).isEmpty();
            catalogIsPublished(runner);
        }
    }

    /**
     * Each event as written on the topic has the fields of the published language's fixture, no more and no
     * fewer (an empty one written as null, not left out), and reads back into its record.
     */
    private void writtenInTheFixturesShape(List<String> events, String fixtureName) throws Exception {
        JsonNode fixture = contract(fixtureName);
        assertThat(events).isNotEmpty().allSatisfy(event -> assertThat(json.readTree(event).propertyNames())
                .as(event).containsExactlyInAnyOrderElementsOf(fixture.propertyNames()));
    }

    private JsonNode contract(String name) throws Exception {
        try (var in = getClass().getResourceAsStream("/contracts/" + name)) {
            return json.readTree(in.readAllBytes());
        }
    }

    /** The sites and their components are on the catalog topic, keyed by site, in the fixture's shape. */
    private void catalogIsPublished(IncidentServiceRunner runner) throws Exception {
        try (KafkaConsumer<String, String> catalog = runner.reader("site-catalog")) {
            List<ConsumerRecord<String, String>> sites = new ArrayList<>();
            await().atMost(DEADLINE).until(() -> {
                sites.addAll(IncidentServiceRunner.poll(catalog));
                return sites.size() >= 2;
            });
            assertThat(sites).extracting(ConsumerRecord::key).containsExactly("production", "contingency");
            JsonNode fixture = contract("site-defined.json");
            for (ConsumerRecord<String, String> site : sites) {
                JsonNode written = json.readTree(site.value());
                assertThat(written.propertyNames()).containsExactlyInAnyOrderElementsOf(fixture.propertyNames());
                assertThat(written.get("components").get(0).propertyNames())
                        .containsExactlyInAnyOrderElementsOf(fixture.get("components").get(0).propertyNames());
            }
            SiteDefined production = json.readValue(sites.get(0).value(), SiteDefined.class);
            assertThat(production.name()).isEqualTo("Production");
            assertThat(production.components()).extracting(SiteDefined.Component::id, SiteDefined.Component::name).containsExactly(
                    org.assertj.core.groups.Tuple.tuple("prod-web", "Omnichannel web"), org.assertj.core.groups.Tuple.tuple("prod-api", "Customer API"),
                    org.assertj.core.groups.Tuple.tuple("prod-telephony", "Telephony"));
            // with the catalog's translations, for the other services' pages and reports
            assertThat(production.nameIn("es")).isEqualTo("Producción");
            assertThat(production.components().getFirst().nameIn("es")).isEqualTo("Web omnicanal");
        }
    }

    @Test
    void malformedHealthEventsGoToTheDeadLetterTopicAndTheConsumerGoesOn() throws Exception {
        IncidentServiceRunner runner = IncidentServiceRunner.onDevstack();
        try (ConfigurableApplicationContext app = runner.start();
             KafkaConsumer<String, String> deadLetters = runner.deadLetterReader("health-events")) {
            runner.send("health-events", "prod-web", "this is not JSON");
            runner.send("health-events", "prod-web", "{\"eventId\":\"e1\",\"monitorId\":\"m\",\"status\":\"DOWN\"}");
            for (int i = 0; i < 3; i++) {
                send(runner, "prod-telephony", HealthStatus.DOWN);
            }

            List<ConsumerRecord<String, String>> parked = new ArrayList<>();
            await().atMost(DEADLINE).until(() -> {
                parked.addAll(IncidentServiceRunner.poll(deadLetters));
                return parked.size() >= 2;
            });
            assertThat(parked).extracting(ConsumerRecord::value)
                    .containsExactly("this is not JSON", "{\"eventId\":\"e1\",\"monitorId\":\"m\",\"status\":\"DOWN\"}");
            assertThat(header(parked.get(0), "x-exception-message")).startsWith("Not a valid health event");
            assertThat(header(parked.get(1), "x-exception-message")).contains("componentId is required");
            assertThat(header(parked.get(1), "x-original-topic")).isEqualTo(runner.topic("health-events"));
            assertThat(parked).extracting(ConsumerRecord::key).containsOnly("prod-web");

            MongoTemplate mongo = app.getBean(MongoTemplate.class);
            await().atMost(DEADLINE).untilAsserted(() -> assertThat(mongo.findById("prod-telephony", ComponentState.class).status())
                    .isEqualTo(ComponentStatus.MAJOR_OUTAGE));
            assertThat(mongo.findById("prod-web", ComponentState.class).status()).isEqualTo(ComponentStatus.OPERATIONAL);
        }
    }

    @Test
    void aRestartInTheMiddleOfAStreamChangesEveryIncidentExactlyOnce() throws Exception {
        IncidentServiceRunner runner = IncidentServiceRunner.onDevstack();
        // Two outages of the production site (the second one soon after the first: the same incident again),
        // one of the contingency site, interleaved.
        List<String[]> stream = new ArrayList<>();
        for (String round : List.of("DOWN", "DOWN", "DOWN", "UP", "UP", "DOWN", "DOWN", "DOWN", "UP", "UP")) {
            stream.add(new String[] { "prod-web", round });
            stream.add(new String[] { "prod-api", round });
            stream.add(new String[] { "cont-web", round.equals("DOWN") && stream.size() < 12 ? "DOWN" : "UP" });
        }
        int half = stream.size() / 2;
        try (ConfigurableApplicationContext first = runner.start()) {
            stream.subList(0, half).forEach(e -> send(runner, e[0], HealthStatus.valueOf(e[1])));
            MongoTemplate mongo = first.getBean(MongoTemplate.class);
            await().atMost(DEADLINE).until(() -> mongo.findById("prod-web", ComponentState.class).tracks().getFirst()
                    .lastObservedAt() != null && mongo.findAll(Incident.class).size() >= 1);
        } // stopped mid-stream: some events consumed, possibly some not committed
        stream.subList(half, stream.size()).forEach(e -> send(runner, e[0], HealthStatus.valueOf(e[1])));

        try (ConfigurableApplicationContext second = runner.start();
             KafkaConsumer<String, String> incidentEvents = runner.reader("incident-events")) {
            MongoTemplate mongo = second.getBean(MongoTemplate.class);
            // the restarted consumer may wait for the group to drop the stopped one (session timeout, 10 s)
            await().atMost(DEADLINE.multipliedBy(2)).untilAsserted(() -> {
                List<Incident> all = mongo.findAll(Incident.class);
                String seen = describe(all, mongo.findAll(ComponentState.class));
                assertThat(all).as(seen).hasSize(2).noneMatch(Incident::isOpen).allMatch(i -> i.outbox().isEmpty());
                assertThat(mongo.findAll(ComponentState.class)).as(seen).allMatch(s -> s.outbox().isEmpty());
                // the quiet resolution may resolve the first outage's incident while the second outage joins it: the
                // join is then retried (a write conflict) and reopens it, so "all resolved" can come before that
                assertThat(all).as(seen).filteredOn(i -> i.snapshot().siteId().equals("production")).singleElement()
                        .satisfies(i -> assertThat(i.snapshot().components()).allSatisfy(c -> assertThat(c.windows()).hasSize(2)));
            });

            List<Incident> incidents = mongo.findAll(Incident.class);
            assertThat(incidents).extracting(i -> i.snapshot().siteId()).containsExactlyInAnyOrder("production", "contingency");
            assertThat(incidents).filteredOn(i -> i.snapshot().siteId().equals("production")).singleElement()
                    .satisfies(i -> assertThat(i.snapshot().components()).allSatisfy(c -> assertThat(c.windows()).hasSize(2)));
            assertThat(incidents).allSatisfy(i -> assertThat(i.outbox()).isEmpty());

            List<IncidentEvent> published = new ArrayList<>();
            await().atMost(DEADLINE).until(() -> {
                IncidentServiceRunner.poll(incidentEvents).forEach(r -> published.add(json.readValue(r.value(), IncidentEvent.class)));
                return incidents.stream().allMatch(i -> published.stream()
                        .anyMatch(e -> e.incidentId().equals(i.id()) && e.sequence() == i.sequence() && e.type() == IncidentEvent.Type.RESOLVED));
            });
            for (Incident incident : incidents) {
                List<Long> sequences = published.stream().filter(e -> e.incidentId().equals(incident.id()))
                        .map(IncidentEvent::sequence).distinct().sorted().toList();
                // every transition published (no gap, nothing lost), each at least once
                assertThat(sequences).as("sequences of %s", incident.id())
                        .containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(1, incident.sequence()).boxed().toList());
                assertThat(published.stream().filter(e -> e.incidentId().equals(incident.id()) && e.type() == IncidentEvent.Type.OPENED)
                        .map(IncidentEvent::sequence).distinct()).containsExactly(1L);
            }
        }
    }

    @Test
    void publicPagesAreOpenAndEverythingElseNeedsALogin() throws Exception {
        IncidentServiceRunner runner = IncidentServiceRunner.onDevstack();
        try (ConfigurableApplicationContext app = runner.start()) {
            assertThat(get(runner.baseUrl() + "/").statusCode()).isEqualTo(200);
            assertThat(get(runner.baseUrl() + "/api/v2/summary.json").statusCode()).isEqualTo(200);
            assertThat(get(runner.baseUrl() + "/actuator/health").body()).contains("\"status\":\"UP\"");
            assertThat(get(runner.baseUrl() + "/actuator/prometheus").statusCode()).isEqualTo(401);
            assertThat(get(runner.baseUrl() + "/console").statusCode()).isEqualTo(401); // an API client is asked for Basic
            HttpResponse<String> console = http.send(HttpRequest.newBuilder(URI.create(runner.baseUrl() + "/console"))
                    .header("Accept", "text/html").build(), HttpResponse.BodyHandlers.ofString());
            assertThat(console.statusCode()).isEqualTo(302); // a browser is sent to the login form
            assertThat(console.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/login"));
            HttpResponse<String> metrics = http.send(HttpRequest.newBuilder(URI.create(runner.baseUrl() + "/actuator/prometheus"))
                    .header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString("admin:demo".getBytes(StandardCharsets.UTF_8)))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(metrics.statusCode()).isEqualTo(200);
            HttpResponse<String> agentMetrics = http.send(HttpRequest.newBuilder(URI.create(runner.baseUrl() + "/actuator/prometheus"))
                    .header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString("agent:demo".getBytes(StandardCharsets.UTF_8)))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(agentMetrics.statusCode()).as("an agent cannot do an administrator's things").isEqualTo(403);
            assertThat(metrics.body()).contains("jvm_memory_used_bytes");
            assertThat(get(runner.baseUrl() + "/incidents/no-such-incident").statusCode()).isEqualTo(404);
            assertThat(get(runner.baseUrl() + "/incidents/%3Cscript%3E").statusCode()).isEqualTo(400);
            corsOnTheStatuspageApiOnly(runner);
        }
    }

    /**
     * A Statuspage widget on a customer's own site reads the API cross-origin, as from Statuspage itself: any
     * origin, GET (with a preflight when it revalidates with If-None-Match); nothing else answers another origin.
     */
    private void corsOnTheStatuspageApiOnly(IncidentServiceRunner runner) throws Exception {
        String origin = "https://shop.customer.example";
        for (String endpoint : List.of("summary.json", "status.json", "components.json", "incidents.json", "incidents/unresolved.json",
                "scheduled-maintenances.json", "scheduled-maintenances/upcoming.json", "scheduled-maintenances/active.json")) {
            HttpResponse<String> read = http.send(HttpRequest.newBuilder(URI.create(runner.baseUrl() + "/api/v2/" + endpoint))
                    .header("Origin", origin).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(read.statusCode()).as(endpoint).isEqualTo(200);
            assertThat(read.headers().firstValue("Access-Control-Allow-Origin")).as(endpoint).hasValue("*");
            assertThat(read.headers().firstValue("Access-Control-Expose-Headers")).as(endpoint)
                    .hasValueSatisfying(h -> assertThat(h).containsIgnoringCase("ETag"));
        }
        HttpResponse<String> preflight = http.send(HttpRequest.newBuilder(URI.create(runner.baseUrl() + "/api/v2/summary.json"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).header("Origin", origin)
                .header("Access-Control-Request-Method", "GET").header("Access-Control-Request-Headers", "if-none-match").build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(preflight.statusCode()).isEqualTo(200);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).hasValue("*");
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Methods")).hasValueSatisfying(m -> assertThat(m).contains("GET"));
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Headers"))
                .hasValueSatisfying(h -> assertThat(h).containsIgnoringCase("if-none-match"));
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Credentials")).isEmpty();
        HttpResponse<String> posting = http.send(HttpRequest.newBuilder(URI.create(runner.baseUrl() + "/api/v2/summary.json"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).header("Origin", origin)
                .header("Access-Control-Request-Method", "POST").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(posting.headers().firstValue("Access-Control-Allow-Origin")).as("the API is read-only").isEmpty();

        String agent = "Basic " + java.util.Base64.getEncoder().encodeToString("agent:demo".getBytes(StandardCharsets.UTF_8));
        for (String path : List.of("/", "/history.atom", "/login", "/console", "/api/incidents", "/api/maintenances", "/actuator/health",
                "/v3/api-docs")) {
            HttpResponse<String> read = http.send(HttpRequest.newBuilder(URI.create(runner.baseUrl() + path)).header("Origin", origin)
                    .header("Authorization", agent).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(read.headers().firstValue("Access-Control-Allow-Origin")).as(path).isEmpty();
            HttpResponse<String> asked = http.send(HttpRequest.newBuilder(URI.create(runner.baseUrl() + path))
                    .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).header("Origin", origin)
                    .header("Access-Control-Request-Method", "GET").build(), HttpResponse.BodyHandlers.ofString());
            assertThat(asked.headers().firstValue("Access-Control-Allow-Origin")).as("preflight of " + path).isEmpty();
        }
    }

    /** The Statuspage v2 shapes, field names and values, as existing Statuspage clients read them. */
    /** Tomcat's own pool serves the requests ({@code RequestThreads}); a client that asks for gzip gets the same JSON gzipped. */
    private void servedOnPlatformThreadsGzippedOnRequest(ConfigurableApplicationContext app, IncidentServiceRunner runner) throws Exception {
        TomcatWebServer server = (TomcatWebServer) ((WebServerApplicationContext) app).getWebServer();
        assertThat(server.getTomcat().getConnector().getProtocolHandler().getExecutor())
                .isInstanceOf(org.apache.tomcat.util.threads.ThreadPoolExecutor.class);
        HttpResponse<byte[]> zipped = http.send(HttpRequest.newBuilder(URI.create(runner.baseUrl() + "/api/v2/summary.json"))
                .header("Accept-Encoding", "gzip").build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(zipped.headers().firstValue("Content-Encoding")).hasValue("gzip");
        String plain = get(runner.baseUrl() + "/api/v2/summary.json").body();
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(zipped.body()))) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo(plain);
        }
    }

    private void statuspageApiWhileOpen(IncidentServiceRunner runner) throws Exception {
        String api = runner.baseUrl() + "/api/v2/";
        JsonNode status = json.readTree(get(api + "status.json").body());
        assertThat(status.propertyNames()).containsExactlyInAnyOrder("page", "status");
        assertThat(status.get("page").propertyNames()).contains("id", "name", "url", "time_zone", "updated_at");
        assertThat(status.get("status").get("indicator").asString()).isEqualTo("major");
        assertThat(status.get("status").get("description").asString()).isEqualTo("Partial System Outage");

        JsonNode components = json.readTree(get(api + "components.json").body()).get("components");
        assertThat(components.size()).isEqualTo(8); // 6 components and 2 site groups
        assertThat(components.get(0).propertyNames()).contains("id", "name", "status", "created_at", "updated_at", "position",
                "showcase", "group_id", "page_id", "group", "only_show_if_degraded");

        JsonNode unresolved = json.readTree(get(api + "incidents/unresolved.json").body()).get("incidents");
        assertThat(unresolved.size()).isEqualTo(1);
        assertThat(unresolved.get(0).propertyNames()).contains("id", "name", "status", "created_at", "updated_at", "monitoring_at",
                "resolved_at", "impact", "shortlink", "started_at", "page_id", "incident_updates", "components");
        assertThat(unresolved.get(0).get("incident_updates").get(0).propertyNames()).contains("id", "status", "body",
                "incident_id", "created_at", "updated_at", "display_at", "affected_components");
        assertThat(json.readTree(get(api + "incidents.json").body()).get("incidents").size()).isEqualTo(1);
        // every object carries every key Statuspage's own has, null where Contingo has no value
        for (String endpoint : List.of("summary.json", "status.json", "components.json", "incidents.json", "incidents/unresolved.json",
                "scheduled-maintenances.json", "scheduled-maintenances/upcoming.json", "scheduled-maintenances/active.json")) {
            StatuspageShapes.assertShape(endpoint, json.readTree(get(api + endpoint).body()));
        }
        JsonNode group = components.valueStream().filter(c -> c.get("group").asBoolean()).findFirst().orElseThrow();
        assertThat(group.get("group_id").isNull()).isTrue();
        assertThat(group.get("start_date").isNull()).isTrue();
        assertThat(group.get("components").size()).isPositive();
        JsonNode web = components.valueStream().filter(c -> c.get("id").asString().equals("prod-web")).findFirst().orElseThrow();
        assertThat(web.get("group_id").asString()).isEqualTo("production");
        assertThat(web.get("start_date").asString()).matches("\\d{4}-\\d{2}-\\d{2}");
        JsonNode incidentComponent = unresolved.get(0).get("components").get(0);
        assertThat(incidentComponent.get("page_id").asString()).isEqualTo("contingo-demo");
        assertThat(incidentComponent.get("status").asString()).isEqualTo("major_outage");
        JsonNode update = unresolved.get(0).get("incident_updates").get(0);
        assertThat(update.get("affected_components").isNull()).isTrue();
        assertThat(update.get("custom_tweet").isNull()).isTrue();
        assertThat(update.get("tweet_id").isNull()).isTrue();
        assertThat(update.get("deliver_notifications").asBoolean()).isTrue();
        for (String maintenance : List.of("scheduled-maintenances.json", "scheduled-maintenances/upcoming.json",
                "scheduled-maintenances/active.json")) {
            JsonNode body = json.readTree(get(api + maintenance).body());
            assertThat(body.get("scheduled_maintenances").isArray()).as(maintenance).isTrue();
            assertThat(body.get("page").get("id").asString()).isEqualTo("contingo-demo");
        }

        HttpResponse<String> first = get(api + "summary.json");
        assertThat(first.headers().firstValue("Cache-Control")).hasValueSatisfying(c -> assertThat(c).contains("max-age=10"));
        String etag = first.headers().firstValue("ETag").orElseThrow();
        HttpResponse<String> again = http.send(HttpRequest.newBuilder(URI.create(api + "summary.json")).header("If-None-Match", etag).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(again.statusCode()).isEqualTo(304);
    }

    private void statuspageApiAfterResolution(IncidentServiceRunner runner) throws Exception {
        String api = runner.baseUrl() + "/api/v2/";
        assertThat(json.readTree(get(api + "incidents/unresolved.json").body()).get("incidents").size()).isZero();
        JsonNode history = json.readTree(get(api + "incidents.json").body()).get("incidents");
        assertThat(history.size()).isEqualTo(1);
        assertThat(history.get(0).get("status").asString()).isEqualTo("resolved");
        assertThat(history.get(0).get("resolved_at").asString()).isNotBlank();
        assertThat(json.readTree(get(api + "status.json").body()).get("status").get("indicator").asString()).isEqualTo("none");

        HttpResponse<String> feed = get(runner.baseUrl() + "/history.atom");
        assertThat(feed.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/atom+xml"));
        assertThat(feed.body()).contains("<feed xmlns=\"http://www.w3.org/2005/Atom\"", "<title>Production site outage</title>",
                "&lt;strong&gt;Resolved&lt;/strong&gt; - This incident is resolved", "<author><name>");
        // as a strict reader takes it: RFC 4287's required elements, an author for every entry, unique tag ids with dates
        String incidentId = history.get(0).get("id").asString();
        String tag = "tag:localhost," + history.get(0).get("created_at").asString().substring(0, 10) + ":incident/" + incidentId;
        List<FeedChecks.Entry> entries = FeedChecks.atom(feed.body());
        assertThat(entries).extracting(FeedChecks.Entry::id).containsExactly(tag);
        assertThat(entries.getFirst().link()).isEqualTo("http://localhost:8080/incidents/" + incidentId);
        assertThat(FeedChecks.atom(get(runner.baseUrl() + "/history.atom").body())).as("ids stay the same").isEqualTo(entries);

        // the same history in RSS 2.0, as Statuspage also offers it, with the same ids as guids
        HttpResponse<String> rss = get(runner.baseUrl() + "/history.rss");
        assertThat(rss.statusCode()).isEqualTo(200);
        assertThat(rss.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/rss+xml"));
        assertThat(rss.headers().firstValue("ETag")).isPresent();
        List<FeedChecks.Entry> items = FeedChecks.rss(rss.body());
        assertThat(items).extracting(FeedChecks.Entry::id).containsExactly(tag);
        assertThat(items.getFirst().title()).isEqualTo("Production site outage");
        assertThat(items.getFirst().link()).isEqualTo("http://localhost:8080/incidents/" + incidentId);
        assertThat(rss.body()).contains("&lt;strong&gt;Resolved&lt;/strong&gt; - This incident is resolved");

        // the page points feed readers at both
        assertThat(get(runner.baseUrl() + "/").body()).contains(
                "<link rel=\"alternate\" type=\"application/atom+xml\" href=\"/history.atom\" title=\"Incident history (Atom feed)\">",
                "<link rel=\"alternate\" type=\"application/rss+xml\" href=\"/history.rss\" title=\"Incident history (RSS feed)\">");
    }

    private static String describe(List<Incident> incidents, List<ComponentState> states) {
        StringBuilder out = new StringBuilder("incidents:");
        incidents.forEach(i -> out.append(' ').append(i.id()).append(i.isOpen() ? "(open," : "(resolved,")
                .append(i.snapshot().components().size()).append(" components, seq ").append(i.sequence())
                .append(", outbox ").append(i.outbox().size()).append(')'));
        out.append("; components:");
        states.forEach(c -> out.append(' ').append(c.componentId()).append('=').append(c.status()).append("/incident=")
                .append(c.incidentId()).append("/outbox=").append(c.outbox().size()).append("/last=")
                .append(c.tracks().isEmpty() ? null : c.tracks().getFirst().lastObservedAt()));
        Thread.getAllStackTraces().forEach((thread, stack) -> {
            if (thread.getName().startsWith("outbox-relay")) {
                out.append("; ").append(thread.getName()).append(' ').append(thread.getState());
                java.util.Arrays.stream(stack).limit(25).forEach(frame -> out.append("\n    at ").append(frame));
            }
        });
        return out.toString();
    }

    private void send(IncidentServiceRunner runner, String componentId, HealthStatus status) {
        clock = clock.plusSeconds(5);
        String siteId = componentId.startsWith("prod") ? "production" : "contingency";
        HealthEvent event = new HealthEvent(UUID.randomUUID().toString(), componentId + "-http", componentId, siteId,
                "probe-test", status, clock, 12L, status == HealthStatus.UP ? "HTTP 200" : "HTTP 503, expected 2xx", null);
        runner.send("health-events", componentId, json.writeValueAsString(event));
    }

    private JsonNode summary(IncidentServiceRunner runner) throws Exception {
        return json.readTree(get(runner.baseUrl() + "/api/v2/summary.json").body());
    }

    private static String componentStatus(JsonNode summary, String id) {
        for (JsonNode c : summary.get("components")) {
            if (c.get("id").asString().equals(id)) {
                return c.get("status").asString();
            }
        }
        throw new AssertionError("no component " + id);
    }

    private HttpResponse<String> get(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
