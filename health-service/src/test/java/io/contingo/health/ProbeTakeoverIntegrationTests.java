package io.contingo.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;

import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import io.contingo.devstack.DemoSite;
import io.contingo.devstack.FreePorts;
import io.contingo.devstack.TestInfrastructure;
import io.contingo.health.monitor.MonitorCatalog;
import io.contingo.health.monitor.StoredMonitor;
import io.contingo.health.probe.ProbeScheduler;
import io.contingo.health.probe.ShardLeases;
import tools.jackson.databind.JsonNode;

/**
 * Two instances of one location on the real broker and MongoDB-wire server share the demo's monitors, each
 * checked by one of them; when one stops, the other checks them all within an interval.
 */
class ProbeTakeoverIntegrationTests {

    private final String topic = "health-events-takeover-" + ProcessHandle.current().pid();
    private final String database = "health-takeover-" + System.nanoTime();

    @Test
    void twoInstancesShareTheMonitorsAndOneTakesOverWhenTheOtherStops() throws Exception {
        try (DemoSite site = DemoSite.start("Production", FreePorts.next());
             KafkaConsumer<String, String> consumer = TestInfrastructure.reader(topic);
             ConfigurableApplicationContext b = start("probe-b", site)) {
            int total;
            try (ConfigurableApplicationContext a = start("probe-a", site)) {
                total = (int) a.getBean(MonitorCatalog.class).all().stream().filter(StoredMonitor::active).count();
                await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                    assertThat(planned(a)).isPositive();
                    assertThat(planned(b)).isPositive();
                    assertThat(planned(a) + planned(b)).as("each monitor checked once").isEqualTo(total);
                });
                assertThat(a.getBean(ShardLeases.class).owned()).doesNotContainAnyElementsOf(b.getBean(ShardLeases.class).owned());
            }

            await().atMost(Duration.ofSeconds(5)).until(() -> planned(b) == total);
            consumer.seekToEnd(consumer.assignment()); // from here on, what b checks
            Set<String> checkedByB = new HashSet<>();
            await().atMost(Duration.ofSeconds(15)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> {
                    JsonNode event = ApiClient.json(r.value());
                    if (event.get("probeId").asString().equals("probe-b")) {
                        checkedByB.add(event.get("monitorId").asString());
                    }
                });
                return checkedByB.containsAll(Set.of("prod-web-http", "prod-api-http", "prod-telephony-http",
                        "cont-web-http", "cont-api-http", "cont-telephony-http", "prod-api-json", "prod-telephony-tcp"));
            });
        }
    }

    private static int planned(ConfigurableApplicationContext app) {
        return app.getBean(ProbeScheduler.class).plannedCount();
    }

    private ConfigurableApplicationContext start(String probeId, DemoSite site) {
        return new SpringApplicationBuilder(HealthServiceApplication.class).run(
                "--server.port=0",
                "--spring.kafka.bootstrap-servers=" + TestInfrastructure.kafkaBootstrapServers(),
                "--spring.mongodb.uri=" + TestInfrastructure.mongoUri(database),
                "--spring.cloud.stream.bindings.healthEvents-out-0.destination=" + topic,
                "--contingo.demo.production-url=" + site.baseUrl(),
                "--contingo.demo.contingency-url=" + site.baseUrl(),
                "--contingo.probe.id=" + probeId,
                "--contingo.probe.location=madrid",
                "--contingo.probe.lease-ttl=1s",
                "--contingo.probe.lease-renewal=200ms",
                "--contingo.probe.refresh=200ms");
    }
}
