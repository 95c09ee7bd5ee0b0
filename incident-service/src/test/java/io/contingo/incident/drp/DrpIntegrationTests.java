package io.contingo.incident.drp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.InetSocketAddress;
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
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

import com.sun.net.httpserver.HttpServer;

import io.contingo.devstack.DemoEntry;
import io.contingo.devstack.DemoSite;
import io.contingo.devstack.FreePorts;
import io.contingo.devstack.WebhookSignature;
import io.contingo.events.DrpEvent;
import io.contingo.events.HealthEvent;
import io.contingo.events.HealthStatus;
import io.contingo.incident.IncidentServiceRunner;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The DRP on the real broker and database, against the two demo sites and the entry URL: the policy and its guards,
 * a failover and the return to production, a failing webhook retried, skipped and aborted, a drill that changes
 * nothing customers see, and bad requests refused with nothing changed.
 */
class DrpIntegrationTests {

    private static final Duration DEADLINE = Duration.ofSeconds(60);
    private static final String SECRET = WebhookSignature.DEMO_SECRET;
    private static final JsonMapper json = JsonMapper.builder().build();
    private static final HttpClient http = HttpClient.newHttpClient();

    private static DemoSite production;
    private static DemoSite contingency;
    private static DemoEntry entry;
    private static Automation automation;
    private static IncidentServiceRunner runner;
    private static ConfigurableApplicationContext app;
    private static Instant observed = Instant.now().minusSeconds(600);

    @BeforeAll
    static void start() throws Exception {
        production = DemoSite.start("Production", FreePorts.next(), DemoSite.DatabaseRole.PRIMARY, SECRET);
        contingency = DemoSite.start("Contingency", FreePorts.next(), DemoSite.DatabaseRole.MIRROR, SECRET);
        entry = DemoEntry.start("127.0.0.1", FreePorts.next(), production, contingency, SECRET, null);
        automation = Automation.start();
        runner = IncidentServiceRunner.onDevstack()
                .with("CONTINGO_DEMO_PRODUCTION_URL", production.baseUrl())
                .with("CONTINGO_DEMO_CONTINGENCY_URL", contingency.baseUrl())
                .with("CONTINGO_DEMO_ENTRY_URL", "http://127.0.0.1:" + entry.port())
                .with("contingo.drp.lost-after", "1s")
                .with("contingo.drp.watch-every", "1h");
        app = runner.start();
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
        entry.close();
        production.close();
        contingency.close();
        automation.close();
    }

