package io.contingo.incident;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import org.aopalliance.intercept.MethodInterceptor;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.aop.framework.ProxyFactory;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.data.mongodb.core.MongoTemplate;

import io.contingo.devstack.TestInfrastructure;
import io.contingo.events.ComponentStatus;
import io.contingo.events.ComponentStatusChanged;
import io.contingo.events.HealthEvent;
import io.contingo.events.HealthStatus;
import io.contingo.events.IncidentEvent;
import io.contingo.incident.catalog.Catalog.Placement;
import io.contingo.incident.component.ComponentState;
import io.contingo.incident.incident.Incident;
import io.contingo.incident.incident.Incidents;
import tools.jackson.databind.json.JsonMapper;

/**
 * A failure that is not a malformed record, in the middle of a poll: the incident work of one event fails. A
 * passing failure (MongoDB unreachable for a moment) is retried until it passes, however often, and parks nothing;
 * one that keeps failing for another reason parks that event alone after a few attempts, and the poll goes on. In
 * both, what the events before it stored is not applied a second time.
 */
class HealthEventFailuresIntegrationTests {

    private static final Duration DEADLINE = Duration.ofSeconds(60);
    private final JsonMapper json = JsonMapper.builder().build();
    private Instant clock = Instant.parse("2026-11-26T09:00:00Z");

    @AfterEach
    void healIncidents() {
        FailingIncidents.failWith(null, Duration.ZERO, null);
    }

    @Test
    void aPassingDatabaseFailureIsRetriedUntilItPassesAndParksNothing() throws Exception {
        // MongoDB away for 3 s: longer than the binding's 3 attempts, or the container's default 10 without a pause, last
        FailingIncidents.failWith("prod-web", Duration.ofSeconds(3), () -> new DataAccessResourceFailureException("MongoDB unreachable (injected)"));
        IncidentServiceRunner runner = IncidentServiceRunner.onDevstack();
        List<String[]> records = new ArrayList<>();
        records.add(event("prod-api", HealthStatus.DOWN));
        records.add(event("prod-api", HealthStatus.DOWN));
        records.add(event("prod-api", HealthStatus.DOWN)); // opens the site's incident before the failure
        records.add(event("prod-web", HealthStatus.DOWN));
        records.add(event("prod-web", HealthStatus.DOWN));
        records.add(event("prod-web", HealthStatus.DOWN)); // its incident work fails for 3 s
        records.add(event("cont-web", HealthStatus.DOWN));
        records.add(event("prod-api", HealthStatus.DOWN)); // a repeat: no new status
        runner.sendAll("health-events", records);

        try (ConfigurableApplicationContext app = runner.start(FailingIncidents.class);
             KafkaConsumer<String, String> statusChanges = runner.reader("component-status");
             KafkaConsumer<String, String> incidentEvents = runner.reader("incident-events")) {
            awaitCommitted(runner, records.size());

            assertThat(FailingIncidents.thrown.get()).isGreaterThan(3);
            assertThat(deadLetters(runner)).isEmpty();
            MongoTemplate mongo = app.getBean(MongoTemplate.class);
            assertThat(mongo.findAll(Incident.class)).singleElement().satisfies(incident -> {
                assertThat(mongo.findById("prod-api", ComponentState.class).incidentId()).isEqualTo(incident.id());
                assertThat(mongo.findById("prod-web", ComponentState.class).incidentId()).isEqualTo(incident.id());
            });
            assertThat(mongo.findById("prod-web", ComponentState.class).status()).isEqualTo(ComponentStatus.MAJOR_OUTAGE);
            assertThat(mongo.findById("prod-api", ComponentState.class).sequence()).isEqualTo(1);
            assertThat(mongo.findById("cont-web", ComponentState.class).tracks()).singleElement()
                    .satisfies(t -> assertThat(t.lastObservedAt()).isEqualTo(Instant.parse(records.get(6)[2])));

            // each status change and incident event once (by sequence; the relay may publish one twice)
            List<String> changes = new ArrayList<>();
            List<String> incidentSteps = new ArrayList<>();
            await().atMost(DEADLINE).until(() -> {
                IncidentServiceRunner.poll(statusChanges).forEach(r -> {
                    ComponentStatusChanged c = json.readValue(r.value(), ComponentStatusChanged.class);
                    changes.add(c.componentId() + ":" + c.sequence() + ":" + c.to());
                });
                IncidentServiceRunner.poll(incidentEvents).forEach(r -> {
                    IncidentEvent e = json.readValue(r.value(), IncidentEvent.class);
                    incidentSteps.add(e.sequence() + ":" + e.type());
                });
                return changes.stream().distinct().count() >= 2 && incidentSteps.stream().distinct().count() >= 2;
            });
            assertThat(changes.stream().distinct()).containsExactlyInAnyOrder(
                    "prod-api:1:" + ComponentStatus.MAJOR_OUTAGE, "prod-web:1:" + ComponentStatus.MAJOR_OUTAGE);
            assertThat(incidentSteps.stream().distinct()).containsExactly(
                    "1:" + IncidentEvent.Type.OPENED, "2:" + IncidentEvent.Type.COMPONENTS_CHANGED);
        }
    }

