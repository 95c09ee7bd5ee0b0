package io.contingo.incident.statuspage;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

import io.contingo.events.ComponentStatus;
import io.contingo.events.ComponentStatusChanged;
import io.contingo.events.IncidentEvent;
import io.contingo.events.IncidentSnapshot;
import io.contingo.incident.component.ComponentState;
import io.contingo.incident.component.StatusHistory;
import io.contingo.incident.incident.Incident;
import io.contingo.incident.maintenance.Maintenance;
import io.contingo.incident.outbox.OutboxSettings;
import tools.jackson.databind.json.JsonMapper;

/**
 * The read model the public pages and the Statuspage API are served from. It is kept current by this
 * service's own published events ({@code incident-events}, {@code component-status}), read by every
 * instance in full (no consumer group), each applied only when its sequence is newer than what the model
 * holds. On start it seeks to the topics' ends first, then loads the database, so no change falls in between.
 * Requests never touch the database: they get the last {@link StatusSummary.Snapshot}, rebuilt as soon as a change
 * arrives after a quiet second, at most once a second while changes keep coming (a burst of status changes then costs
 * one new page a second, not one per change: the pages may be cached 10 s anyway), and every few seconds while an
 * outage goes on (its downtime grows without events). Maintenance windows (few, and changed by the clock as much as
 * by events) are read from the database every 2 s. Without a broker, the model reloads from the database every 5 s instead.
 */
@Component
public class PublicView {

    private static final Logger log = LoggerFactory.getLogger(PublicView.class);
    /** Incidents older than this (and resolved) leave the model: the uptime bars cover 90 days. */
    static final Duration KEPT = Duration.ofDays(92);
    /** The shortest time between two rebuilds while changes keep arriving. */
    static final long REBUILD_AT_MOST_EVERY_MS = 1_000;

    /** What the model knows of a component: the latest status event applied, and its stretches out of operational. */
    record ComponentEntry(long sequence, ComponentStatus status, Instant createdAt, Instant updatedAt, StatusHistory history) {

        ComponentEntry(long sequence, ComponentStatus status, Instant createdAt, Instant updatedAt) {
            this(sequence, status, createdAt, updatedAt, new StatusHistory(null, List.of()));
        }
    }

    private record IncidentEntry(long sequence, IncidentSnapshot snapshot) {
    }

    private final MongoTemplate mongo;
    private final StatusSummary summary;
    private final OutboxSettings topics;
    private final JsonMapper json;
    private final Clock clock;
    private final KafkaProperties kafka;
    private final Map<String, IncidentEntry> incidents = new ConcurrentHashMap<>();
    private final Map<String, ComponentEntry> components = new ConcurrentHashMap<>();
    private volatile List<Maintenance> maintenances = List.of();
    private volatile StatusSummary.Snapshot current;
    private final AtomicLong version = new AtomicLong();
    private volatile boolean running = true;
    private volatile KafkaConsumer<String, byte[]> consumer;
    private Thread feeder;

    PublicView(MongoTemplate mongo, StatusSummary summary, OutboxSettings topics, JsonMapper json, Clock clock,
            KafkaProperties kafka) {
        this.mongo = mongo;
        this.summary = summary;
        this.topics = topics;
        this.json = json;
        this.clock = clock;
        this.kafka = kafka;
    }

    /** What the public sees now. The first call before the feeder is ready reads the database once. */
    public StatusSummary.Snapshot now() {
        StatusSummary.Snapshot snapshot = current;
        if (snapshot == null) {
            synchronized (this) {
                if (current == null) {
                    loadDatabase();
                    rebuild();
                }
                snapshot = current;
            }
        }
        return snapshot;
    }

    @EventListener(ApplicationReadyEvent.class)
    void start() {
        feeder = Thread.ofPlatform().daemon().name("public-view").start(this::feed);
    }

    @EventListener(ContextClosedEvent.class)
    void stop() throws InterruptedException {
        running = false;
        KafkaConsumer<String, byte[]> c = consumer;
        if (c != null) {
            c.wakeup();
        }
        if (feeder != null) {
            feeder.join(5_000);
        }
    }

