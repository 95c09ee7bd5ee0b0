package io.contingo.health.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import io.contingo.devstack.TestInfrastructure;
import io.contingo.events.HealthEvent;
import io.contingo.events.HealthStatus;
import io.contingo.health.HealthServiceApplication;
import io.contingo.health.probe.LatestResults.LatestResult;
import io.contingo.health.probe.ResultHistory.PastResult;
import io.micrometer.core.instrument.MeterRegistry;
import tools.jackson.databind.json.JsonMapper;

/**
 * A burst of results (two for each of 10,000 monitors) reaches the real broker and the MongoDB-wire server:
 * every one on {@code health-events}, the newest of each monitor as its latest result, all in the history.
 * Prints how fast: the broker, the MongoDB-wire server and the service share this machine.
 */
class CheckResultsIntegrationTests {

    private static final int RESULTS = 20_000;
    private static final int MONITORS = 10_000;

    private static final Instant START = Instant.now().truncatedTo(ChronoUnit.MILLIS); // as MongoDB keeps it

    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void aBurstOfResultsReachesKafkaAndTheDatabase() {
        String topic = "health-events-r" + ProcessHandle.current().pid();
        List<HealthEvent> results = IntStream.range(0, RESULTS).mapToObj(CheckResultsIntegrationTests::result).toList();
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(HealthServiceApplication.class).run(
                "--server.port=0",
                "--CONTINGO_MONITORS_FILE=classpath:monitors/none.yml",
                "--spring.kafka.bootstrap-servers=" + TestInfrastructure.kafkaBootstrapServers(),
                "--spring.mongodb.uri=" + TestInfrastructure.mongoUri("health-results-" + ProcessHandle.current().pid()),
                "--spring.cloud.stream.bindings.healthEvents-out-0.destination=" + topic);
             KafkaConsumer<String, String> consumer = TestInfrastructure.reader(topic)) {
            CheckResults checkResults = app.getBean(CheckResults.class);
            MeterRegistry meters = app.getBean(MeterRegistry.class);
            checkResults.accept(results.getFirst()); // the binding is made at the first send
            Set<String> arrived = new HashSet<>();
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                consumer.poll(Duration.ofMillis(100)).forEach(r -> arrived.add(json.readTree(r.value()).get("eventId").asString()));
                return !arrived.isEmpty();
            });

            long start = System.nanoTime();
            results.subList(1, RESULTS).forEach(checkResults::accept);
            await().atMost(Duration.ofSeconds(60)).until(() -> buffered(meters, "kafka") == 0);
            double kafkaSeconds = (System.nanoTime() - start) / 1e9;
            await().atMost(Duration.ofSeconds(60)).until(() -> buffered(meters, "database") == 0);
            double databaseSeconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("%d results: Kafka %.1f s (%.0f/s), database %.1f s (%.0f/s)%n", RESULTS,
                    kafkaSeconds, RESULTS / kafkaSeconds, databaseSeconds, RESULTS / databaseSeconds);

            await().atMost(Duration.ofSeconds(30)).until(() -> {
                consumer.poll(Duration.ofMillis(250)).forEach(r -> arrived.add(json.readTree(r.value()).get("eventId").asString()));
                return arrived.size() >= RESULTS;
            });
            assertThat(arrived).isEqualTo(results.stream().map(HealthEvent::eventId).collect(Collectors.toSet()));

            List<String> monitorIds = IntStream.range(0, MONITORS).mapToObj(i -> "monitor-" + i).toList();
            long reading = System.nanoTime();
            Map<String, LatestResult> latest = app.getBean(LatestResults.class).of(monitorIds);
            System.out.printf("Latest results of %d monitors read in %d ms%n", MONITORS, (System.nanoTime() - reading) / 1_000_000);
            assertThat(latest).hasSize(MONITORS);
            assertThat(latest.get("monitor-7").observedAt()).as("the newest of the monitor's two")
                    .isEqualTo(results.get(MONITORS + 7).observedAt());
            assertThat(app.getBean(ResultHistory.class).recent("monitor-7", 10)).extracting(PastResult::eventId)
                    .containsExactly(results.get(MONITORS + 7).eventId(), results.get(7).eventId());
        }
    }

    private static double buffered(MeterRegistry meters, String destination) {
        return meters.get("contingo.probe.results.buffered").tag("destination", destination).gauge().value();
    }

    private static HealthEvent result(int i) {
        return new HealthEvent(UUID.randomUUID().toString(), "monitor-" + i % MONITORS, "component-" + i % 2_000,
                "production", "probe-it", HealthStatus.UP, START.plusMillis(i), 12L, "HTTP 200", Map.of("location", "madrid"));
    }
}
