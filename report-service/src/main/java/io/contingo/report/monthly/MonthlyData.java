package io.contingo.report.monthly;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.stereotype.Component;

import io.contingo.events.SiteDefined;
import io.contingo.report.backup.Backups;
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
        Map<String, List<StatusChangeRecord>> histories = histories(period);
        return new MonthlyCalculation.Inputs(components(histories), histories,
                mongo.findAll(IncidentRecord.class).stream().map(IncidentRecord::incident).toList(),
                mongo.findAll(DrpRunRecord.class).stream().map(DrpRunRecord::run).toList(),
                backups.monitors().stream()
                        .map(m -> new MonthlyCalculation.BackupInput(m, backups.between(m.monitorId(), period.start(), period.end())))
                        .toList());
    }

    /** The earliest moment anything is known of: no monthly report is due for a month that ended before it. */
    Instant firstKnown() {
        StatusChangeRecord first = mongo.findOne(query(where("at").exists(true)).with(Sort.by("at")).limit(1), StatusChangeRecord.class);
        Instant earliest = first == null ? null : first.at();
        for (SiteDefined site : catalog().values()) {
            earliest = earliest == null || site.occurredAt().isBefore(earliest) ? site.occurredAt() : earliest;
        }
        return earliest;
    }

    /** Each component's changes in the period, preceded by its last change before it (the status the period starts in). */
    private Map<String, List<StatusChangeRecord>> histories(Period period) {
        Map<String, List<StatusChangeRecord>> histories = new HashMap<>();
        for (StatusChangeRecord change : mongo.find(query(where("at").gte(period.start()).lt(period.end())), StatusChangeRecord.class)) {
            histories.computeIfAbsent(change.componentId(), id -> new ArrayList<>()).add(change);
        }
        for (Object id : mongo.findDistinct(query(where("at").lt(period.start())), "componentId", StatusChangeRecord.class, Object.class)) {
            StatusChangeRecord before = mongo.findOne(query(where("componentId").is(id).and("at").lt(period.start()))
                    .with(Sort.by(Sort.Direction.DESC, "at")).limit(1), StatusChangeRecord.class);
            if (before != null) {
                histories.computeIfAbsent(before.componentId(), c -> new ArrayList<>()).add(before);
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
    private List<Availability.Component> components(Map<String, List<StatusChangeRecord>> histories) {
        Map<String, Availability.Component> components = new LinkedHashMap<>();
        Map<String, Instant> firstChange = new HashMap<>();
        histories.forEach((id, h) -> firstChange.put(id, h.getFirst().at()));
        Map<String, SiteDefined> sites = catalog();
        for (SiteDefined site : sites.values()) {
            for (SiteDefined.Component c : site.components()) {
                Instant first = firstChange.get(c.id());
                Instant since = first != null && first.isBefore(site.occurredAt()) ? first : site.occurredAt();
                components.put(c.id(), new Availability.Component(c.id(), c.name(), site.siteId(), site.name(), since));
            }
        }
        histories.forEach((id, h) -> components.computeIfAbsent(id, missing -> {
            StatusChangeRecord any = h.getLast();
            SiteDefined site = sites.get(any.siteId());
            return new Availability.Component(id, any.componentName() == null ? id : any.componentName(), any.siteId(),
                    site == null ? any.siteId() : site.name(), h.getFirst().at());
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
