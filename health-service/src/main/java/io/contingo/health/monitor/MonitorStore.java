package io.contingo.health.monitor;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Sorts;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The monitors in MongoDB ({@code monitors}): each document holds the monitor's fields as {@link MonitorJson}
 * names them, as values (never parsed from JSON text), under its id; the headers as a list of {@code name} and
 * {@code value} pairs, so that no header name becomes a field name. Plus {@code paused}, {@code deleted},
 * {@code revision}, {@code updatedAt} and {@code updatedBy}. Every change takes the next number of one counter
 * ({@code monitor_revisions}), so that any instance can ask what changed since the last revision it saw. A document
 * that cannot be read is left out, logged once per revision and counted ({@code contingo.monitors.unreadable}):
 * it never keeps the others from being read.
 */
@Component
public class MonitorStore {

    static final String COLLECTION = "monitors";
    private static final List<String> META = List.of("_id", "paused", "deleted", "revision", "updatedAt", "updatedBy");
    private static final Logger log = LoggerFactory.getLogger(MonitorStore.class);

    /** What was read: the monitors that could be, and the latest revision among all the documents. */
    record Read(List<StoredMonitor> monitors, long latest) {
    }

    private final MongoTemplate mongo;
    private final Clock clock = Clock.systemUTC();
    /** The documents that could not be read, by id, with the revision that could not. */
    private final Map<String, Long> unreadable = new ConcurrentHashMap<>();

    MonitorStore(MongoTemplate mongo, MeterRegistry meters) {
        this.mongo = mongo;
        Gauge.builder("contingo.monitors.unreadable", unreadable, Map::size)
                .description("Monitor documents that cannot be read and are left out").register(meters);
    }

    /** The monitors not deleted, by id. */
    List<StoredMonitor> all() {
        return read(collection().find(Filters.eq("deleted", false)).sort(Sorts.ascending("_id"))).monitors();
    }

    /** Every monitor, tombstones included, whose last change came after the given revision, oldest change first. */
    Read changedSince(long revision) {
        return read(collection().find(Filters.gt("revision", revision)).sort(Sorts.ascending("revision")));
    }

    /** The ids the database holds, deleted ones included. */
    Set<String> ids() {
        Set<String> ids = new HashSet<>();
        collection().find().projection(new Document("_id", 1)).forEach(document -> ids.add(document.getString("_id")));
        return ids;
    }

    Optional<StoredMonitor> find(String id) {
        return Optional.ofNullable(collection().find(Filters.eq("_id", id)).first()).flatMap(this::readable);
    }

    /**
     * Stores a new monitor. A deleted monitor's id may be taken again unless {@code keepDeleted} (the monitors
     * file's seeds keep what an admin deleted deleted).
     *
     * @return the stored monitor, or empty when the id is taken
     */
    Optional<StoredMonitor> insert(MonitorDefinition definition, String by, boolean keepDeleted) {
        StoredMonitor monitor = new StoredMonitor(definition, false, nextRevision(), false, clock.instant(), by);
        try {
            collection().insertOne(toDocument(monitor));
            return Optional.of(monitor);
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
        }
        if (keepDeleted) {
            return Optional.empty();
        }
        boolean replaced = collection().replaceOne(Filters.and(Filters.eq("_id", definition.id()), Filters.eq("deleted", true)),
                toDocument(monitor)).getModifiedCount() == 1;
        return replaced ? Optional.of(monitor) : Optional.empty();
    }

    /**
     * Replaces a monitor's definition, keeping whether it is paused; empty when there is no such monitor. An
     * unreadable one is replaced too, which is how it is mended.
     */
    Optional<StoredMonitor> replace(MonitorDefinition definition, String by) {
        Document found = collection().find(Filters.and(Filters.eq("_id", definition.id()), Filters.eq("deleted", false))).first();
        return Optional.ofNullable(found).flatMap(old -> {
            StoredMonitor monitor = new StoredMonitor(definition, old.getBoolean("paused", false), nextRevision(), false,
                    clock.instant(), by);
            boolean replaced = collection().replaceOne(Filters.and(Filters.eq("_id", definition.id()), Filters.eq("deleted", false)),
                    toDocument(monitor)).getModifiedCount() == 1;
            return replaced ? Optional.of(monitor) : Optional.empty();
        });
    }

