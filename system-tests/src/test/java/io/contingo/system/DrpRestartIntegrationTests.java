package io.contingo.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpServer;

import io.contingo.devstack.FreePorts;
import io.contingo.devstack.TestInfrastructure;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * incident-service killed (SIGKILL) in the middle of a DRP run, while a webhook step waits for the operator's
 * automation: the restarted service resumes the run, carries out the unfinished step again under the same order,
 * never repeats the step that had finished, and finishes the run.
 */
class DrpRestartIntegrationTests {

    private static final Duration DEADLINE = Duration.ofSeconds(90);
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final JsonMapper json = JsonMapper.builder().build();
    private final Map<String, List<String>> orders = new ConcurrentHashMap<>();
    private final CountDownLatch slowAnswers = new CountDownLatch(1);

    @Test
    void aKilledServiceResumesTheRunWithoutRepeatingAFinishedStep() throws Exception {
        HttpServer automation = automation();
        int port = FreePorts.next();
        String suffix = "-restart-" + ProcessHandle.current().pid();
        List<String> args = List.of(
                "--server.port=" + port,
                "--spring.kafka.bootstrap-servers=" + TestInfrastructure.kafkaBootstrapServers(),
                "--spring.mongodb.uri=" + TestInfrastructure.mongoUri("contingo-incident-drp-restart"),
                "--contingo.drp.commands-topic=drp-commands" + suffix,
                "--contingo.drp.events-topic=drp-events" + suffix,
                "--spring.cloud.stream.kafka.binder.consumer-properties.auto.offset.reset=earliest");
        String base = "http://127.0.0.1:" + port;
        String hook = "http://127.0.0.1:" + automation.getAddress().getPort();
        try {
            String runId;
            ServiceProcess first = ServiceProcess.start("incident-service", args);
            try {
                awaitHealthy(first, base);
                HttpResponse<String> saved = call("PUT", base + "/api/drp/runbooks/failover", Map.of("name", "Failover (restart test)",
                        "pair", "production", "kind", "failover", "steps", List.of(
                                webhook("Stop the replication", hook + "/first"),
                                webhook("Promote the database", hook + "/slow"),
                                webhook("Open the firewall", hook + "/last"))), "admin");
                assertThat(saved.statusCode()).as(saved.body()).isEqualTo(200);
                runId = json.readTree(call("POST", base + "/api/drp/drills", Map.of("pair", "production"), "manager").body()).get("id").asString();
                await().atMost(DEADLINE).until(() -> orders.containsKey("/slow"));
                assertThat(run(base, runId).get("steps").get(0).get("state").asString()).isEqualTo("SUCCEEDED");
                first.kill();
            } finally {
                first.close();
            }

            try (ServiceProcess second = ServiceProcess.start("incident-service", args)) {
                awaitHealthy(second, base);
                // the order of the unfinished step is taken again once its holder's lease has run out
                await().atMost(DEADLINE).until(() -> orders.getOrDefault("/slow", List.of()).size() == 2);
                slowAnswers.countDown();
                JsonNode done = await().atMost(DEADLINE).pollInterval(Duration.ofMillis(500))
                        .until(() -> run(base, runId), r -> r.get("state").asString().equals("SUCCEEDED"));
                assertThat(done.get("steps").findValuesAsString("state")).containsOnly("SUCCEEDED");
            }
            assertThat(orders.get("/first")).hasSize(1);
            assertThat(orders.get("/slow")).hasSize(2).containsOnly(orders.get("/slow").getFirst());
            assertThat(orders.get("/last")).hasSize(1);
        } finally {
            slowAnswers.countDown();
            automation.stop(0);
        }
    }

    /** The operator's automation: notes each call's order; {@code /slow} answers only once the test lets it. */
    private HttpServer automation() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            orders.computeIfAbsent(path, p -> new CopyOnWriteArrayList<>()).add(exchange.getRequestHeaders().getFirst("X-Contingo-Order"));
            exchange.getRequestBody().readAllBytes();
            if (path.equals("/slow")) {
                try {
                    slowAnswers.await(DEADLINE.toSeconds(), TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.start();
        return server;
    }

    private static Map<String, Object> webhook(String name, String url) {
        return Map.of("name", name, "kind", "webhook", "estimate", "PT1M", "url", url, "timeout", "PT60S");
    }

    private JsonNode run(String base, String runId) throws Exception {
        return json.readTree(call("GET", base + "/api/drp/runs/" + runId, null, "agent").body());
    }

    private void awaitHealthy(ServiceProcess service, String base) {
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).until(() -> {
            if (!service.isAlive()) {
                throw new AssertionError(service.describe() + " exited during start-up");
            }
            try {
                return call("GET", base + "/actuator/health", null, null).body().contains("\"status\":\"UP\"");
            } catch (java.io.IOException notYet) {
                return false;
            }
        });
    }

    private HttpResponse<String> call(String method, String url, Object body, String user) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).header("Accept", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (user != null) {
            request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":demo").getBytes(StandardCharsets.UTF_8)));
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