    @Test
    void aManagerOrdersTheFailoverThenTheReturnToProduction() throws Exception {
        backup(600);
        siteHealth("prod", HealthStatus.DOWN);
        String incidentId = await().atMost(DEADLINE).until(() -> json.readTree(call("GET", "/api/incidents", null, "agent").body()),
                list -> list.size() == 1).get(0).get("id").asString();

        // bad requests: named, and nothing stored changes
        assertThat(call("POST", "/api/drp/runs", Map.of("pair", "nowhere", "kind", "failover"), "agent").statusCode()).isEqualTo(404);
        HttpResponse<String> denied = call("PUT", "/api/drp/runbooks/failover", Map.of("name", "x", "pair", "production", "kind", "failover",
                "steps", List.of(Map.of("name", "Steal credentials", "kind", "webhook", "estimate", "PT1M", "url", "http://169.254.169.254/latest"))), "admin");
        assertThat(denied.statusCode()).as(denied.body()).isEqualTo(400);
        assertThat(json.readTree(denied.body()).get("problems").toString()).contains("steps[0].url").contains("169.254");
        assertThat(call("PUT", "/api/drp/runbooks/failover", Map.of(), "agent").statusCode()).isEqualTo(403);
        assertThat(body("GET", "/api/drp/runbooks/failover", null, "agent").get("steps").size()).isEqualTo(6);

        JsonNode proposed = body("POST", "/api/drp/runs", Map.of("pair", "production", "kind", "failover", "incidentId", incidentId), "agent");
        String runId = proposed.get("id").asString();
        assertThat(proposed.get("state").asString()).isEqualTo("PROPOSED");
        assertThat(proposed.get("rpoExposureSeconds").asLong()).isBetween(600L, 700L);
        assertThat(proposed.get("expectedRtoSeconds").asLong()).isEqualTo(120 + 60 + 30 + 120 + 10 + 10);
        assertThat(proposed.get("guardProblems").size()).isZero();
        assertThat(call("POST", "/api/drp/runs/" + runId + "/approve", Map.of(), "agent").statusCode()).isEqualTo(403);
        assertThat(call("POST", "/api/drp/runs", Map.of("pair", "production", "kind", "failover"), "agent").statusCode()).isEqualTo(409);
        assertThat(entryLandsOn()).isEqualTo(production.port());

        JsonNode approved = body("POST", "/api/drp/runs/" + runId + "/approve", Map.of(), "manager");
        assertThat(approved.get("state").asString()).isEqualTo("RUNNING");
        assertThat(approved.get("decidedBy").asString()).isEqualTo("manager");
        assertThat(approved.get("steps").get(0).get("state").asString()).isEqualTo("WAITING_FOR_PERSON");
        HttpResponse<String> again = call("POST", "/api/drp/runs/" + runId + "/approve", Map.of(), "manager");
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(json.readTree(again.body()).get("detail").asString()).contains("approved by manager");

        body("POST", "/api/drp/runs/" + runId + "/steps/0/confirm", Map.of("note", "Both lines down, servers unreachable"), "agent");
        JsonNode done = awaitRun(runId, "SUCCEEDED");
        assertThat(done.get("steps").findValuesAsString("state")).containsExactly("SUCCEEDED", "SUCCEEDED", "SUCCEEDED", "SUCCEEDED", "SUCCEEDED", "SUCCEEDED");
        assertThat(done.get("steps").get(0).get("actor").asString()).isEqualTo("agent");
        assertThat(done.get("serviceRestoredAt").isNull()).isFalse();
        assertThat(contingency.database()).isEqualTo(DemoSite.DatabaseRole.PRIMARY);
        assertThat(entry.target()).isEqualTo("contingency");
        assertThat(entryLandsOn()).isEqualTo(contingency.port());
        JsonNode pair = body("GET", "/api/drp/pairs", null, "agent").get(0);
        assertThat(pair.get("roles").get("contingency").asString()).isEqualTo("active");
        assertThat(pair.get("roles").get("production").asString()).isEqualTo("inactive");
        assertThat(pair.get("servingSiteId").asString()).isEqualTo("contingency");
        assertThat(pair.get("openRunId").isNull()).isTrue();
        assertThat(servingSiteChanges(runId)).isEqualTo(1);
        String timeline = body("GET", "/api/incidents/" + incidentId, null, "agent").get("timeline").toString();
        assertThat(timeline).contains("DRP: proposed", "RPO exposure 1", "DRP: approved", "succeeded", "Recovery time");

        // the return to production, once production is healthy again
        siteHealth("prod", HealthStatus.UP);
        await().atMost(DEADLINE).until(() -> body("GET", "/api/drp/pairs", null, "agent").get(0).get("failoverProblems") != null
                && production(HealthStatus.UP));
        String back = body("POST", "/api/drp/runs", Map.of("pair", "production", "kind", "return"), "agent").get("id").asString();
        body("POST", "/api/drp/runs/" + back + "/approve", Map.of(), "manager");
        await().atMost(DEADLINE).until(() -> body("GET", "/api/drp/runs/" + back, null, "agent").get("steps").get(1).get("state").asString(),
                "WAITING_FOR_PERSON"::equals);
        assertThat(body("GET", "/api/drp/pairs", null, "agent").get(0).get("roles").get("production").asString()).isEqualTo("maintenance");
        body("POST", "/api/drp/runs/" + back + "/steps/1/confirm", Map.of("note", "Mirror synchronised"), "agent");
        awaitRun(back, "SUCCEEDED");
        assertThat(entry.target()).isEqualTo("production");
        assertThat(entryLandsOn()).isEqualTo(production.port());
        assertThat(production.database()).isEqualTo(DemoSite.DatabaseRole.PRIMARY);
        assertThat(contingency.database()).isEqualTo(DemoSite.DatabaseRole.MIRROR);
        JsonNode home = body("GET", "/api/drp/pairs", null, "agent").get(0);
        assertThat(home.get("roles").get("production").asString()).isEqualTo("active");
        assertThat(home.get("roles").get("contingency").asString()).isEqualTo("standby");
        assertThat(home.get("servingSiteId").asString()).isEqualTo("production");
        assertThat(servingSiteChanges(back)).isEqualTo(1);
    }

