package io.contingo.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import io.contingo.devstack.TestInfrastructure;
import io.contingo.health.push.MetricsSample;
import io.contingo.health.push.MetricsSamples;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The demo's metrics monitor on the real broker and MongoDB-wire server: readings posted to its push URL +
 * {@code /metrics} are judged at once against its thresholds, a metrics monitor made over the API keeps its
 * thresholds, and the real agent script posts this host's readings over loopback.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MetricsIntegrationTests {

    private static final String METRICS = "cont-api-host-metrics";
    private static final String HEARTBEAT = "cont-telephony-heartbeat";

    private final JsonMapper json = JsonMapper.builder().build();
    private final HttpClient http = HttpClient.newHttpClient();
    private final String topic = "health-events-m" + ProcessHandle.current().pid();
    private final List<JsonNode> events = new ArrayList<>();
    private KafkaConsumer<String, String> consumer;
    private ConfigurableApplicationContext app;
    private String base;
    private String metricsUrl;

    @BeforeAll
    void start() throws Exception {
        consumer = TestInfrastructure.reader(topic);
        app = new SpringApplicationBuilder(HealthServiceApplication.class).run(
                "--server.port=0",
                "--spring.kafka.bootstrap-servers=" + TestInfrastructure.kafkaBootstrapServers(),
                "--spring.mongodb.uri=" + TestInfrastructure.mongoUri("health-metrics-" + ProcessHandle.current().pid()),
                "--spring.cloud.stream.bindings.healthEvents-out-0.destination=" + topic,
                "--contingo.demo.production-url=http://127.0.0.1:9",
                "--contingo.demo.contingency-url=http://127.0.0.1:9",
                "--contingo.catalog.topic=" + TestSites.demoCatalog(),
                "--contingo.probe.id=probe-metrics-it");
        TestSites.awaitKnown(app);
        base = "http://127.0.0.1:" + app.getEnvironment().getProperty("local.server.port");
        metricsUrl = pushUrl(METRICS) + "/metrics";
    }

    @AfterAll
    void stop() {
        app.close();
        consumer.close();
    }

    @Test
    void readingsAreJudgedAtOnceAndTheDetailNamesEachMetricOverItsThreshold() throws Exception {
        assertThat(metricsUrl).matches("http://127\\.0\\.0\\.1:\\d+/api/push/[A-Za-z0-9_-]{43}/metrics");

        HttpResponse<String> over = post(metricsUrl, "{\"disk\":99,\"inodes\":3,\"memory\":96.5,\"swap\":0,\"load\":0.5,"
                + "\"cpu\":12,\"uptime\":86400,\"process\":true,\"processName\":\"java\"}");
        assertThat(over.statusCode()).isEqualTo(202);
        assertThat(json.readTree(over.body()).get("readings").asInt()).isEqualTo(8);
        JsonNode down = awaitEvent("DOWN", e -> e.get("detail").asString().startsWith("disk 99 %"));
        assertThat(down.get("detail").asString()).matches("disk 99 % ≥ 98 % \\(down\\); memory 96\\.5 % ≥ 95 % \\(degraded\\); "
                + "readings \\d+ s ago");
        assertThat(down.get("componentId").asString()).isEqualTo("cont-api");
        assertThat(down.get("siteId").asString()).isEqualTo("contingency");
        assertThat(down.get("attributes").get("disk").asString()).isEqualTo("99");
        assertThat(down.get("attributes").get("memory").asString()).isEqualTo("96.5");
        assertThat(down.get("attributes").get("processName").asString()).isEqualTo("java");

        post(metricsUrl, "{\"disk\":40,\"memory\":50,\"swap\":0,\"load\":0.5,\"process\":true}");
        JsonNode missing = awaitEvent("DEGRADED", e -> e.get("detail").asString().startsWith("no inodes reading (degraded); readings"));
        assertThat(missing.get("attributes").has("inodes")).isFalse();

        post(metricsUrl, "{\"disk\":40,\"inodes\":3,\"memory\":50,\"swap\":0,\"load\":0.5,\"process\":false,\"processName\":\"java\"}");
        awaitEvent("DOWN", e -> e.get("detail").asString().startsWith("process java not running (down)"));

        post(metricsUrl, "{\"disk\":40,\"inodes\":3,\"memory\":50,\"swap\":0,\"load\":0.5,\"process\":true,\"processName\":\"java\"}");
        String listed = "disk 40 %, inodes 3 %, load 0.5, memory 50 %, swap 0 %, process java running";
        JsonNode up = awaitEvent("UP", e -> e.get("detail").asString().endsWith(listed));
        assertThat(up.get("detail").asString()).matches("Within thresholds, readings \\d+ s ago: " + listed);
    }

    @Test
    void wrongTokensAndBadReadingsAreRefusedSayingWhy() throws Exception {
        HttpResponse<String> unknown = post(base + "/api/push/" + "A".repeat(43) + "/metrics", "{\"disk\":1}");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.body()).isEqualTo(post(base + "/api/push/" + "A".repeat(43), null).body());

        HttpResponse<String> heartbeat = post(pushUrl(HEARTBEAT) + "/metrics", "{\"disk\":1}");
        assertThat(heartbeat.statusCode()).isEqualTo(400);
        assertThat(error(heartbeat)).isEqualTo("monitor '" + HEARTBEAT + "' is a push monitor: post to its push URL without /metrics");
        HttpResponse<String> plain = post(pushUrl(METRICS), null);
        assertThat(plain.statusCode()).isEqualTo(400);
        assertThat(error(plain)).startsWith("monitor '" + METRICS + "' is a metrics monitor: post its readings as JSON to this URL followed by /metrics");

        HttpResponse<String> unknownReading = post(metricsUrl, "{\"disk\":1,\"temperature\":60}");
        assertThat(unknownReading.statusCode()).isEqualTo(400);
        assertThat(error(unknownReading)).startsWith("unknown readings: temperature; known: disk, inodes");
        HttpResponse<String> notANumber = post(metricsUrl, "{\"disk\":\"97%\",\"load\":true}");
        assertThat(notANumber.statusCode()).isEqualTo(400);
        assertThat(error(notANumber)).isEqualTo("disk must be a number; load must be a number");
        HttpResponse<String> tooLarge = post(metricsUrl, "{\"disk\":1" + " ".repeat(5000) + "}");
        assertThat(tooLarge.statusCode()).isEqualTo(413);
        assertThat(error(tooLarge)).isEqualTo("the body is larger than 4096 bytes");
        HttpResponse<String> plainText = http.send(HttpRequest.newBuilder(URI.create(metricsUrl))
                .header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.ofString("{\"disk\":1}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(plainText.statusCode()).as("any content type, as curl -d sends it").isEqualTo(202);
    }

    /**
     * 50 MB, with a Content-Length and chunked, to the push endpoints (with a real token and without one) and to
     * the monitor API: each answered before the client has sent a third of it, 413 with a JSON message, except an
     * unknown token's chunked push, which is 404 without its body being read.
     */
    @Test
    void oversizedBodiesAreRefusedWithoutBeingRead() throws Exception {
        int port = Integer.parseInt(base.substring(base.lastIndexOf(':') + 1));
        String unknown = "/api/push/" + "A".repeat(43);
        String heartbeat = URI.create(pushUrl(HEARTBEAT)).getPath();
        String metrics = URI.create(metricsUrl).getPath();
        record Case(String path, String credentials, boolean chunked, int status) {
        }
        List<Case> cases = List.of(new Case(unknown, null, false, 413), new Case(unknown, null, true, 404),
                new Case(unknown + "/metrics", null, false, 413), new Case(unknown + "/metrics", null, true, 404),
                new Case(heartbeat, null, false, 413), new Case(heartbeat, null, true, 413),
                new Case(metrics, null, false, 413), new Case(metrics, null, true, 413),
                new Case("/api/monitors", "admin:demo", false, 413), new Case("/api/monitors", "admin:demo", true, 413));
        for (Case sent : cases) {
            OversizedPost answer = OversizedPost.send(port, sent.path(), sent.credentials(), sent.chunked());
            String what = (sent.chunked() ? "chunked " : "") + "POST " + sent.path().replaceAll("[A-Za-z0-9_-]{43}", "{token}")
                    + " answered after " + answer.sentBeforeAnswer() / 1024 + " KiB sent, in " + answer.millis() + " ms";
            System.out.println(what + ": " + answer.status());
            assertThat(answer.status()).as(what).isEqualTo(sent.status());
            assertThat(answer.sentBeforeAnswer()).as(what).isLessThan(OversizedPost.SIZE / 3);
            if (sent.status() == 413) {
                JsonNode refusal = json.readTree(answer.body());
                String message = (refusal.has("message") ? refusal.get("message") : refusal.get("error")).asString();
                assertThat(message).as(what).startsWithIgnoringCase("the body is larger than");
            }
        }
        assertThat(post(pushUrl(HEARTBEAT), null).statusCode()).as("the service still answers").isEqualTo(202);
    }

    @Test
    void aMetricsMonitorMadeOverTheApiKeepsItsThresholdsAndRefusesBadOnesNamingTheField() throws Exception {
        ApiClient admin = ApiClient.of(app, "admin:demo");
        String monitor = "{\"id\":\"api-host-metrics\",\"componentId\":\"cont-web\",\"siteId\":\"contingency\","
                + "\"type\":\"metrics\",\"period\":\"1m\",\"thresholds\":%s}";

        HttpResponse<String> backwards = admin.post("/api/monitors", monitor.formatted("{\"disk\":{\"degraded\":95,\"down\":80}}"));
        assertThat(backwards.statusCode()).as(backwards.body()).isEqualTo(400);
        assertThat(ApiClient.json(backwards).get("fields").get(0).get("field").asString()).isEqualTo("thresholds.disk.degraded");
        assertThat(ApiClient.json(backwards).get("detail").asString())
                .contains("must not be above down: disk is worse the higher it is (degraded 95, down 80)");
        HttpResponse<String> typo = admin.post("/api/monitors", monitor.formatted("{\"disk\":{\"warning\":80}}"));
        assertThat(typo.statusCode()).isEqualTo(400);
        assertThat(ApiClient.json(typo).get("fields").get(0).get("field").asString()).isEqualTo("thresholds.disk.warning");

        HttpResponse<String> created = admin.post("/api/monitors",
                monitor.formatted("{\"uptime\":{\"degraded\":600},\"process\":{\"absent\":\"degraded\"}}"));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(ApiClient.json(admin.get("/api/monitors/api-host-metrics")).get("target").asString())
                .isEqualTo("host metrics every 1m, thresholds on uptime, process");
        String url = await().atMost(Duration.ofSeconds(10)).until(() -> pushUrl("api-host-metrics"), u -> u != null) + "/metrics";

        assertThat(post(url, "{\"uptime\":120,\"process\":false,\"processName\":\"nginx\"}").statusCode()).isEqualTo(202);
        JsonNode degraded = awaitEvent("api-host-metrics", "DEGRADED", e -> e.get("detail").asString()
                .startsWith("uptime 120 s ≤ 600 s (degraded); process nginx not running (degraded)"));
        assertThat(degraded.get("componentId").asString()).isEqualTo("cont-web");
    }

    @Test
    void theAgentScriptPostsPlausibleReadingsOfThisHost() throws Exception {
        Assumptions.assumeTrue(onPath("bash") && onPath("curl"), "the agent test needs bash and curl");
        Assumptions.assumeTrue(Files.isReadable(Path.of("/proc/stat")), "the agent reads a Linux /proc");
        Path agent = Path.of("agent", "contingo-agent.sh");
        assertThat(agent).isRegularFile();
        Instant before = Instant.now();

        Process process = new ProcessBuilder("bash", agent.toString(), metricsUrl, "--once", "--process", "java",
                "--clock-command", "echo -0.25", "--lag-command", "echo 3")
                .redirectErrorStream(true).start();
        boolean exited = process.waitFor(30, TimeUnit.SECONDS);
        if (!exited) {
            process.destroyForcibly();
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(exited).as("the agent finishes within 30 s").isTrue();
        assertThat(process.exitValue()).as("agent output: %s", output).isZero();

        MetricsSample sample = app.getBean(MetricsSamples.class).of(METRICS);
        assertThat(sample.receivedAt()).isAfterOrEqualTo(before.minusSeconds(1));
        assertThat(sample.values()).containsKeys("disk", "load", "cpu", "memory", "swap", "uptime")
                .containsEntry("clockDrift", -0.25).containsEntry("replicationLag", 3.0);
        for (String percent : List.of("disk", "inodes", "cpu", "memory", "swap")) {
            if (sample.values().containsKey(percent)) {
                assertThat(sample.values().get(percent)).as(percent).isBetween(0.0, 100.0);
            }
        }
        assertThat(sample.values().get("memory")).as("some memory is in use").isPositive();
        assertThat(sample.values().get("load")).isGreaterThanOrEqualTo(0.0);
        assertThat(sample.values().get("uptime")).as("seconds since boot").isPositive();
        assertThat(sample.process()).as("this test runs in a JVM named java").isTrue();
        assertThat(sample.processName()).isEqualTo("java");

        JsonNode judged = awaitEvent(null, e -> e.get("attributes").has("replicationLag")
                && e.get("attributes").get("clockDrift").asString().equals("-0.25"));
        assertThat(judged.get("attributes").get("replicationLag").asString()).isEqualTo("3");
    }

    private JsonNode awaitEvent(String status, Predicate<JsonNode> matching) {
        return awaitEvent(METRICS, status, matching);
    }

    private JsonNode awaitEvent(String monitorId, String status, Predicate<JsonNode> matching) {
        return await().atMost(Duration.ofSeconds(30)).until(() -> {
            consumer.poll(Duration.ofMillis(250)).forEach(r -> events.add(json.readTree(r.value())));
            return events.stream()
                    .filter(e -> e.get("monitorId").asString().equals(monitorId))
                    .filter(e -> status == null || e.get("status").asString().equals(status))
                    .filter(matching)
                    .reduce((first, second) -> second);
        }, Optional::isPresent).orElseThrow();
    }

    private String pushUrl(String id) throws Exception {
        for (JsonNode monitor : ApiClient.json(ApiClient.of(app, "admin:demo").get("/api/monitors"))) {
            if (monitor.get("id").asString().equals(id)) {
                JsonNode url = monitor.get("pushUrl");
                return url == null || url.isNull() ? null : url.asString();
            }
        }
        throw new AssertionError("no monitor " + id);
    }

    private static String error(HttpResponse<String> response) {
        return ApiClient.json(response).get("error").asString();
    }

    /** Posts to a push URL as a job does: without a login, JSON when there is a body. */
    private HttpResponse<String> post(String url, String jsonBody) throws Exception {
        return ApiClient.of(app, null).post(URI.create(url).getPath(), jsonBody);
    }

    private static boolean onPath(String command) {
        return Arrays.stream(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .anyMatch(dir -> !dir.isEmpty() && Files.isExecutable(Path.of(dir, command)));
    }
}
