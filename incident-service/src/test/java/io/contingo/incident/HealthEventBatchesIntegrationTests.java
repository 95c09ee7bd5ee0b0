package io.contingo.incident;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.Test;
import org.springframework.cloud.stream.binding.BindingsLifecycleController;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.mongodb.core.MongoTemplate;

import io.contingo.events.ComponentStatus;
import io.contingo.events.ComponentStatusChanged;
import io.contingo.events.HealthEvent;
import io.contingo.events.HealthStatus;
import io.contingo.incident.component.ComponentState;
import io.contingo.incident.incident.Incident;
import tools.jackson.databind.json.JsonMapper;

/**
 * incident-service takes health events a poll at a time: records that are not health events of a known
 * component are parked one by one, and the others of the same poll are applied, each component's in the order
 * of its partition.
 */
class HealthEventBatchesIntegrationTests {

    private static final Duration DEADLINE = Duration.ofSeconds(30);
    private final JsonMapper json = JsonMapper.builder().build();
    private Instant clock = Instant.parse("2026-11-26T09:00:00Z");

    @Test
    void aPollParksItsBadRecordsAndAppliesTheOthersInTheirOrder() {
        IncidentServiceRunner runner = IncidentServiceRunner.onDevstack();
        List<String[]> records = new ArrayList<>();
        records.add(event("prod-web", HealthStatus.DOWN));
        records.add(new String[] { "prod-web", "this is not JSON" });
        records.add(event("prod-api", HealthStatus.DOWN));
        records.add(event("cont-web", HealthStatus.DOWN));
        records.add(event("prod-web", HealthStatus.DOWN));
        records.add(event("prod-api", HealthStatus.DOWN));
        records.add(event("cont-web", HealthStatus.DOWN));
        records.add(event("no-such-component", HealthStatus.DOWN));
        records.add(event("prod-web", HealthStatus.DOWN)); // the third: prod-web is out
        records.add(event("prod-api", HealthStatus.DOWN)); // the third: prod-api is out
        records.add(event("cont-web", HealthStatus.UP)); // breaks cont-web's streak: it never goes out
        records.add(new String[] { "prod-api", "{\"eventId\":\"e1\",\"monitorId\":\"m\",\"status\":\"DOWN\"}" });
        records.add(event("prod-api", HealthStatus.UP));
        records.add(event("cont-web", HealthStatus.DOWN));
        records.add(event("prod-api", HealthStatus.UP)); // the second: prod-api has recovered
        records.add(event("cont-web", HealthStatus.DOWN));
        // all on the broker before the service starts: its first poll takes them together
        runner.sendAll("health-events", records);

        try (ConfigurableApplicationContext app = runner.start();
             KafkaConsumer<String, String> deadLetters = runner.deadLetterReader("health-events");
             KafkaConsumer<String, String> statusChanges = runner.reader("component-status")) {
            List<ConsumerRecord<String, String>> parked = new ArrayList<>();
            await().atMost(DEADLINE).until(() -> {
                parked.addAll(IncidentServiceRunner.poll(deadLetters));
                return parked.size() >= 3;
            });
            // the topic has several partitions (keyed by component): the parked records come in no overall order
            assertThat(parked).extracting(ConsumerRecord::value).containsExactlyInAnyOrder("this is not JSON", records.get(7)[1],
                    "{\"eventId\":\"e1\",\"monitorId\":\"m\",\"status\":\"DOWN\"}");
            assertThat(parked).allSatisfy(r -> {
                assertThat(header(r, "x-original-topic")).isEqualTo(runner.topic("health-events"));
                assertThat(header(r, "x-original-offset")).matches("[0-9]+");
                assertThat(header(r, "x-exception-message")).isEqualTo(switch (r.key()) {
                    case "prod-web" -> header(r, "x-exception-message").startsWith("Not a valid health event")
                            ? header(r, "x-exception-message") : "a reason for the record that is not JSON";
                    case "no-such-component" -> "Unknown component 'no-such-component': add it to contingo.catalog or fix the monitor";
                    default -> header(r, "x-exception-message").contains("componentId is required")
                            ? header(r, "x-exception-message") : "a reason for the record without componentId";
                });
            });
            assertThat(parked).extracting(ConsumerRecord::key).containsExactlyInAnyOrder("prod-web", "no-such-component", "prod-api");

            MongoTemplate mongo = app.getBean(MongoTemplate.class);
            await().atMost(DEADLINE).untilAsserted(() -> {
                assertThat(mongo.findById("prod-web", ComponentState.class).status()).isEqualTo(ComponentStatus.MAJOR_OUTAGE);
                assertThat(mongo.findById("prod-api", ComponentState.class).sequence()).isEqualTo(2);
            });
            // cont-web's results were all quiet (its streak never reached the threshold): kept in memory, and stored
            // when the consumer gives up its partitions, here by stopping, so that whoever takes them goes on from them
            app.getBean(BindingsLifecycleController.class).stop("onHealthEvent-in-0");
            await().atMost(DEADLINE).untilAsserted(() -> assertThat(mongo.findById("cont-web", ComponentState.class).tracks())
                    .singleElement().satisfies(t -> assertThat(t.lastObservedAt()).isEqualTo(clock)));
            ComponentState api = mongo.findById("prod-api", ComponentState.class);
            assertThat(api.status()).isEqualTo(ComponentStatus.OPERATIONAL);
            assertThat(api.incidentId()).isNull();
            assertThat(mongo.findById("cont-web", ComponentState.class).status()).isEqualTo(ComponentStatus.OPERATIONAL);
            assertThat(mongo.findById("cont-web", ComponentState.class).sequence()).isZero();
            Incident incident = mongo.findAll(Incident.class).getFirst();
            assertThat(mongo.findAll(Incident.class)).hasSize(1);
            assertThat(mongo.findById("prod-web", ComponentState.class).incidentId()).isEqualTo(incident.id());
            assertThat(incident.isOpen()).isTrue();

            List<ComponentStatusChanged> apiChanges = new ArrayList<>();
            await().atMost(DEADLINE).until(() -> {
                IncidentServiceRunner.poll(statusChanges).stream().filter(r -> r.key().equals("prod-api"))
                        .forEach(r -> apiChanges.add(json.readValue(r.value(), ComponentStatusChanged.class)));
                return apiChanges.stream().map(ComponentStatusChanged::sequence).distinct().count() >= 2;
            });
            assertThat(apiChanges.stream().distinct().map(c -> c.sequence() + ":" + c.to()))
                    .containsExactly("1:" + ComponentStatus.MAJOR_OUTAGE, "2:" + ComponentStatus.OPERATIONAL);
            assertThat(apiChanges.getFirst().incidentId()).isEqualTo(incident.id());
        }
    }

    private String[] event(String componentId, HealthStatus status) {
        clock = clock.plusSeconds(5);
        String siteId = componentId.startsWith("prod") ? "production" : "contingency";
        HealthEvent event = new HealthEvent(UUID.randomUUID().toString(), componentId + "-http", componentId, siteId,
                "probe-test", status, clock, 12L, status == HealthStatus.UP ? "HTTP 200" : "HTTP 503, expected 2xx", null);
        return new String[] { componentId, json.writeValueAsString(event) };
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