    private void feed() {
        while (running) {
            try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(consumerProperties())) {
                consumer = c;
                List<TopicPartition> partitions = partitions(c);
                if (partitions.isEmpty()) {
                    reloadWithoutBroker();
                    continue;
                }
                c.assign(partitions);
                c.seekToEnd(partitions);
                partitions.forEach(c::position); // fixes the starting offsets before the database is read
                loadDatabase();
                rebuild();
                log.info("Public view follows {} and {} from their ends", topics.incidentEventsTopic(), topics.componentStatusTopic());
                long lastMaintenanceLoad = 0;
                long lastRebuild = 0;
                boolean changed = false;
                while (running) {
                    for (ConsumerRecord<String, byte[]> record : c.poll(Duration.ofMillis(100))) {
                        changed |= apply(record);
                    }
                    if (System.currentTimeMillis() - lastMaintenanceLoad > 2_000) {
                        changed |= loadMaintenances();
                        changed |= summary.outdated(current, clock.instant());
                        lastMaintenanceLoad = System.currentTimeMillis();
                    }
                    // a poll returns as soon as records arrive: while they keep coming, rebuild at most once a second
                    if (changed && System.currentTimeMillis() - lastRebuild >= REBUILD_AT_MOST_EVERY_MS) {
                        rebuild();
                        lastRebuild = System.currentTimeMillis();
                        changed = false;
                    }
                }
            } catch (WakeupException stopping) {
                return;
            } catch (RuntimeException e) {
                log.warn("Public view lost its feed ({}); reading the database until it is back", e.toString());
                reloadWithoutBroker();
            }
        }
    }

    private List<TopicPartition> partitions(KafkaConsumer<String, byte[]> c) {
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : List.of(topics.incidentEventsTopic(), topics.componentStatusTopic())) {
            List<PartitionInfo> infos = c.partitionsFor(topic, Duration.ofSeconds(10));
            if (infos == null || infos.isEmpty()) {
                return List.of();
            }
            infos.forEach(p -> partitions.add(new TopicPartition(p.topic(), p.partition())));
        }
        return partitions;
    }

    private void reloadWithoutBroker() {
        long until = System.currentTimeMillis() + 5_000;
        loadDatabase();
        rebuild();
        while (running && System.currentTimeMillis() < until) {
            try {
                Thread.sleep(250); // the broker is away: pace the retries, nothing waits on this thread
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private boolean apply(ConsumerRecord<String, byte[]> record) {
        try {
            if (record.topic().equals(topics.incidentEventsTopic())) {
                IncidentEvent event = json.readValue(record.value(), IncidentEvent.class);
                return applyIncident(event.sequence(), event.incident());
            }
            ComponentStatusChanged change = json.readValue(record.value(), ComponentStatusChanged.class);
            return applyComponent(change.componentId(), new ComponentEntry(change.sequence(), change.to(), null, change.at(), null));
        } catch (RuntimeException unreadable) {
            log.warn("Public view skips an unreadable record at {}-{}@{}: {}", record.topic(), record.partition(), record.offset(),
                    unreadable.toString());
            return false;
        }
    }

    private boolean applyIncident(long sequence, IncidentSnapshot snapshot) {
        boolean[] applied = { false };
        incidents.compute(snapshot.id(), (id, known) -> {
            if (known != null && known.sequence() >= sequence) {
                return known;
            }
            applied[0] = true;
            return new IncidentEntry(sequence, snapshot);
        });
        return applied[0];
    }

    private boolean applyComponent(String componentId, ComponentEntry entry) {
        boolean[] applied = { false };
        components.compute(componentId, (id, known) -> {
            if (known != null && known.sequence() >= entry.sequence()) {
                return known;
            }
            applied[0] = true;
            Instant createdAt = entry.createdAt() != null ? entry.createdAt() : known != null ? known.createdAt() : entry.updatedAt();
            // a stored state brings its history; an event extends the one known (or starts one, for a component not known yet)
            StatusHistory history = entry.history() != null ? entry.history()
                    : (known != null ? known.history() : new StatusHistory(null, List.of())).changed(entry.status(), entry.updatedAt());
            return new ComponentEntry(entry.sequence(), entry.status(), createdAt, entry.updatedAt(), history);
        });
        return applied[0];
    }

    private void loadDatabase() {
        Instant since = clock.instant().minus(KEPT);
        for (Incident incident : mongo.find(query(new org.springframework.data.mongodb.core.query.Criteria().orOperator(
                where("open").is(true), where("createdAt").gte(since), where("resolvedAt").gte(since))), Incident.class)) {
            applyIncident(incident.sequence(), incident.snapshot());
        }
        for (ComponentState state : mongo.findAll(ComponentState.class)) {
            applyComponent(state.componentId(), new ComponentEntry(state.sequence(), state.status(), state.createdAt(), state.updatedAt(),
                    state.history()));
        }
        loadMaintenances();
    }

    private boolean loadMaintenances() {
        List<Maintenance> loaded = mongo.find(query(where("scheduledUntil").gte(clock.instant().minus(KEPT)))
                .with(org.springframework.data.domain.Sort.by("scheduledFor")), Maintenance.class);
        boolean changed = !fingerprint(loaded).equals(fingerprint(maintenances));
        maintenances = loaded;
        return changed;
    }

    private static List<String> fingerprint(List<Maintenance> list) {
        return list.stream().map(m -> m.id() + "@" + m.version()).toList();
    }

    private void rebuild() {
        Instant now = clock.instant();
        incidents.values().removeIf(e -> e.snapshot().resolvedAt() != null && e.snapshot().resolvedAt().isBefore(now.minus(KEPT)));
        current = summary.build(version.incrementAndGet(), components, incidents.values().stream().map(IncidentEntry::snapshot).toList(),
                maintenances, now);
    }

    /** Spring's {@code spring.kafka.*} consumer properties (servers, security), the view's own settings on top. */
    Properties consumerProperties() {
        Properties p = new Properties();
        p.putAll(kafka.buildConsumerProperties());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, "public-view-" + ProcessHandle.current().pid());
        p.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000);
        p.put(ConsumerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
        return p;
    }
}
