package io.contingo.incident;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.mongodb.core.MongoTemplate;

import io.contingo.devstack.PageVisitor;
import io.contingo.devstack.PageVisitor.ApiDocument;
import io.contingo.devstack.PageVisitor.Page;
import io.contingo.events.HealthEvent;
import io.contingo.events.HealthStatus;
import io.contingo.events.IncidentEvent;
import io.contingo.incident.component.ComponentState;
import io.micrometer.core.instrument.MeterRegistry;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * An incident's whole life on the real broker and MongoDB-wire server, driven through the incident API as a
 * script or tool would: the quorum of probe locations, opening, bad input refused with nothing changed,
 * acknowledging, assigning, notes kept internal, public updates, classification, recovery through
 * monitoring to resolution, reopening, every step published with its sequence; and a maintenance window
 * that keeps a failing component from opening an incident until it is cancelled.
 */
class IncidentLifecycleIntegrationTests {

    private static final Duration DEADLINE = Duration.ofSeconds(30);
    private final JsonMapper json = JsonMapper.builder().build();
    private final HttpClient http = HttpClient.newHttpClient();
    private Instant observed = Instant.now().minusSeconds(120).truncatedTo(java.time.temporal.ChronoUnit.MILLIS); // MongoDB keeps milliseconds

    /** A page as a Spanish reader gets it. */
    private String spanish(String url) throws Exception {
        return inLanguage("es", url);
    }

    /** A page as a browser set to {@code language} gets it. */
    private String inLanguage(String language, String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).header("Accept-Language", language).header("Accept", "text/html")
                .build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    /** Keeps a page under target/pages, to look at. */
    private static void keep(String name, String html) throws java.io.IOException {
        java.nio.file.Files.createDirectories(java.nio.file.Path.of("target", "pages"));
        java.nio.file.Files.writeString(java.nio.file.Path.of("target", "pages", name), html);
    }

