package io.contingo.health;

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
import java.util.Optional;

import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import io.contingo.devstack.TestInfrastructure;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The demo's push and backup monitors on the real broker and MongoDB-wire server: jobs push to the URL an
 * admin reads from {@code GET /api/monitors}, without a login or a CSRF token; the tokens and the last backup
 * survive a restart.
 */
class PushIntegrationTests {

    private static final String HEARTBEAT = "cont-telephony-heartbeat";
    private static final String BACKUP = "cont-api-backup";

    private final JsonMapper json = JsonMapper.builder().build();
    private final HttpClient http = HttpClient.newHttpClient();
    private final String topic = "health-events-p" + ProcessHandle.current().pid();
    private final String database = "health-push-" + ProcessHandle.current().pid();
    private final List<JsonNode> events = new ArrayList<>();

    @Test
    void jobsPushToTheirMonitorsUrlAndTheLastBackupSurvivesARestart() throws Exception {
        String heartbeatUrl;
        String backupUrl;
        try (KafkaConsumer<String, String> consumer = TestInfrastructure.reader(topic)) {
            try (ConfigurableApplicationContext app = start()) {
                String base = "http://127.0.0.1:" + app.getEnvironment().getProperty("local.server.port");
                assertThat(get(base + "/api/monitors", null).statusCode()).isEqualTo(401);
                JsonNode monitors = json.readTree(get(base + "/api/monitors", "admin:demo").body());
                heartbeatUrl = pushUrl(monitors, HEARTBEAT);
                backupUrl = pushUrl(monitors, BACKUP);
                assertThat(heartbeatUrl).matches("http://127\\.0\\.0\\.1:\\d+/api/push/[A-Za-z0-9_-]{43}");
                assertThat(backupUrl).isNotEqualTo(heartbeatUrl);
                assertThat(pushUrl(monitors, "prod-web-http")).isNull();

                HttpResponse<String> unknown = post(base + "/api/push/" + "A".repeat(43), null);
                assertThat(unknown.statusCode()).isEqualTo(404);
                assertThat(post(base + "/api/push/x", null).body()).isEqualTo(unknown.body());
                assertThat(post(heartbeatUrl + "?status=sideways", null).statusCode()).isEqualTo(400);

                HttpResponse<String> up = post(heartbeatUrl, null);
                assertThat(up.statusCode()).isEqualTo(202);
                assertThat(json.readTree(up.body()).get("status").asString()).isEqualTo("up");
                HttpResponse<String> emptyForm = http.send(HttpRequest.newBuilder(URI.create(heartbeatUrl))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(emptyForm.statusCode()).as("curl -d '' sends an empty form").isEqualTo(202);
                awaitEvent(consumer, HEARTBEAT, "UP", "Last push");

                assertThat(post(heartbeatUrl + "?status=down&msg=" + "disk%20full%0A%3Cb%3E", null).statusCode()).isEqualTo(202);
                JsonNode down = awaitEvent(consumer, HEARTBEAT, "DOWN", "The job reported DOWN");
                assertThat(down.get("detail").asString()).endsWith(": disk full <b>");

                assertThat(post(backupUrl, "{\"kind\":\"weekly\",\"ok\":true}").statusCode()).isEqualTo(400);
                assertThat(post(backupUrl, null).statusCode()).isEqualTo(400);
                assertThat(post(backupUrl, "{\"kind\":").statusCode()).isEqualTo(400);
                String finished = Instant.now().minus(Duration.ofMinutes(10)).toString();
                assertThat(post(backupUrl, "{\"kind\":\"incremental\",\"sizeBytes\":123,\"finishedAt\":\"" + finished
                        + "\",\"ok\":true}").statusCode()).isEqualTo(202);
                JsonNode backup = awaitEvent(consumer, BACKUP, null, "Last good backup 10 min ago (incremental), RPO 4 h");
                assertThat(backup.get("status").asString()).as("the full backup is not overdue yet").isEqualTo("UP");
                assertThat(backup.get("attributes").get("lastBackupKind").asString()).isEqualTo("incremental");
                assertThat(backup.get("attributes").get("rpoSeconds").asLong()).isBetween(600L, 700L);
            }

            events.clear();
            try (ConfigurableApplicationContext restarted = start()) {
                String base = "http://127.0.0.1:" + restarted.getEnvironment().getProperty("local.server.port");
                JsonNode monitors = json.readTree(get(base + "/api/monitors", "admin:demo").body());
                assertThat(pushUrl(monitors, HEARTBEAT)).as("same token after a restart").endsWith(path(heartbeatUrl));
                assertThat(pushUrl(monitors, BACKUP)).endsWith(path(backupUrl));
                JsonNode remembered = awaitEvent(consumer, BACKUP, "UP", "Last good backup ");
                assertThat(remembered.get("attributes").get("lastBackupKind").asString()).isEqualTo("incremental");
            }
        }
    }

    private ConfigurableApplicationContext start() {
        return new SpringApplicationBuilder(HealthServiceApplication.class).run(
                "--server.port=0",
                "--spring.kafka.bootstrap-servers=" + TestInfrastructure.kafkaBootstrapServers(),
                "--spring.mongodb.uri=" + TestInfrastructure.mongoUri(database),
                "--spring.cloud.stream.bindings.healthEvents-out-0.destination=" + topic,
                "--contingo.demo.production-url=http://127.0.0.1:9",
                "--contingo.demo.contingency-url=http://127.0.0.1:9",
                "--contingo.probe.id=probe-push-it");
    }

    private JsonNode awaitEvent(KafkaConsumer<String, String> consumer, String monitorId, String status, String detail) {
        return await().atMost(Duration.ofSeconds(30)).until(() -> {
            consumer.poll(Duration.ofMillis(250)).forEach(r -> events.add(json.readTree(r.value())));
            return events.stream()
                    .filter(e -> e.get("monitorId").asString().equals(monitorId))
                    .filter(e -> status == null || e.get("status").asString().equals(status))
                    .filter(e -> e.get("detail").asString().startsWith(detail))
                    .reduce((first, second) -> second);
        }, Optional::isPresent).orElseThrow();
    }

    private static String pushUrl(JsonNode monitors, String id) {
        for (JsonNode monitor : monitors) {
            if (monitor.get("id").asString().equals(id)) {
                JsonNode url = monitor.get("pushUrl");
                return url == null || url.isNull() ? null : url.asString();
            }
        }
        throw new AssertionError("no monitor " + id);
    }

    private static String path(String url) {
        return URI.create(url).getPath();
    }

    private HttpResponse<String> get(String url, String credentials) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).header("Accept", "application/json");
        if (credentials != null) {
            request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String url, String jsonBody) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url));
        if (jsonBody == null) {
            request.POST(HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(jsonBody));
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
