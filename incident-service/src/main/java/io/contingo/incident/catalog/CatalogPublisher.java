package io.contingo.incident.catalog;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import io.contingo.events.SiteDefined;
import io.contingo.incident.catalog.CatalogSettings.Site;
import io.contingo.incident.outbox.EventProducer;
import io.contingo.starter.kafka.TopicReader;
import tools.jackson.databind.json.JsonMapper;

/**
 * Publishes the catalog's sites and components on {@code site-catalog} (compacted, key siteId, {@link SiteDefined}),
 * so that other services know which exist without reading this service's configuration. At start-up, on a thread
 * of its own, it reads what the topic holds and writes only what differs: a site added or changed, and a tombstone
 * for a site no longer configured. Until the broker answers it tries again every 5 s; nothing waits on it.
 */
@Component
class CatalogPublisher {

    private static final Logger log = LoggerFactory.getLogger(CatalogPublisher.class);
    private static final Duration RETRY = Duration.ofSeconds(5);

    /** What the topic must be told: sites to write (added or changed) and site ids to remove. */
    record Changes(List<SiteDefined> written, List<String> removed) {

        boolean none() {
            return written.isEmpty() && removed.isEmpty();
        }
    }

    private final Catalog catalog;
    private final EventProducer producer;
    private final JsonMapper json;
    private final Clock clock;
    private final String topic;
    private final KafkaProperties kafka;
    private volatile boolean running = true;
    private Thread publisher;

    CatalogPublisher(Catalog catalog, EventProducer producer, JsonMapper json, Clock clock,
            @Value("${contingo.catalog.topic:site-catalog}") String topic,
            KafkaProperties kafka) {
        this.catalog = catalog;
        this.producer = producer;
        this.json = json;
        this.clock = clock;
        this.topic = topic;
        this.kafka = kafka;
    }

    /** The sites to write and remove so that the topic, holding {@code published}, says what is configured. */
    static Changes changes(Map<String, SiteDefined> published, List<Site> configured, Clock clock) {
        List<SiteDefined> written = new ArrayList<>();
        for (Site site : configured) {
            SiteDefined now = new SiteDefined(UUID.randomUUID().toString(), site.id(), clock.instant(), site.name(),
                    site.components().stream().map(c -> new SiteDefined.Component(c.id(), c.name(), c.names())).toList(), site.names());
            if (!now.sameDefinition(published.get(site.id()))) {
                written.add(now);
            }
        }
        List<String> removed = published.keySet().stream()
                .filter(id -> configured.stream().noneMatch(site -> site.id().equals(id))).sorted().toList();
        return new Changes(written, removed);
    }

    @EventListener(ApplicationReadyEvent.class)
    void start() {
        publisher = Thread.ofPlatform().daemon().name("catalog-publisher").start(this::publishUntilDone);
    }

    @EventListener(ContextClosedEvent.class)
    void stop() throws InterruptedException {
        running = false;
        if (publisher != null) {
            publisher.interrupt();
            publisher.join(5_000);
        }
    }

    private void publishUntilDone() {
        while (running) {
            try {
                publish();
                return;
            } catch (RuntimeException e) {
                log.warn("Could not publish the catalog on {} ({}); trying again in {} s", topic, e.getMessage(), RETRY.toSeconds());
            }
            try {
                Thread.sleep(RETRY); // the broker is away: pace the attempts, nothing waits on this thread
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Makes sure the topic is compacted, reads it, and writes what differs from the configuration. */
    void publish() {
        ensureCompactedTopic();
        Changes changes = changes(published(), catalog.sites(), clock);
        for (SiteDefined site : changes.written()) {
            producer.send(new ProducerRecord<>(topic, site.siteId(), json.writeValueAsBytes(site)));
        }
        for (String siteId : changes.removed()) {
            producer.send(new ProducerRecord<>(topic, siteId, null));
        }
        if (changes.none()) {
            log.info("The catalog on {} is up to date ({} sites)", topic, catalog.sites().size());
        } else {
            log.info("Published the catalog on {}: {} sites written, {} removed", topic, changes.written().size(), changes.removed().size());
        }
    }

    /** The latest definition of each site the topic holds, read from its beginning to its end. */
    private Map<String, SiteDefined> published() {
        Map<String, SiteDefined> sites = new HashMap<>();
        try (TopicReader reader = new TopicReader(kafka.buildConsumerProperties(), topic)) {
            if (!reader.fromBeginning()) {
                throw new IllegalStateException(topic + " does not exist");
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (!reader.atEnd()) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("could not read " + topic + " to its end within 30 s");
                }
                for (ConsumerRecord<String, byte[]> record : reader.poll(Duration.ofMillis(200))) {
                    if (record.value() == null) {
                        sites.remove(record.key());
                    } else {
                        try {
                            sites.put(record.key(), json.readValue(record.value(), SiteDefined.class));
                        } catch (RuntimeException unreadable) {
                            sites.remove(record.key()); // written again below
                        }
                    }
                }
            }
        }
        return sites;
    }

    /** Creates the topic compacted (one partition: a catalog is small), or makes an existing one compacted. */
    private void ensureCompactedTopic() {
        try (Admin admin = Admin.create(EventProducer.withTimeouts(kafka.buildAdminProperties()))) {
            try {
                admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1)
                        .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT))))
                        .all().get(10, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw new IllegalStateException("could not create " + topic + ": " + e.getCause().getMessage(), e.getCause());
                }
                admin.incrementalAlterConfigs(Map.of(new ConfigResource(ConfigResource.Type.TOPIC, topic), List.of(new AlterConfigOp(
                        new ConfigEntry(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT), AlterConfigOp.OpType.SET))))
                        .all().get(10, TimeUnit.SECONDS);
            }
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not make " + topic + " compacted: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
