package io.contingo.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import io.contingo.devstack.DemoSite;
import io.contingo.devstack.FreePorts;
import io.contingo.devstack.TestInfrastructure;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * health-service checks a real demo site with the demo's monitors (HTTP, HTTP with conditions, TCP) and
 * publishes health events in the contract's shape.
 */
class HealthServiceIntegrationTests {

    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void publishesHealthEventsKeyedByComponentInTheFixturesShape() throws Exception {
        String topic = "health-events-h" + ProcessHandle.current().pid();
        try (DemoSite production = DemoSite.start("Production", FreePorts.next());
             DemoSite contingency = DemoSite.start("Contingency", FreePorts.next());
             ConfigurableApplicationContext app = new SpringApplicationBuilder(HealthServiceApplication.class).run(
                     "--server.port=0",
                     "--spring.kafka.bootstrap-servers=" + TestInfrastructure.kafkaBootstrapServers(),
                     "--spring.mongodb.uri=" + TestInfrastructure.mongoUri("health-" + System.nanoTime()),
                     "--spring.cloud.stream.bindings.healthEvents-out-0.destination=" + topic,
                     "--contingo.demo.production-url=" + production.baseUrl(),
                     "--contingo.demo.contingency-url=" + contingency.baseUrl(),
                     "--contingo.probe.id=probe-it",
                     "--contingo.probe.location=madrid");
             KafkaConsumer<String, String> consumer = TestInfrastructure.reader(topic)) {
            production.setMode(DemoSite.Mode.DOWN);

            List<ConsumerRecord<String, String>> records = new ArrayList<>();
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                consumer.poll(Duration.ofMillis(500)).forEach(records::add);
                return down(records, "prod-web-http").isPresent() && down(records, "prod-api-json").isPresent()
                        && down(records, "prod-telephony-tcp").isPresent()
                        && records.stream().anyMatch(r -> r.key().equals("cont-web") && r.value().contains("\"UP\""));
            });

            Set<String> fixtureFields = fieldNames(json.readTree(fixture("health-event.json")));
            for (ConsumerRecord<String, String> record : records) {
                JsonNode event = json.readTree(record.value());
                assertThat(fieldNames(event)).isEqualTo(fixtureFields);
                assertThat(event.get("componentId").asString()).isEqualTo(record.key());
                assertThat(event.get("probeId").asString()).isEqualTo("probe-it");
                assertThat(event.get("attributes").get("location").asString()).as("where the probe checks from").isEqualTo("madrid");
                assertThat(event.get("observedAt").asString()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
            }
            JsonNode down = down(records, "prod-web-http").orElseThrow();
            assertThat(down.get("detail").asString()).isEqualTo("HTTP 503, expected 2xx");
            assertThat(down.get("siteId").asString()).isEqualTo("production");
            assertThat(down(records, "prod-api-json").orElseThrow().get("detail").asString())
                    .startsWith("[STATUS] == 200 failed: status was 503; [BODY].status == UP failed: body is not JSON");
            assertThat(down(records, "prod-telephony-tcp").orElseThrow().get("detail").asString())
                    .startsWith("Reply from 127.0.0.1:" + production.port() + " did not contain \"HTTP/1.1 200\": it was \"HTTP/1.1 503");
        }
    }

    /** The first DOWN event of a monitor. */
    private Optional<JsonNode> down(List<ConsumerRecord<String, String>> records, String monitorId) {
        return records.stream().map(r -> json.readTree(r.value()))
                .filter(e -> e.get("monitorId").asString().equals(monitorId) && e.get("status").asString().equals("DOWN"))
                .findFirst();
    }

    private static Set<String> fieldNames(JsonNode node) {
        return new HashSet<>(node.propertyNames());
    }

    private static byte[] fixture(String name) throws Exception {
        try (InputStream in = HealthServiceIntegrationTests.class.getResourceAsStream("/contracts/" + name)) {
            return in.readAllBytes();
        }
    }
}