    @Test
    void aFailingWebhookIsRetriedSkippedOrAbortedAndADrillChangesNothingCustomersSee() throws Exception {
        Runbook original = app.getBean(Runbooks.class).get("failover");
        try {
            saveRunbook(List.of(
                    webhook("Flaky automation", automation.url("/flaky")),
                    webhook("Broken automation", automation.url("/broken")),
                    Map.of("name", "Switch the entry URL", "kind", "switch-entry", "estimate", "PT30S"),
                    Map.of("name", "Roles", "kind", "set-role", "estimate", "PT10S", "roles", Map.of("contingency", "active", "production", "inactive")),
                    Map.of("name", "Tell customers", "kind", "notify-customers", "estimate", "PT10S")));
            automation.failuresLeft("/flaky", 1);
            assertThat(call("POST", "/api/drp/drills", Map.of("pair", "production"), "agent").statusCode()).isEqualTo(403);
            String drill = body("POST", "/api/drp/drills", Map.of("pair", "production"), "manager").get("id").asString();

            JsonNode failed = awaitRun(drill, "WAITING_FOR_AGENT");
            assertThat(failed.get("drill").asBoolean()).isTrue();
            assertThat(failed.get("steps").get(0).get("state").asString()).isEqualTo("FAILED");
            assertThat(failed.get("steps").get(0).get("detail").asString()).contains("HTTP 500", "expected 2xx");
            assertThat(call("POST", "/api/drp/runs/" + drill + "/steps/1/retry", null, "agent").statusCode()).isEqualTo(409);
            body("POST", "/api/drp/runs/" + drill + "/steps/0/retry", null, "agent");
            JsonNode second = await().atMost(DEADLINE).until(() -> body("GET", "/api/drp/runs/" + drill, null, "agent"),
                    r -> r.get("steps").get(1).get("state").asString().equals("FAILED"));
            assertThat(second.get("steps").get(0).get("state").asString()).isEqualTo("SUCCEEDED");
            assertThat(second.get("steps").get(0).get("attempts").asInt()).isEqualTo(2);
            assertThat(call("POST", "/api/drp/runs/" + drill + "/steps/1/skip", Map.of("reason", " "), "agent").statusCode()).isEqualTo(400);
            body("POST", "/api/drp/runs/" + drill + "/steps/1/skip", Map.of("reason", "Done by hand on the console of the array"), "agent");
            JsonNode finished = awaitRun(drill, "SUCCEEDED");
            assertThat(finished.get("steps").get(1).get("state").asString()).isEqualTo("SKIPPED");
            assertThat(finished.get("steps").get(2).get("detail").asString()).contains("Drill");

            // what the automation received: signed, marked as a drill, each attempt under its own order
            List<Automation.Call> flaky = automation.calls("/flaky");
            assertThat(flaky).hasSize(2);
            assertThat(flaky).allSatisfy(c -> {
                assertThat(c.headers().get("X-contingo-drill")).isEqualTo("true");
                assertThat(WebhookSignature.verify(SECRET, c.headers().get("X-contingo-timestamp"), c.headers().get("X-contingo-signature"),
                        c.body(), Instant.now())).isEmpty();
            });
            assertThat(flaky.get(0).headers().get("X-contingo-order")).isNotEqualTo(flaky.get(1).headers().get("X-contingo-order"));
            // a drill: no entry switch, no roles, no customer told
            assertThat(entry.target()).isEqualTo("production");
            assertThat(body("GET", "/api/drp/pairs", null, "agent").get(0).get("roles").get("production").asString()).isEqualTo("active");
            assertThat(servingSiteChanges(drill)).isZero();

            // abort: the run ends, the pair is free for the next
            automation.failuresLeft("/flaky", 1);
            String aborted = body("POST", "/api/drp/drills", Map.of("pair", "production"), "manager").get("id").asString();
            awaitRun(aborted, "WAITING_FOR_AGENT");
            assertThat(call("POST", "/api/drp/runs/" + aborted + "/abort", Map.of(), "agent").statusCode()).isEqualTo(400);
            assertThat(body("POST", "/api/drp/runs/" + aborted + "/abort", Map.of("reason", "Automation under repair"), "agent")
                    .get("state").asString()).isEqualTo("ABORTED");
            HttpResponse<String> late = call("POST", "/api/drp/runs/" + aborted + "/approve", Map.of(), "manager");
            assertThat(json.readTree(late.body()).get("detail").asString()).contains("aborted already");
            assertThat(body("GET", "/api/drp/pairs", null, "agent").get(0).get("openRunId").isNull()).isTrue();
        } finally {
            app.getBean(Runbooks.class).save(original, "test");
        }
    }