    Optional<StoredMonitor> pause(String id, boolean paused, String by) {
        return change(id, new Document("paused", paused), by);
    }

    Optional<StoredMonitor> delete(String id, String by) {
        return change(id, new Document("deleted", true), by);
    }

    private Optional<StoredMonitor> change(String id, Document fields, String by) {
        fields.append("revision", nextRevision()).append("updatedAt", Date.from(clock.instant())).append("updatedBy", by);
        return Optional.ofNullable(collection().findOneAndUpdate(Filters.and(Filters.eq("_id", id), Filters.eq("deleted", false)),
                new Document("$set", fields), new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER)))
                .flatMap(this::readable);
    }

    private long nextRevision() {
        Document counter = mongo.findAndModify(Query.query(Criteria.where("_id").is(COLLECTION)),
                new Update().inc("value", 1L), FindAndModifyOptions.options().upsert(true).returnNew(true),
                Document.class, "monitor_revisions");
        return ((Number) counter.get("value")).longValue();
    }

    private MongoCollection<Document> collection() {
        return mongo.getCollection(COLLECTION);
    }

    private Read read(Iterable<Document> documents) {
        List<StoredMonitor> monitors = new ArrayList<>();
        long latest = 0;
        for (Document document : documents) {
            latest = Math.max(latest, revision(document));
            readable(document).ifPresent(monitors::add);
        }
        return new Read(monitors, latest);
    }

    /** The monitor of a document; empty, logged once per revision and counted, when it cannot be read. */
    private Optional<StoredMonitor> readable(Document document) {
        String id = String.valueOf(document.get("_id"));
        try {
            StoredMonitor monitor = toMonitor(document);
            unreadable.remove(id);
            return Optional.of(monitor);
        } catch (RuntimeException e) {
            Long before = unreadable.put(id, revision(document));
            if (before == null || before != revision(document)) {
                log.error("Monitor '{}' (revision {}) cannot be read and is left out until it is replaced (PUT /api/monitors/{}): {}",
                        id, revision(document), id, e.getMessage());
            }
            return Optional.empty();
        }
    }

    private static long revision(Document document) {
        return document.get("revision") instanceof Number revision ? revision.longValue() : 0;
    }

    private static Document toDocument(StoredMonitor monitor) {
        Document stored = new Document("_id", monitor.id());
        MonitorJson.tree(monitor.definition()).forEach((field, value) -> {
            if (field.equals("headers") && value instanceof Map<?, ?> headers) {
                List<Document> pairs = new ArrayList<>();
                headers.forEach((name, text) -> pairs.add(new Document("name", name).append("value", text)));
                stored.append(field, pairs);
            } else if (!field.equals("id")) {
                stored.append(field, value);
            }
        });
        return stored.append("paused", monitor.paused()).append("deleted", monitor.deleted())
                .append("revision", monitor.revision()).append("updatedAt", Date.from(monitor.updatedAt()))
                .append("updatedBy", monitor.updatedBy());
    }

    private static StoredMonitor toMonitor(Document document) {
        Map<String, Object> definition = new LinkedHashMap<>();
        definition.put("id", document.getString("_id"));
        document.forEach((key, value) -> {
            if (key.equals("headers") && value instanceof List<?> pairs) { // a map, as older versions stored them, reads as it is
                Map<String, Object> headers = new LinkedHashMap<>();
                pairs.forEach(pair -> headers.put(((Document) pair).getString("name"), ((Document) pair).get("value")));
                definition.put(key, headers);
            } else if (!META.contains(key)) {
                definition.put(key, value);
            }
        });
        Date updatedAt = document.getDate("updatedAt");
        return new StoredMonitor(MonitorJson.stored(definition), document.getBoolean("paused", false),
                ((Number) document.get("revision")).longValue(), document.getBoolean("deleted", false),
                updatedAt == null ? Instant.EPOCH : updatedAt.toInstant(), document.getString("updatedBy"));
    }
}
