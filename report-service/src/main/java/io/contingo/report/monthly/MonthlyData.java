package io.contingo.report.monthly;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

import io.contingo.events.DrpRunSnapshot;
import io.contingo.events.IncidentSnapshot;
import io.contingo.events.SiteDefined;
import io.contingo.report.backup.Backups;
import io.contingo.report.component.ComponentWatch;
import io.contingo.report.component.StatusDays;
import io.contingo.report.drp.DrpRunRecord;
import io.contingo.report.incident.IncidentRecord;
import io.contingo.starter.kafka.TopicReader;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads what a period's figures are computed from: the sites and components of incident-service's catalog
 * ({@code site-catalog}, read whole each time), each component's seconds in each status per day of the period and its
 * first and latest change (not its changes: a busy month has a million), the incidents, the DRP runs and the good
 * backups that this service's read models keep.
 */
@Component
class MonthlyData {

    private static final Duration CATALOG_DEADLINE = Duration.ofSeconds(30);

    private final MongoTemplate mongo;
    private final StatusDays days;
    private final Backups backups;
    private final JsonMapper json;
    /** Where the broker is and how to connect to it: Spring's {@code spring.kafka.*} (servers, SASL/TLS). */
    private final KafkaProperties kafka;
    private final String catalogTopic;

    MonthlyData(MongoTemplate mongo, StatusDays days, Backups backups, JsonMapper json,
            KafkaProperties kafka,
            @Value("${contingo.catalog.topic:site-catalog}") String catalogTopic) {
        this.mongo = mongo;
        this.days = days;
        this.backups = backups;
        this.json = json;
        this.kafka = kafka;
        this.catalogTopic = catalogTopic;
    }

    MonthlyCalculation.Inputs read(Period period) {
        // the catalog comes from Kafka meanwhile: reading it takes as long as the rest
        CompletableFuture<Map<String, SiteDefined>> catalog = CompletableFuture.supplyAsync(this::catalog,
                task -> Thread.ofVirtual().name("catalog-read").start(task));
        Map<String, ComponentWatch> watches = new HashMap<>();
        mongo.findAll(ComponentWatch.class).forEach(w -> watches.put(w.componentId(), w));
        MonthlyCalculation.Days byDay = new MonthlyCalculation.Days(days.between(period.from(), period.to()), watches);
        List<IncidentSnapshot> incidents = mongo.findAll(IncidentRecord.class).stream().map(IncidentRecord::incident).toList();
        List<DrpRunSnapshot> runs = mongo.findAll(DrpRunRecord.class).stream().map(DrpRunRecord::run).toList();
        List<MonthlyCalculation.BackupInput> backupInputs = backups.monitors().stream()
                .map(m -> new MonthlyCalculation.BackupInput(m, backups.between(m.monitorId(), period.start(), period.end())))
                .toList();
        Map<String, SiteDefined> sites = join(catalog);
        return new MonthlyCalculation.Inputs(components(sites, watches, period), Map.of(), incidents, runs, backupInputs,
                byDay, Translations.from(sites.values(), incidents));
    }

    private static <T> T join(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    /** The earliest moment anything is known of: no monthly report is due for a month that ended before it. */
    Instant firstKnown() {
        Instant earliest = mongo.findAll(ComponentWatch.class).stream().map(ComponentWatch::firstAt).filter(java.util.Objects::nonNull)
                .min(Instant::compareTo).orElse(null);
        for (SiteDefined site : catalog().values()) {
            earliest = earliest == null || site.occurredAt().isBefore(earliest) ? site.occurredAt() : earliest;
        }
        return earliest;
    }

    /**
     * The catalog's components, in its order, watched since the catalog named them or their first change, whichever
     * came first; then the components the catalog no longer has whose changes reach into the period.
     */
    private static List<Availability.Component> components(Map<String, SiteDefined> sites, Map<String, ComponentWatch> watches,
            Period period) {
        Map<String, Availability.Component> components = new LinkedHashMap<>();
        for (SiteDefined site : sites.values()) {
            for (SiteDefined.Component c : site.components()) {
                ComponentWatch watch = watches.get(c.id());
                Instant first = watch == null ? null : watch.firstAt();
                Instant since = first != null && first.isBefore(site.occurredAt()) ? first : site.occurredAt();
                components.put(c.id(), new Availability.Component(c.id(), c.name(), site.siteId(), site.name(), since));
            }
        }
        watches.values().stream()
                .filter(w -> w.firstAt() != null && w.lastAt() != null && w.firstAt().isBefore(period.end()) && !w.lastAt().isBefore(period.start()))
                .sorted(java.util.Comparator.comparing(ComponentWatch::componentId))
                .forEach(w -> components.computeIfAbsent(w.componentId(), id -> {
                    SiteDefined site = w.siteId() == null ? null : sites.get(w.siteId());
                    return new Availability.Component(id, w.componentName() == null ? id : w.componentName(), w.siteId(),
                            site == null ? w.siteId() : site.name(), w.firstAt());
                }));
        return List.copyOf(components.values());
    }

    private Map<String, SiteDefined> catalog() {
        Map<String, SiteDefined> sites = new LinkedHashMap<>();
        try (TopicReader reader = new TopicReader(kafka.buildConsumerProperties(), catalogTopic)) {
            reader.latestByKey(CATALOG_DEADLINE).values().forEach(value -> {
                SiteDefined site = json.readValue(value, SiteDefined.class);
                sites.put(site.siteId(), site);
            });
        }
        return sites;
    }
}