    @Test
    void thePolicyStartsOnlyTowardsAHealthyStandbyWithARecentBackupUnlessAManagerOverrides() throws Exception {
        DrpWatch watch = app.getBean(DrpWatch.class);
        DrpSettings.Pair manual = app.getBean(DrpSettings.class).pair("production");
        DrpSettings.Pair automatic = withPolicy(manual, DrpSettings.Policy.AUTOMATIC, Duration.ofMinutes(15));
        DrpSettings.Pair after = withPolicy(manual, DrpSettings.Policy.AUTOMATIC_AFTER, Duration.ZERO);
        backup(600);
        siteHealth("prod", HealthStatus.DOWN);
        await().atMost(DEADLINE).until(() -> production(HealthStatus.DOWN));

        watch.watch(manual, Instant.now().plusSeconds(2));
        assertThat(openRun()).isNull();

        watch.watch(automatic, Instant.now().plusSeconds(2));
        JsonNode started = body("GET", "/api/drp/runs/" + openRun(), null, "agent");
        assertThat(started.get("state").asString()).isEqualTo("RUNNING");
        assertThat(started.get("decidedBy").asString()).isEqualTo("contingo");
        abort(started);

        // the standby is down: the policy proposes and does not start; a manager may override
        siteHealth("cont", HealthStatus.DOWN);
        await().atMost(DEADLINE).until(() -> body("GET", "/api/drp/pairs", null, "agent").get(0).get("failoverProblems").size() == 1);
        watch.watch(automatic, Instant.now().plusSeconds(2));
        JsonNode held = body("GET", "/api/drp/runs/" + openRun(), null, "agent");
        assertThat(held.get("state").asString()).isEqualTo("PROPOSED");
        assertThat(held.get("guardProblems").get(0).asString()).contains("The Contingency site is not healthy", "major outage");
        HttpResponse<String> guarded = call("POST", "/api/drp/runs/" + held.get("id").asString() + "/approve", Map.of(), "manager");
        assertThat(guarded.statusCode()).isEqualTo(409);
        assertThat(json.readTree(guarded.body()).get("detail").asString()).contains("not healthy", "override reason");
        JsonNode overridden = body("POST", "/api/drp/runs/" + held.get("id").asString() + "/approve",
                Map.of("override", "Contingency answers from the customers' network"), "manager");
        assertThat(overridden.get("override").asString()).isEqualTo("Contingency answers from the customers' network");
        abort(overridden);

        // a stale backup: over the RPO target
        siteHealth("cont", HealthStatus.UP);
        backup(3 * 3600);
        await().atMost(DEADLINE).until(() -> body("GET", "/api/drp/pairs", null, "agent").get(0).get("failoverProblems").toString()
                .contains("over the RPO target of 2 h"));
        watch.watch(automatic, Instant.now().plusSeconds(2));
        assertThat(body("GET", "/api/drp/runs/" + openRun(), null, "agent").get("state").asString()).isEqualTo("PROPOSED");
        abort(body("GET", "/api/drp/runs/" + openRun(), null, "agent"));

        // automatic-after: proposed, then started when no manager answered in time
        backup(300);
        watch.watch(after, Instant.now().plusSeconds(2));
        String waiting = openRun();
        assertThat(body("GET", "/api/drp/runs/" + waiting, null, "agent").get("state").asString()).isEqualTo("PROPOSED");
        watch.watch(after, Instant.now().plusSeconds(2));
        JsonNode unanswered = body("GET", "/api/drp/runs/" + waiting, null, "agent");
        assertThat(unanswered.get("state").asString()).isEqualTo("RUNNING");
        assertThat(unanswered.get("decisionReason").asString()).contains("No manager answered");
        abort(unanswered);
        siteHealth("prod", HealthStatus.UP);
        await().atMost(DEADLINE).until(() -> production(HealthStatus.UP));
    }