    @Test
    void anEventThatKeepsFailingIsParkedAloneAndTheOthersAreApplied() throws Exception {
        FailingIncidents.failWith("cont-web", Duration.ofDays(1), () -> new IllegalStateException("a defect (injected)"));
        IncidentServiceRunner runner = IncidentServiceRunner.onDevstack();
        List<String[]> records = new ArrayList<>();
        records.add(event("cont-web", HealthStatus.DOWN));
        records.add(event("prod-web", HealthStatus.DOWN));
        records.add(event("cont-web", HealthStatus.DOWN));
        records.add(event("prod-web", HealthStatus.DOWN));
        records.add(event("cont-web", HealthStatus.DOWN)); // its incident work always fails
        records.add(event("prod-web", HealthStatus.DOWN));
        records.add(event("cont-web", HealthStatus.DOWN)); // a 4th: would cross again, fails again
        runner.sendAll("health-events", records);

        try (ConfigurableApplicationContext app = runner.start(FailingIncidents.class)) {
            awaitCommitted(runner, records.size());

            List<ConsumerRecord<String, String>> parked = deadLetters(runner);
            assertThat(parked).extracting(ConsumerRecord::value).containsExactlyInAnyOrder(records.get(4)[1], records.get(6)[1]);
            assertThat(parked).allSatisfy(r -> {
                assertThat(r.key()).isEqualTo("cont-web");
                assertThat(header(r, "x-exception-message")).isEqualTo("a defect (injected)");
                assertThat(header(r, "x-original-topic")).isEqualTo(runner.topic("health-events"));
            });
            MongoTemplate mongo = app.getBean(MongoTemplate.class);
            assertThat(mongo.findById("prod-web", ComponentState.class).status()).isEqualTo(ComponentStatus.MAJOR_OUTAGE);
            assertThat(mongo.findById("cont-web", ComponentState.class).status()).isEqualTo(ComponentStatus.OPERATIONAL);
        }
    }

    /** Waits until the service's group has committed every record of the namespace's health-events. */
    private static void awaitCommitted(IncidentServiceRunner runner, long records) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.kafkaBootstrapServers()))) {
            await().atMost(DEADLINE).pollInterval(Duration.ofMillis(200)).until(() -> {
                Map<?, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets("incident-service")
                        .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
                return offsets.entrySet().stream()
                        .filter(e -> e.getKey().toString().startsWith(runner.topic("health-events") + "-") && e.getValue() != null)
                        .mapToLong(e -> e.getValue().offset()).sum() == records;
            });
        }
    }

    /** Everything on the namespace's dead-letter topic by now (the service's parking waits for the broker's ack). */
    private static List<ConsumerRecord<String, String>> deadLetters(IncidentServiceRunner runner) {
        try (KafkaConsumer<String, String> reader = runner.deadLetterReader("health-events")) {
            List<ConsumerRecord<String, String>> parked = new ArrayList<>();
            var partitions = reader.partitionsFor(runner.topic("health-events") + ".dlq").stream()
                    .map(p -> new org.apache.kafka.common.TopicPartition(p.topic(), p.partition())).toList();
            long end = reader.endOffsets(partitions).values().stream().mapToLong(Long::longValue).sum();
            await().atMost(DEADLINE).until(() -> {
                parked.addAll(IncidentServiceRunner.poll(reader));
                return parked.size() >= end;
            });
            return parked;
        }
    }

    private String[] event(String componentId, HealthStatus status) {
        clock = clock.plusSeconds(5);
        String siteId = componentId.startsWith("prod") ? "production" : "contingency";
        HealthEvent event = new HealthEvent(UUID.randomUUID().toString(), componentId + "-http", componentId, siteId,
                "probe-test", status, clock, 12L, status == HealthStatus.UP ? "HTTP 200" : "HTTP 503, expected 2xx", null);
        return new String[] { componentId, json.writeValueAsString(event), clock.toString() };
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    /**
     * Added to the application: the incident work of one component's events fails for a while. Not a
     * {@code @Configuration}, so that no other test's scan picks it up.
     */
    static class FailingIncidents {

        static final AtomicInteger thrown = new AtomicInteger();
        private static volatile long forNanos;
        private static volatile Long until;
        private static volatile String component;
        private static volatile Supplier<RuntimeException> failure;

        static void failWith(String componentId, Duration forHowLong, Supplier<RuntimeException> how) {
            component = componentId;
            failure = how;
            forNanos = forHowLong.toNanos();
            until = null; // the time runs from the first failure
            thrown.set(0);
        }

        private static synchronized boolean failing() {
            if (until == null) {
                until = System.nanoTime() + forNanos;
            }
            return System.nanoTime() - until < 0;
        }

        @Bean
        static BeanPostProcessor failingIncidents() {
            return new BeanPostProcessor() {
                @Override
                public Object postProcessAfterInitialization(Object bean, String name) {
                    if (!(bean instanceof Incidents)) {
                        return bean;
                    }
                    ProxyFactory proxy = new ProxyFactory(bean);
                    proxy.setProxyTargetClass(true);
                    proxy.addAdvice((MethodInterceptor) call -> {
                        if (call.getMethod().getName().equals("componentOut") && call.getArguments()[0] instanceof Placement p
                                && p.component().id().equals(component) && failing()) {
                            thrown.incrementAndGet();
                            throw failure.get();
                        }
                        return call.proceed();
                    });
                    return proxy.getProxy();
                }
            };
        }
    }
}
