package io.contingo.health;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.context.ConfigurableApplicationContext;

import io.contingo.devstack.TestInfrastructure;
import io.contingo.events.SiteDefined;
import io.contingo.health.catalog.KnownSites;
import tools.jackson.databind.json.JsonMapper;

/**
 * The demo's sites and components, published for a test as incident-service publishes them, on a topic of the test's
 * own; and results parked as incident-service parks them.
 */
final class TestSites {

    private static final AtomicInteger topics = new AtomicInteger();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    static final SiteDefined PRODUCTION = site("production", "Production", "prod-web", "Omnichannel web", "prod-api", "Customer API",
            "prod-telephony", "Telephony");
    static final SiteDefined CONTINGENCY = site("contingency", "Contingency", "cont-web", "Omnichannel web (contingency)",
            "cont-api", "Customer API (contingency)", "cont-telephony", "Telephony (contingency)");

    private TestSites() {
    }

    /** A topic no other test uses, holding nothing yet. */
    static String newTopic() {
        return "site-catalog-t" + topics.incrementAndGet() + "-" + ProcessHandle.current().pid();
    }

    /** A topic no other test uses, holding the demo's two sites. */
    static String demoCatalog() {
        String topic = newTopic();
        publish(topic, PRODUCTION, CONTINGENCY);
        return topic;
    }

    static void publish(String topic, SiteDefined... sites) {
        try (KafkaProducer<String, String> producer = producer()) {
            for (SiteDefined site : sites) {
                producer.send(new ProducerRecord<>(topic, site.siteId(), JSON.writeValueAsString(site))).get();
            }
        } catch (Exception e) {
            throw new IllegalStateException("Could not publish the sites on " + topic, e);
        }
    }

    /** Parks a health event of the monitor on the dead-letter topic as incident-service does, with its reason. */
    static void park(String deadLetterTopic, String monitorId, String reason) {
        String event = """
                {"eventId":"%s","monitorId":"%s","componentId":"prod-web","siteId":"production","probeId":"p",
                 "status":"DOWN","observedAt":"2026-11-26T09:00:00Z"}""".formatted(UUID.randomUUID(), monitorId);
        ProducerRecord<String, String> record = new ProducerRecord<>(deadLetterTopic, "prod-web", event);
        record.headers().add("x-exception-message", reason.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        try (KafkaProducer<String, String> producer = producer()) {
            producer.send(record).get();
        } catch (Exception e) {
            throw new IllegalStateException("Could not park a result on " + deadLetterTopic, e);
        }
    }

    private static KafkaProducer<String, String> producer() {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.kafkaBootstrapServers());
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        return new KafkaProducer<>(p);
    }

    /** Waits until the service has read the sites. */
    static void awaitKnown(ConfigurableApplicationContext app) {
        KnownSites sites = app.getBean(KnownSites.class);
        await().atMost(Duration.ofSeconds(30)).until(sites::known);
    }

    private static SiteDefined site(String id, String name, String... components) {
        List<SiteDefined.Component> list = new java.util.ArrayList<>();
        for (int i = 0; i < components.length; i += 2) {
            list.add(new SiteDefined.Component(components[i], components[i + 1]));
        }
        return new SiteDefined(UUID.randomUUID().toString(), id, Instant.parse("2026-11-26T08:00:00Z"), name, list);
    }
}
