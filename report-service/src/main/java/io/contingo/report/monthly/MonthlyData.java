package io.contingo.report.monthly;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.bson.Document;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.stereotype.Component;

import io.contingo.events.ComponentStatus;
import io.contingo.events.SiteDefined;
import io.contingo.report.backup.Backups;
import io.contingo.report.component.ComponentWatch;
import io.contingo.report.component.StatusChangeRecord;
import io.contingo.report.drp.DrpRunRecord;
import io.contingo.report.incident.IncidentRecord;
import io.contingo.starter.kafka.TopicReader;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads what a period's figures are computed from: the sites and components of incident-service's catalog
 * ({@code site-catalog}, read whole each time), each component's status history, the incidents, the DRP runs and the
 * good backups that this service's read models keep.
 */
@Component
class MonthlyData {

    private static final Duration CATALOG_DEADLINE = Duration.ofSeconds(30);

    private final MongoTemplate mongo;
    private final Backups backups;
    private final JsonMapper json;
    private final String bootstrapServers;
    private final String catalogTopic;

    MonthlyData(MongoTemplate mongo, Backups backups, JsonMapper json,
            @Value("${spring.kafka.bootstrap-servers:localhost:9092}") String bootstrapServers,
            @Value("${contingo.catalog.topic:site-catalog}") String catalogTopic) {
        this.mongo = mongo;
        this.backups = backups;
        this.json = json;
        this.bootstrapServers = bootstrapServers;
        this.catalogTopic = catalogTopic;
        mongo.indexOps(StatusChangeRecord.class).createIndex(new Index().on("componentId", Sort.Direction.ASC).on("at", Sort.Direction.ASC));
        mongo.indexOps(StatusChangeRecord.class).createIndex(new Index().on("at", Sort.Direction.ASC));
    }

    MonthlyCalculation.Inputs read(Period period) {
        Map<String, SiteDefined> sites = catalog();
        Map<String, ComponentWatch> watches = new HashMap<>();
        mongo.findAll(ComponentWatch.class).forEach(w -> watches.put(w.componentId(), w));
        Map<String, List<StatusChangeRecord>> histories = histories(period, sites, watches);
        return new MonthlyCalculation.Inputs(components(sites, histories, watches), histories,
                mongo.findAll(IncidentRecord.class).stream().map(IncidentRecord::incident).toList(),
                mongo.findAll(DrpRunRecord.class).stream().map(DrpRunRecord::run).toList(),
                backups.monitors().stream()
                        .map(m -> new MonthlyCalculation.BackupInput(m, backups.between(m.monitorId(), period.start(), period.end())))
                        .toList());
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
     * Each component's changes in the period, in sequence order; a component without any is given the change it was
     * left in before the period (from what is kept of its latest change, or else read). A component whose changes
     * start in the period starts it in the first one's {@code from}. Only the period's changes are read, as plain
     * documents: for a busy month the mapping layer costs more than the reading.
     */
    private Map<String, List<StatusChangeRecord>> histories(Period period, Map<String, SiteDefined> sites,
            Map<String, ComponentWatch> watches) {
        Map<String, List<StatusChangeRecord>> histories = new HashMap<>();
        Document inPeriod = new Document("at", new Document("$gte", Date.from(period.start())).append("$lt", Date.from(period.end())));
        Document fields = new Document("componentId", 1).append("componentName", 1).append("siteId", 1).append("sequence", 1)
                .append("from", 1).append("to", 1).append("at", 1);
        for (Document d : mongo.getCollection(mongo.getCollectionName(StatusChangeRecord.class)).find(inPeriod).projection(fields)
                .batchSize(10_000)) {
            histories.computeIfAbsent(d.getString("componentId"), id -> new ArrayList<>()).add(new StatusChangeRecord(
                    d.getString("_id"), d.getString("componentId"), d.getString("componentName"), d.getString("siteId"),
                    ((Number) d.get("sequence")).longValue(), ComponentStatus.valueOf(d.getString("from")),
                    ComponentStatus.valueOf(d.getString("to")), d.getDate("at").toInstant(), null));
        }
        // the catalog's components that did not change in the period (one no longer in the catalog is left out then)
        java.util.Set<String> quiet = new java.util.LinkedHashSet<>();
        sites.values().forEach(site -> site.components().forEach(c -> quiet.add(c.id())));
        quiet.removeAll(histories.keySet());
        for (String id : quiet) {
            ComponentWatch watch = watches.get(id);
            StatusChangeRecord before = watch != null && watch.lastAt() != null && watch.lastAt().isBefore(period.start())
                    ? new StatusChangeRecord("latest-" + id, id, null, null, watch.lastSequence(), watch.lastStatus(),
                            watch.lastStatus(), watch.lastAt(), null)
                    : mongo.findOne(query(where("componentId").is(id).and("at").lt(period.start()))
                            .with(Sort.by(Sort.Direction.DESC, "at")).limit(1), StatusChangeRecord.class);
            if (before != null) {
                histories.put(id, new ArrayList<>(List.of(before)));
            }
        }
        histories.values().forEach(h -> h.sort((a, b) -> a.sequence() != b.sequence()
                ? Long.compare(a.sequence(), b.sequence()) : a.at().compareTo(b.at())));
        return histories;
    }

    /**
     * The catalog's components, in its order, watched since the catalog named them or their first change, whichever
     * came first; then the components the history knows that the catalog no longer has.
     */
    private List<Availability.Component> components(Map<String, SiteDefined> sites, Map<String, List<StatusChangeRecord>> histories,
            Map<String, ComponentWatch> watches) {
        Map<String, Availability.Component> components = new LinkedHashMap<>();
        Map<String, Instant> firstChange = new HashMap<>();
        histories.forEach((id, h) -> firstChange.put(id, h.getFirst().at()));
        watches.forEach((id, w) -> firstChange.merge(id, w.firstAt(), (a, b) -> b != null && b.isBefore(a) ? b : a));
        for (SiteDefined site : sites.values()) {
            for (SiteDefined.Component c : site.components()) {
                Instant first = firstChange.get(c.id());
                Instant since = first != null && first.isBefore(site.occurredAt()) ? first : site.occurredAt();
                components.put(c.id(), new Availability.Component(c.id(), c.name(), site.siteId(), site.name(), since));
            }
        }
        histories.forEach((id, h) -> components.computeIfAbsent(id, missing -> {
            StatusChangeRecord any = h.getLast();
            String siteId = any.siteId();
            SiteDefined site = siteId == null ? null : sites.get(siteId);
            return new Availability.Component(id, any.componentName() == null ? id : any.componentName(), siteId,
                    site == null ? siteId : site.name(), firstChange.get(id));
        }));
        return List.copyOf(components.values());
    }

    private Map<String, SiteDefined> catalog() {
        Map<String, SiteDefined> sites = new LinkedHashMap<>();
        try (TopicReader reader = new TopicReader(bootstrapServers, catalogTopic)) {
            reader.latestByKey(CATALOG_DEADLINE).values().forEach(value -> {
                SiteDefined site = json.readValue(value, SiteDefined.class);
                sites.put(site.siteId(), site);
            });
        }
        return sites;
    }
}