    private static DrpSettings.Pair withPolicy(DrpSettings.Pair pair, DrpSettings.Policy policy, Duration after) {
        return new DrpSettings.Pair(pair.id(), pair.productionSite(), pair.contingencySite(), policy, after, pair.backupMonitors(),
                pair.entryControlUrl(), pair.failoverRunbook(), pair.returnRunbook());
    }

    private static String openRun() throws Exception {
        JsonNode open = body("GET", "/api/drp/pairs", null, "agent").get(0).get("openRunId");
        return open == null || open.isNull() ? null : open.asString();
    }

    private static void abort(JsonNode run) throws Exception {
        body("POST", "/api/drp/runs/" + run.get("id").asString() + "/abort", Map.of("reason", "test over"), "manager");
        app.getBean(SitePairs.class).clearLost("production");
    }

    private static boolean production(HealthStatus status) throws Exception {
        String wanted = status == HealthStatus.UP ? "operational" : "major_outage";
        for (JsonNode c : json.readTree(get(runner.baseUrl() + "/api/v2/components.json")).get("components")) {
            if (c.get("id").asString().startsWith("prod-") && !c.get("status").asString().equals(wanted)) {
                return false;
            }
        }
        return true;
    }

    private static Map<String, Object> webhook(String name, String url) {
        return Map.of("name", name, "kind", "webhook", "estimate", "PT1M", "url", url, "timeout", "PT5S");
    }

    private static void saveRunbook(List<Map<String, Object>> steps) throws Exception {
        HttpResponse<String> saved = call("PUT", "/api/drp/runbooks/failover",
                Map.of("name", "Failover (test)", "pair", "production", "kind", "failover", "steps", steps), "admin");
        assertThat(saved.statusCode()).as(saved.body()).isEqualTo(200);
    }

    private static JsonNode awaitRun(String runId, String state) {
        return await().atMost(DEADLINE).until(() -> body("GET", "/api/drp/runs/" + runId, null, "agent"),
                run -> run.get("state").asString().equals(state));
    }

    /** How many SERVING_SITE_CHANGED events of the run are on drp-events. */
    private static long servingSiteChanges(String runId) {
        try (KafkaConsumer<String, String> reader = runner.reader("drp-events")) {
            List<DrpEvent> events = new ArrayList<>();
            await().atMost(DEADLINE).until(() -> {
                IncidentServiceRunner.poll(reader).forEach(r -> events.add(json.readValue(r.value(), DrpEvent.class)));
                return events.stream().anyMatch(e -> e.runId().equals(runId) && e.type() == DrpEvent.Type.RUN_CHANGED
                        && e.run().state().finished());
            });
            IncidentServiceRunner.poll(reader).forEach(r -> events.add(json.readValue(r.value(), DrpEvent.class)));
            return events.stream().filter(e -> e.runId().equals(runId) && e.type() == DrpEvent.Type.SERVING_SITE_CHANGED).count();
        }
    }

