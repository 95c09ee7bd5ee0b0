package io.contingo.health.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.IntStream;

import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import io.contingo.devstack.FreePorts;
import io.contingo.devstack.KafkaBroker;
import io.contingo.devstack.TestInfrastructure;
import io.contingo.events.HealthEvent;
import io.contingo.events.HealthStatus;
import io.contingo.events.Topics;
import io.contingo.health.HealthServiceApplication;
import io.micrometer.core.instrument.MeterRegistry;
import tools.jackson.databind.json.JsonMapper;

/**
 * health-service started while its Kafka broker is unreachable: results wait in the buffer up to its capacity,
 * the oldest dropped and counted, and the service stays up; a broker then starts on the configured port and
 * the results that waited arrive on {@code health-events}, in order.
 */
class KafkaOutageIntegrationTests {

    private static final int CAPACITY = 100;

    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void resultsWaitForTheBrokerUpToTheCapacityAndArriveOnceItIsUp() throws Exception {
        int kafkaPort = FreePorts.next();
        String bootstrap = "127.0.0.1:" + kafkaPort;
        List<HealthEvent> results = IntStream.range(0, 3 * CAPACITY).mapToObj(KafkaOutageIntegrationTests::result).toList();
        KafkaBroker broker = null;
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(HealthServiceApplication.class).run(
                "--server.port=0",
                "--CONTINGO_MONITORS_FILE=classpath:monitors/none.yml",
                "--spring.kafka.bootstrap-servers=" + bootstrap,
                "--spring.mongodb.uri=" + TestInfrastructure.mongoUri("health-outage-" + ProcessHandle.current().pid()),
                "--contingo.probe.buffer.capacity=" + CAPACITY)) {
            CheckResults checkResults = app.getBean(CheckResults.class);
            MeterRegistry meters = app.getBean(MeterRegistry.class);

            long start = System.nanoTime();
            results.forEach(checkResults::accept);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).as("a check never waits for Kafka").isLessThan(Duration.ofSeconds(2));

            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                assertThat(meters.get("contingo.probe.results.dropped").tag("destination", "kafka").functionCounter().count())
                        .isEqualTo(2 * CAPACITY);
                assertThat(meters.get("contingo.probe.results.buffered").tag("destination", "kafka").gauge().value())
                        .isEqualTo(CAPACITY);
            });
            String base = "http://127.0.0.1:" + app.getEnvironment().getProperty("local.server.port");
            assertThat(get(base + "/actuator/health/liveness")).as("Kafka down is no reason to restart").contains("\"UP\"");
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(
                    meters.get("contingo.probe.results.buffered").tag("destination", "database").gauge().value())
                    .as("the database gets its results all the same").isZero());

            broker = KafkaBroker.start(Files.createTempDirectory("contingo-kafka-outage"), kafkaPort, FreePorts.next());
            Set<String> arrived = new LinkedHashSet<>();
            try (KafkaConsumer<String, String> consumer = TestInfrastructure.reader(bootstrap, Topics.HEALTH_EVENTS)) {
                await().atMost(Duration.ofSeconds(60)).until(() -> {
                    consumer.poll(Duration.ofMillis(250)).forEach(r -> arrived.add(json.readTree(r.value()).get("eventId").asString()));
                    return arrived.size() >= CAPACITY;
                });
            }
            List<String> newest = results.subList(2 * CAPACITY, 3 * CAPACITY).stream().map(HealthEvent::eventId).toList();
            assertThat(new ArrayList<>(arrived)).as("the newest results, in order; the oldest were dropped").isEqualTo(newest);
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(
                    meters.get("contingo.probe.results.buffered").tag("destination", "kafka").gauge().value()).isZero());
        } finally {
            if (broker != null) {
                broker.close();
            }
        }
    }

    private static HealthEvent result(int i) {
        return new HealthEvent(UUID.randomUUID().toString(), "monitor-" + i % 5, "component-a", "production", "probe-it",
                HealthStatus.UP, Instant.now(), 12L, "HTTP 200, result " + i, Map.of());
    }

    private static String get(String url) throws Exception {
        try (HttpClient http = HttpClient.newHttpClient()) {
            return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString()).body();
        }
    }
}