    @Test
    void anIncidentLivesThroughTheApiAndEveryStepIsPublished() throws Exception {
        IncidentServiceRunner runner = IncidentServiceRunner.onDevstack();
        try (ConfigurableApplicationContext app = runner.start();
             KafkaConsumer<String, String> incidentEvents = runner.reader("incident-events")) {
            String api = runner.baseUrl() + "/api/incidents";
            assertThat(spanish(runner.baseUrl() + "/")).contains("Todos los sistemas funcionan con normalidad", "Entorno de Producción",
                    "Web omnicanal", "Portal de clientes y chat web", "Entorno de Contingencia").doesNotContain("sistemas operativos");

            // one probe location of two sees the web down: not enough for the majority
            for (int i = 0; i < 3; i++) {
                health(runner, "prod-web", "madrid", HealthStatus.DOWN);
                health(runner, "prod-web", "lisbon", HealthStatus.UP);
            }
            // madrid's third DOWN is stored once applied (a repeated UP from lisbon may only be applied in memory)
            MongoTemplate mongo = app.getBean(MongoTemplate.class);
            await().atMost(DEADLINE).until(() -> mongo.findById("prod-web", ComponentState.class), s -> s != null
                    && s.tracks().stream().anyMatch(t -> t.location().equals("madrid") && t.confirmed() == HealthStatus.DOWN));
            assertThat(call("GET", api, null, "agent").body()).isEqualTo("[]");
            assertThat(stateOf(runner, "prod-web")).isEqualTo("operational");

            for (int i = 0; i < 3; i++) {
                health(runner, "prod-web", "lisbon", HealthStatus.DOWN);
            }
            JsonNode opened = await().atMost(DEADLINE).until(() -> json.readTree(call("GET", api, null, "agent").body()),
                    list -> list.size() == 1);
            JsonNode incident = opened.get(0);
            String id = incident.get("id").asString();
            String one = api + "/" + id;
            assertThat(incident.get("severity").asString()).isEqualTo("SEV2");
            assertThat(incident.get("status").asString()).isEqualTo("INVESTIGATING");
            long version = incident.get("version").asLong();

            // bad input: a clear 400 (or 409 for a stale version), and nothing changes
            HttpResponse<String> empty = call("POST", one + "/updates", Map.of("status", "IDENTIFIED", "body", " ", "version", version), "agent");
            assertThat(empty.statusCode()).isEqualTo(400);
            assertThat(json.readTree(empty.body()).get("fields").get(0).get("field").asString()).isEqualTo("body");
            assertThat(json.readTree(empty.body()).get("detail").asString()).contains("Write what customers should know");
            HttpResponse<String> malformed = raw("POST", one + "/updates", "{\"status\": \"IDENTIFIED\", ", "agent");
            assertThat(malformed.statusCode()).isEqualTo(400);
            assertThat(json.readTree(malformed.body()).get("detail").asString()).startsWith("The body is not the JSON");
            HttpResponse<String> unknownStatus = call("POST", one + "/updates", Map.of("status", "FIXED", "body", "x", "version", version), "agent");
            assertThat(unknownStatus.statusCode()).isEqualTo(400);
            assertThat(json.readTree(unknownStatus.body()).get("fields").get(0).get("field").asString()).isEqualTo("status");
            assertThat(json.readTree(unknownStatus.body()).get("fields").get(0).get("message").asString())
                    .isEqualTo("Use one of INVESTIGATING, IDENTIFIED, MONITORING, RESOLVED");
            assertThat(unknownStatus.body()).doesNotContain("io.contingo", "java.");
            HttpResponse<String> resolving = call("POST", one + "/updates", Map.of("status", "resolved", "body", "x", "version", version), "agent");
            assertThat(resolving.statusCode()).isEqualTo(400);
            assertThat(json.readTree(resolving.body()).get("fields").get(0).get("field").asString()).isEqualTo("status");
            assertThat(json.readTree(resolving.body()).get("detail").asString()).contains("POST /api/incidents/{id}/resolve");
            HttpResponse<String> badVersion = call("POST", one + "/updates", Map.of("status", "IDENTIFIED", "body", "x", "version", "v1"), "agent");
            assertThat(json.readTree(badVersion.body()).get("fields").get(0).get("field").asString()).isEqualTo("version");
            assertThat(badVersion.body()).contains("Use a whole number").doesNotContain("java.");
            HttpResponse<String> oversized = call("POST", one + "/notes", Map.of("note", "x".repeat(70_000), "version", version), "agent");
            assertThat(oversized.statusCode()).isEqualTo(413);
            assertThat(oversized.body()).contains("larger than 65536 bytes");
            // sent in chunks, without a length, it is refused as soon as it passes the limit
            byte[] tooLarge = ("{\"note\":\"" + "x".repeat(100_000) + "\",\"version\":" + version + "}").getBytes(StandardCharsets.UTF_8);
            HttpResponse<String> chunked = http.send(HttpRequest.newBuilder(URI.create(one + "/notes"))
                    .header("Content-Type", "application/json")
                    .header("Authorization", "Basic " + Base64.getEncoder().encodeToString("agent:demo".getBytes(StandardCharsets.UTF_8)))
                    .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(tooLarge)))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(chunked.statusCode()).isEqualTo(413);
            HttpResponse<String> stale = call("POST", one + "/updates", Map.of("status", "IDENTIFIED", "body", "x", "version", version - 1), "agent");
            assertThat(stale.statusCode()).isEqualTo(409);
            assertThat(json.readTree(stale.body()).get("detail").asString()).contains("changed since you read it");
            assertThat(call("GET", api, null, null).statusCode()).isEqualTo(401);
            JsonNode unchanged = json.readTree(call("GET", one, null, "agent").body());
            assertThat(unchanged.get("version").asLong()).isEqualTo(version);
            assertThat(unchanged.get("updates").size()).isEqualTo(1);

            // the agent's work
            version = versionOf(call("POST", one + "/acknowledge", Map.of("version", version), "agent"));
            HttpResponse<String> notAnAgent = call("PUT", one + "/assignee", Map.of("assignee", "agentagent", "version", version), "agent");
            assertThat(notAnAgent.statusCode()).isEqualTo(400);
            assertThat(json.readTree(notAnAgent.body()).get("fields").get(0).get("field").asString()).isEqualTo("assignee");
            assertThat(json.readTree(notAnAgent.body()).get("detail").asString()).contains("Pick one of the agents (admin, agent)");
            version = versionOf(call("PUT", one + "/assignee", Map.of("assignee", "admin", "version", version), "agent"));
            version = versionOf(call("POST", one + "/notes", Map.of("note", "Storage team paged <script>", "version", version), "agent"));
            // pasted from a terminal: control characters and a non-character that XML cannot hold, dropped on input
            version = versionOf(call("POST", one + "/updates", Map.of("status", "identified",
                    "body", "A storage\u0000 controller\u0001\u0008\u000B\u000C\u001B\u001F failed.\uFFFE\uFFFF", "version", version), "agent"));
            JsonNode classified = json.readTree(call("PUT", one + "/classification",
                    Map.of("severity", "SEV1", "impact", "CRITICAL", "version", version), "agent").body());
            assertThat(classified.get("severity").asString()).isEqualTo("SEV1");
            assertThat(classified.get("assignee").asString()).isEqualTo("admin");
            assertThat(classified.get("acknowledgedBy").asString()).isEqualTo("agent");
            assertThat(classified.get("timeToAcknowledgeSeconds").asLong()).isNotNegative();
            assertThat(classified.get("timeline").findValuesAsString("text")).contains("Storage team paged <script>");

            // the public sees the update and the impact (once the read model has the events), never the note or the owner
            String summary = await().atMost(DEADLINE).until(() -> get(runner.baseUrl() + "/api/v2/summary.json"),
                    body -> body.contains("\"impact\":\"critical\""));
            assertThat(summary).contains("A storage controller failed.").doesNotContain("Storage team paged", "admin");
            assertThat(get(runner.baseUrl() + "/incidents/" + id) + get(runner.baseUrl() + "/history.atom"))
                    .doesNotContain("Storage team paged", "admin");
            String feed = get(runner.baseUrl() + "/history.atom");
            assertThat(FeedChecks.atom(feed)).as("a strict XML parser reads the feed").isNotEmpty();
            assertThat(feed).contains("A storage controller failed.");

            // the page is rendered once per change and language, and a reader who has it gets 304
            HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create(runner.baseUrl() + "/"))
                    .header("Accept-Language", "es").build(), HttpResponse.BodyHandlers.ofString());
            assertThat(page.body()).contains("A storage controller failed.", "Incidencias activas").doesNotContain("Storage team paged");
            // what the engine wrote and the catalog's names, in the reader's language; the API stays in the default one
            assertThat(page.body()).contains("Caída del entorno de Producción", "Entorno de Producción",
                    "Estamos investigando una interrupción que afecta a Web omnicanal", "Web omnicanal", "Telefonía")
                    .doesNotContain("Production site outage", "We are investigating");
            keep("status-es.html", page.body());
            // Portuguese and German readers get the whole page in their language too: the engine's texts, the catalog, the page
            Map<String, List<String>> translated = Map.of(
                    "pt", List.of("Falha no centro de Produção", "Centro de Produção", "Centro de Contingência",
                            "Estamos a investigar uma interrupção que afeta Web omnicanal", "Portal de clientes e chat web", "Telefonia",
                            "Incidentes ativos", "Interrupção total", "100,00 % de disponibilidade", "Disponibilidade nos últimos 90 dias",
                            "Receber as atualizações"),
                    "de", List.of("Ausfall im Rechenzentrum Produktion", "Rechenzentrum Produktion", "Rechenzentrum Notbetrieb",
                            "Wir untersuchen eine Störung, die Omnichannel-Web betrifft", "Kundenportal und Web-Chat", "Telefonie",
                            "Aktuelle Störungen", "Totalausfall", "100,00 % Verfügbarkeit", "Verfügbarkeit in den letzten 90 Tagen",
                            "Benachrichtigungen abonnieren"));
            for (Map.Entry<String, List<String>> language : translated.entrySet()) {
                String translatedPage = inLanguage(language.getKey(), runner.baseUrl() + "/");
                assertThat(translatedPage).as(language.getKey()).contains(language.getValue())
                        .doesNotContain("Production site outage", "We are investigating", "Active incidents", "Major outage");
                keep("status-" + language.getKey() + ".html", translatedPage);
            }
            assertThat(summary).contains("Production site outage").doesNotContain("Caída");
            assertThat(page.headers().firstValue("Cache-Control")).hasValueSatisfying(c -> assertThat(c).contains("max-age=10"));
            String etag = page.headers().firstValue("ETag").orElseThrow();
            // (while the outage goes on the page is also built again every few seconds: a second try may meet a new version)
            String[] latest = { etag };
            await().atMost(DEADLINE).untilAsserted(() -> {
                HttpResponse<String> again = http.send(HttpRequest.newBuilder(URI.create(runner.baseUrl() + "/"))
                        .header("Accept-Language", "es").header("If-None-Match", latest[0]).build(), HttpResponse.BodyHandlers.ofString());
                latest[0] = again.headers().firstValue("ETag").orElseThrow();
                assertThat(again.statusCode()).isEqualTo(304);
            });
            // no event comes, but the outage goes on: its downtime grows, so the read model is built again within seconds
            // (the page's ETag is made of the page: it changes when what the page shows does)
            io.contingo.incident.statuspage.PublicView publicView = app.getBean(io.contingo.incident.statuspage.PublicView.class);
            Instant built = publicView.now().builtAt();
            await().atMost(DEADLINE).until(() -> publicView.now().builtAt(), at -> at.isAfter(built));
            HttpResponse<String> english = http.send(HttpRequest.newBuilder(URI.create(runner.baseUrl() + "/"))
                    .header("Accept-Language", "en").header("If-None-Match", etag).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(english.statusCode()).isEqualTo(200);
            assertThat(english.body()).contains("Active incidents", "100.00 % uptime");

            // recovery: monitoring, then resolved after the quiet period (1 s in tests)
            for (int i = 0; i < 2; i++) {
                health(runner, "prod-web", "madrid", HealthStatus.UP);
                health(runner, "prod-web", "lisbon", HealthStatus.UP);
            }
            await().atMost(DEADLINE).until(() -> json.readTree(call("GET", one, null, "agent").body()).get("status").asString(),
                    "RESOLVED"::equals);
            JsonNode resolved = json.readTree(call("GET", one, null, "agent").body());
            assertThat(resolved.get("updates").findValuesAsString("status")).containsSubsequence("MONITORING", "RESOLVED");
            assertThat(resolved.get("timeToResolveSeconds").asLong()).isPositive();
            // the stored state keeps the stretch out of operational that the status page's uptime counts: the incident's window
            JsonNode window = resolved.get("components").get(0).get("windows").get(0);
            assertThat(mongo.findById("prod-web", ComponentState.class).history().spans()).containsExactly(
                    new io.contingo.incident.component.StatusHistory.Span(io.contingo.events.ComponentStatus.MAJOR_OUTAGE,
                            Instant.parse(window.get("start").asString()), Instant.parse(window.get("end").asString())));
            String spanishIncident = await().atMost(DEADLINE).until(() -> http.send(HttpRequest.newBuilder(URI.create(runner.baseUrl()
                    + "/incidents/" + id)).header("Accept-Language", "es").build(), HttpResponse.BodyHandlers.ofString()).body(),
                    body -> body.contains("Esta incidencia está resuelta"));
            assertThat(spanishIncident).contains("Caída del entorno de Producción", "La interrupción duró", "Interrupción: ",
                    "al menos uno de los servicios afectados");
            keep("incident-es.html", spanishIncident);
            keep("history-es.html", spanish(runner.baseUrl() + "/history"));
            keep("incident-pt.html", inLanguage("pt", runner.baseUrl() + "/incidents/" + id));
            keep("incident-de.html", inLanguage("de", runner.baseUrl() + "/incidents/" + id));
            keep("history-de.html", inLanguage("de", runner.baseUrl() + "/history"));
            String unknown = inLanguage("pt", runner.baseUrl() + "/incidents/no-such-incident");
            assertThat(unknown).contains("Esta página não existe", "Não conhecemos nenhum incidente neste endereço");
            keep("error-pt.html", unknown);
            String signIn = inLanguage("de", runner.baseUrl() + "/login");
            assertThat(signIn).contains("Anmelden", "Störungskonsole", "Die öffentliche Statusseite").doesNotContain("Incident console");
            keep("signin-de.html", signIn);

            // the component fails again soon after: the same incident reopens
            for (int i = 0; i < 3; i++) {
                health(runner, "prod-web", "madrid", HealthStatus.DOWN);
                health(runner, "prod-web", "lisbon", HealthStatus.DOWN);
            }
            JsonNode reopened = await().atMost(DEADLINE).until(() -> json.readTree(call("GET", one, null, "agent").body()),
                    i -> i.get("status").asString().equals("INVESTIGATING"));
            assertThat(reopened.get("reopenCount").asInt()).isEqualTo(1);
            assertThat(reopened.get("components").get(0).get("windows").size()).isEqualTo(2);
            JsonNode openNow = json.readTree(call("GET", api, null, "agent").body());
            assertThat(openNow.size()).isEqualTo(1);
            assertThat(openNow.get(0).get("id").asString()).isEqualTo(id);

            // every step went out on incident-events, in sequence, nothing missing
            long last = json.readTree(call("GET", one, null, "agent").body()).get("version").asLong();
            List<IncidentEvent> published = new ArrayList<>();
            await().atMost(DEADLINE).until(() -> {
                IncidentServiceRunner.poll(incidentEvents).forEach(r -> published.add(json.readValue(r.value(), IncidentEvent.class)));
                return published.stream().anyMatch(e -> e.type() == IncidentEvent.Type.REOPENED);
            });
            List<Long> sequences = published.stream().map(IncidentEvent::sequence).distinct().toList();
            assertThat(sequences).containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(1, sequences.size()).boxed().toList());
            assertThat(published).extracting(IncidentEvent::type).containsSubsequence(IncidentEvent.Type.OPENED,
                    IncidentEvent.Type.DETAILS_CHANGED, IncidentEvent.Type.UPDATED, IncidentEvent.Type.RESOLVED, IncidentEvent.Type.REOPENED);
            assertThat(published.stream().filter(e -> e.type() == IncidentEvent.Type.DETAILS_CHANGED).findFirst().orElseThrow()
                    .incident().acknowledgedAt()).isNotNull();
            assertThat(last).isPositive();

            // a maintenance window: the failing component shows under maintenance and opens no incident
            HttpResponse<String> badWindow = call("POST", runner.baseUrl() + "/api/maintenances", Map.of("name", "Telephony upgrade",
                    "description", "x", "componentIds", List.of("cont-telephony"), "starts", Instant.now().plusSeconds(60).toString(),
                    "ends", Instant.now().toString()), "agent");
            assertThat(badWindow.statusCode()).isEqualTo(400);
            assertThat(badWindow.body()).contains("The window must end after it starts");
            HttpResponse<String> longWindow = call("POST", runner.baseUrl() + "/api/maintenances", Map.of("name", "Telephony migration",
                    "description", "Calls may drop.", "componentIds", List.of("cont-telephony"),
                    "starts", Instant.now().plusSeconds(60).toString(), "ends", Instant.now().plusSeconds(60 + 4 * 3600 + 60).toString()), "agent");
            assertThat(longWindow.statusCode()).as("an agent may not silence detection for longer than 4 h").isEqualTo(403);
            assertThat(json.readTree(longWindow.body()).get("detail").asString())
                    .isEqualTo("A window longer than 4 h silences detection for that long: a manager must plan it.");
            HttpResponse<String> planned = call("POST", runner.baseUrl() + "/api/maintenances", Map.of("name", "Telephony upgrade",
                    "description", "Calls may drop for a few minutes.", "componentIds", List.of("cont-telephony"),
                    "starts", Instant.now().minusSeconds(1).toString(), "ends", Instant.now().plusSeconds(3600).toString()), "agent");
            assertThat(planned.statusCode()).as(planned.body()).isEqualTo(201);
            String windowId = json.readTree(planned.body()).get("id").asString();
            await().atMost(DEADLINE).until(() -> stateOf(runner, "cont-telephony"), "under_maintenance"::equals);
            for (int i = 0; i < 3; i++) {
                health(runner, "cont-telephony", "madrid", HealthStatus.DOWN);
            }
            JsonNode active = await().atMost(DEADLINE).until(() -> json.readTree(get(runner.baseUrl()
                    + "/api/v2/scheduled-maintenances/active.json")).get("scheduled_maintenances"), list -> list.size() == 1);
            assertThat(active.get(0).get("name").asString()).isEqualTo("Telephony upgrade");
            assertThat(active.get(0).get("status").asString()).isEqualTo("in_progress");
            assertThat(active.get(0).get("components").get(0).get("status").asString()).isEqualTo("under_maintenance");
            // a maintenance, its updates and its components carry every key Statuspage's own have
            for (String endpoint : List.of("scheduled-maintenances/active.json", "scheduled-maintenances.json", "summary.json")) {
                JsonNode body = json.readTree(get(runner.baseUrl() + "/api/v2/" + endpoint));
                assertThat(body.get("scheduled_maintenances").size()).as(endpoint).isPositive();
                StatuspageShapes.assertShape(endpoint, body);
            }
            assertThat(active.get(0).get("impact").asString()).isEqualTo("maintenance");
            assertThat(json.readTree(get(runner.baseUrl() + "/api/v2/summary.json")).get("scheduled_maintenances").size()).isEqualTo(1);
            await().during(Duration.ofSeconds(2)).atMost(DEADLINE).until(() -> stateOf(runner, "cont-telephony"), "under_maintenance"::equals);
            assertThat(json.readTree(call("GET", api, null, "agent").body()).findValuesAsString("siteId")).doesNotContain("contingency");

            long windowVersion = json.readTree(call("GET", runner.baseUrl() + "/api/maintenances", null, "agent").body()).get(0).get("version").asLong();
            assertThat(call("POST", runner.baseUrl() + "/api/maintenances/" + windowId + "/cancel", Map.of("version", windowVersion + 7), "agent")
                    .statusCode()).isEqualTo(409);
            HttpResponse<String> cancelled = call("POST", runner.baseUrl() + "/api/maintenances/" + windowId + "/cancel",
                    Map.of("version", windowVersion), "agent");
            assertThat(cancelled.statusCode()).as(cancelled.body()).isEqualTo(200);
            assertThat(json.readTree(cancelled.body()).get("status").asString()).isEqualTo("CANCELLED");
            await().atMost(DEADLINE).until(() -> stateOf(runner, "cont-telephony"), "major_outage"::equals);
            await().atMost(DEADLINE).until(() -> json.readTree(call("GET", api, null, "agent").body()).findValuesAsString("siteId"),
                    sites -> sites.contains("contingency"));

            // the API is documented
            String openApi = get(runner.baseUrl() + "/v3/api-docs");
            assertThat(openApi).contains("/api/incidents/{id}/acknowledge", "/api/incidents/{id}/updates", "IncidentView",
                    "/api/incidents/{id}/components/{componentId}", "/api/maintenances/{id}/cancel")
                    .doesNotContain("/console");

            // requests are timed; Spring Security's observations of each one, a third of a status page request's
            // CPU, are off
            MeterRegistry meters = app.getBean(MeterRegistry.class);
            assertThat(meters.find("http.server.requests").tag("uri", "/api/v2/summary.json").timer()).isNotNull();
            assertThat(meters.getMeters()).extracting(m -> m.getId().getName()).noneMatch(name -> name.startsWith("spring.security"));
        }
    }

    @Test
    void signInAndErrorPagesForBrowsersInTheirLanguageJsonForApiClientsAndADescribedApi() throws Exception {
        IncidentServiceRunner runner = IncidentServiceRunner.onDevstack();
        try (ConfigurableApplicationContext app = runner.start()) {
            PageVisitor anonymous = new PageVisitor(runner.baseUrl());
            assertThat(anonymous.browse("/").status()).as("the status page stays the root").isEqualTo(200);
            assertThat(PageVisitor.path(anonymous.browse("/console").location())).isEqualTo("/login");
            Page signIn = anonymous.keep("incident-login", anonymous.browse("/login"));
            assertThat(signIn.body()).contains("<title>Sign in · Incident console</title>", "/css/app.css", "name=\"_csrf\"")
                    .doesNotContain("Please sign in"); // Spring Security's stock page
            assertThat(anonymous.keep("incident-login-es", anonymous.browse("/login", "es")).body()).contains("Iniciar sesión", "Contraseña");
            assertThat(anonymous.signIn("agent", "not the password").location()).endsWith("/login?error");
            PageVisitor agent = new PageVisitor(runner.baseUrl());
            assertThat(PageVisitor.path(agent.signIn("agent", "demo").location())).as("no page asked for: on to the console").isEqualTo("/console");

            Page unknown = anonymous.keep("incident-404", anonymous.browse("/incidents/inc-20990101-0000-nowhere"));
            assertThat(unknown.status()).isEqualTo(404);
            assertThat(unknown.contentType()).startsWith("text/html");
            assertThat(unknown.body()).contains("This page does not exist", "We know of no incident at this address", "Subscribe to updates",
                    "href=\"/history\"").doesNotContain("Whitelabel");
            assertThat(anonymous.keep("incident-404-es", anonymous.browse("/incidents/inc-20990101-0000-nowhere", "es")).body())
                    .contains("Esta página no existe", "No conocemos ninguna incidencia en esta dirección", "lang=\"es\"");
            Page badMonth = anonymous.keep("incident-400", anonymous.browse("/history?month=bogus"));
            assertThat(badMonth.status()).isEqualTo(400);
            assertThat(badMonth.contentType()).as("was raw JSON").startsWith("text/html");
            assertThat(badMonth.body()).contains("This address is not valid", "Give the month as year and month, for example 20");
            assertThat(anonymous.keep("incident-400-es", anonymous.browse("/history?month=bogus", "es")).body())
                    .contains("Esta dirección no es válida", "Indique el mes como año y mes");
            Page forbidden = agent.keep("incident-403", agent.browse("/actuator/prometheus"));
            assertThat(forbidden.status()).isEqualTo(403);
            assertThat(forbidden.body()).contains("Your account may not open this page", "Incident console", "name=\"_csrf\"")
                    .doesNotContain("Whitelabel");

            Page monthForApi = anonymous.api("/history?month=bogus", null, null);
            assertThat(monthForApi.status()).isEqualTo(400);
            assertThat(monthForApi.contentType()).startsWith("application/json");
            assertThat(json.readTree(monthForApi.body()).get("message").asString()).isEqualTo("Give the month as YYYY-MM, for example 2026-11");
            assertThat(json.readTree(anonymous.api("/incidents/inc-20990101-0000-nowhere", null, null).body()).get("message").asString())
                    .isEqualTo("No incident inc-20990101-0000-nowhere");
            Page refused = anonymous.api("/actuator/prometheus", "agent", "demo");
            assertThat(refused.status()).isEqualTo(403);
            assertThat(json.readTree(refused.body()).get("message").asString())
                    .isEqualTo("Your account may not use /actuator/prometheus: it needs an account with another role.");

            ApiDocument document = anonymous.apiDocument();
            assertThat(document.title()).isEqualTo("Contingo incident API");
            assertThat(document.version()).matches("\\d+\\.\\d+.*");
            assertThat(document.description()).contains("Incidents and maintenance windows");
            assertThat(document.basicScheme()).isEqualTo("basic");
            assertThat(document.basicByOperation()).containsKeys("GET /api/incidents", "POST /api/maintenances")
                    .allSatisfy((operation, basic) -> assertThat(basic).as(operation).isTrue());

            statuspageWordsInTheIncidentApi(runner);
        }
    }

    /**
     * A tool written for Statuspage sends its lower-case words ("minor", "partial_outage", "investigating"); the API
     * takes them as well as its own upper-case names, and refuses a word neither has, naming the field.
     */
    private void statuspageWordsInTheIncidentApi(IncidentServiceRunner runner) throws Exception {
        String api = runner.baseUrl() + "/api/incidents";
        for (Map.Entry<String, String> wrong : Map.of("componentStatus", "broken", "impact", "catastrophic", "severity", "sev9").entrySet()) {
            Map<String, Object> declaration = new java.util.HashMap<>(Map.of("name", "Chat answers slowly", "componentIds", List.of("prod-web"),
                    "componentStatus", "partial_outage", "impact", "minor", "severity", "sev3", "body", "Some chats take a minute to connect."));
            declaration.put(wrong.getKey(), wrong.getValue());
            HttpResponse<String> refused = call("POST", api, declaration, "agent");
            assertThat(refused.statusCode()).as(wrong.toString()).isEqualTo(400);
            assertThat(json.readTree(refused.body()).get("fields").get(0).get("field").asString()).isEqualTo(wrong.getKey());
        }
        assertThat(json.readTree(call("GET", api, null, "agent").body()).size()).as("nothing stored").isZero();

        HttpResponse<String> declared = call("POST", api, Map.of("name", "Chat answers slowly", "componentIds", List.of("prod-web"),
                "componentStatus", "partial_outage", "impact", "minor", "severity", "sev3",
                "body", "Some chats take a minute to connect."), "agent");
        assertThat(declared.statusCode()).as(declared.body()).isEqualTo(201);
        JsonNode incident = json.readTree(declared.body());
        assertThat(incident.get("impact").asString()).isEqualTo("MINOR");
        assertThat(incident.get("severity").asString()).isEqualTo("SEV3");
        assertThat(incident.get("components").get(0).get("status").asString()).isEqualTo("PARTIAL_OUTAGE");
        String one = api + "/" + incident.get("id").asString();
        long version = incident.get("version").asLong();

        HttpResponse<String> unknownStatus = call("POST", one + "/updates", Map.of("status", "postmortem", "body", "x", "version", version), "agent");
        assertThat(unknownStatus.statusCode()).isEqualTo(400);
        assertThat(json.readTree(unknownStatus.body()).get("fields").get(0).get("field").asString()).isEqualTo("status");
        HttpResponse<String> notAnOutage = call("PUT", one + "/components/prod-web", Map.of("status", "under_maintenance", "version", version), "agent");
        assertThat(notAnOutage.statusCode()).isEqualTo(400);
        assertThat(json.readTree(notAnOutage.body()).get("fields").get(0).get("field").asString()).isEqualTo("status");

        version = versionOf(call("POST", one + "/updates", Map.of("status", "investigating", "body", "Chat servers are being checked.",
                "version", version), "agent"));
        JsonNode degraded = json.readTree(call("PUT", one + "/components/prod-web", Map.of("status", "degraded_performance", "version", version),
                "agent").body());
        assertThat(degraded.get("components").get(0).get("status").asString()).isEqualTo("DEGRADED_PERFORMANCE");
        JsonNode major = json.readTree(call("PUT", one + "/classification", Map.of("severity", "sev2", "impact", "major",
                "version", degraded.get("version").asLong()), "agent").body());
        assertThat(major.get("impact").asString()).isEqualTo("MAJOR");
        assertThat(major.get("severity").asString()).isEqualTo("SEV2");
        assertThat(major.get("updates").findValuesAsString("status")).containsExactly("INVESTIGATING", "INVESTIGATING");
        // and the public API says it in Statuspage's words
        JsonNode published = await().atMost(DEADLINE).until(() -> json.readTree(get(runner.baseUrl() + "/api/v2/incidents/unresolved.json"))
                .get("incidents"), list -> list.size() == 1 && list.get(0).get("impact").asString().equals("major"));
        assertThat(published.get(0).get("incident_updates").findValuesAsString("status")).containsOnly("investigating");
    }

    private long versionOf(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json.readTree(response.body()).get("version").asLong();
    }

    private void health(IncidentServiceRunner runner, String componentId, String location, HealthStatus status) {
        observed = observed.plusMillis(100);
        String siteId = componentId.startsWith("prod") ? "production" : "contingency";
        HealthEvent event = new HealthEvent(UUID.randomUUID().toString(), componentId + "-http", componentId, siteId,
                "probe-" + location, status, observed, 12L, status == HealthStatus.UP ? "HTTP 200" : "HTTP 503",
                Map.of(HealthEvent.LOCATION, location));
        runner.send("health-events", componentId, json.writeValueAsString(event));
    }

    private String stateOf(IncidentServiceRunner runner, String componentId) throws Exception {
        for (JsonNode c : json.readTree(get(runner.baseUrl() + "/api/v2/components.json")).get("components")) {
            if (c.get("id").asString().equals(componentId)) {
                return c.get("status").asString();
            }
        }
        return "";
    }

    private HttpResponse<String> call(String method, String url, Object body, String user) throws Exception {
        return raw(method, url, body == null ? null : json.writeValueAsString(body), user);
    }

    private HttpResponse<String> raw(String method, String url, String body, String user) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).header("Accept", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (user != null) {
            request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":demo").getBytes(StandardCharsets.UTF_8)));
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private String get(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString()).body();
    }
}