    /** The port of the site the entry URL's redirect lands on. */
    private static int entryLandsOn() throws Exception {
        HttpResponse<String> redirect = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + entry.port() + "/web/")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(redirect.statusCode()).isEqualTo(302);
        URI location = URI.create(redirect.headers().firstValue("Location").orElseThrow());
        HttpResponse<String> page = http.send(HttpRequest.newBuilder(location).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        return location.getPort();
    }

    private static void backup(long rpoSeconds) {
        observed = observed.plusMillis(100);
        HealthEvent event = new HealthEvent(UUID.randomUUID().toString(), "cont-api-backup", "cont-api", "contingency", "probe-local",
                HealthStatus.UP, Instant.now(), null, "Last good backup", Map.of("rpoSeconds", Long.toString(rpoSeconds)));
        runner.send("health-events", "cont-api", json.writeValueAsString(event));
    }

    /** Three results of every component of a site ({@code prod} or {@code cont}): enough to confirm the status. */
    private static void siteHealth(String prefix, HealthStatus status) {
        List<String[]> records = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            observed = observed.plusMillis(100);
            for (String component : List.of("-web", "-api", "-telephony")) {
                String id = prefix + component;
                HealthEvent event = new HealthEvent(UUID.randomUUID().toString(), id + "-http", id, prefix.equals("prod") ? "production" : "contingency",
                        "probe-local", status, observed, 10L, status == HealthStatus.UP ? "HTTP 200" : "HTTP 503", Map.of());
                records.add(new String[] { id, json.writeValueAsString(event) });
            }
        }
        runner.sendAll("health-events", records);
    }

    private static JsonNode body(String method, String path, Object body, String user) throws Exception {
        HttpResponse<String> response = call(method, path, body, user);
        assertThat(response.statusCode()).as(method + " " + path + ": " + response.body()).isBetween(200, 201);
        return json.readTree(response.body());
    }

    static HttpResponse<String> call(String method, String path, Object body, String user) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(runner.baseUrl() + path)).header("Accept", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (user != null) {
            request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":demo").getBytes(StandardCharsets.UTF_8)));
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String get(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    /** The operator's automation: answers webhooks, failing some on purpose, and keeps what it received. */
    static final class Automation implements AutoCloseable {

        record Call(Map<String, String> headers, byte[] body) {
        }

        private final HttpServer server;
        private final Map<String, List<Call>> calls = new ConcurrentHashMap<>();
        private final Map<String, AtomicInteger> failures = new ConcurrentHashMap<>();
        final Map<String, CountDownLatch> holds = new ConcurrentHashMap<>();

        private Automation(HttpServer server) {
            this.server = server;
        }

        static Automation start() throws Exception {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            Automation automation = new Automation(server);
            server.createContext("/", exchange -> {
                String path = exchange.getRequestURI().getPath();
                Map<String, String> headers = new java.util.HashMap<>();
                exchange.getRequestHeaders().forEach((k, v) -> headers.put(k, v.getFirst()));
                automation.calls.computeIfAbsent(path, p -> new CopyOnWriteArrayList<>()).add(new Call(headers, exchange.getRequestBody().readAllBytes()));
                CountDownLatch hold = automation.holds.get(path);
                if (hold != null) {
                    try {
                        hold.await(DEADLINE.toSeconds(), java.util.concurrent.TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                boolean fail = path.equals("/broken") || automation.failures.getOrDefault(path, new AtomicInteger()).getAndDecrement() > 0;
                exchange.sendResponseHeaders(fail ? 500 : 200, -1);
                exchange.close();
            });
            server.setExecutor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor());
            server.start();
            return automation;
        }

        String url(String path) {
            return "http://127.0.0.1:" + server.getAddress().getPort() + path;
        }

        void failuresLeft(String path, int count) {
            failures.put(path, new AtomicInteger(count));
        }

        List<Call> calls(String path) {
            return calls.getOrDefault(path, List.of());
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }
}
