package io.contingo.health.monitor;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.bson.Document;
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

/**
 * The monitors in MongoDB ({@code monitors}): each document is the monitor's JSON ({@link MonitorJson}) under
 * its id, plus {@code paused}, {@code deleted}, {@code revision}, {@code updatedAt} and {@code updatedBy}. Every
 * change takes the next number of one counter ({@code monitor_revisions}), so that any instance can ask what
 * changed since the last revision it saw.
 */
@Component
public class MonitorStore {

    static final String COLLECTION = "monitors";
    private static final List<String> META = List.of("_id", "paused", "deleted", "revision", "updatedAt", "updatedBy");

    private final MongoTemplate mongo;
    private final Clock clock = Clock.systemUTC();

    MonitorStore(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /** The monitors not deleted, by id. */
    List<StoredMonitor> all() {
        return read(collection().find(Filters.eq("deleted", false)).sort(Sorts.ascending("_id")));
    }

    /** Every monitor, tombstones included, whose last change came after the given revision, oldest change first. */
    List<StoredMonitor> changedSince(long revision) {
        return read(collection().find(Filters.gt("revision", revision)).sort(Sorts.ascending("revision")));
    }

    /** The ids the database holds, deleted ones included. */
    Set<String> ids() {
        Set<String> ids = new HashSet<>();
        collection().find().projection(new Document("_id", 1)).forEach(document -> ids.add(document.getString("_id")));
        return ids;
    }

    Optional<StoredMonitor> find(String id) {
        return Optional.ofNullable(collection().find(Filters.eq("_id", id)).first()).map(MonitorStore::toMonitor);
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

    /** Replaces a monitor's definition, keeping whether it is paused; empty when there is no such monitor. */
    Optional<StoredMonitor> replace(MonitorDefinition definition, String by) {
        return find(definition.id()).filter(m -> !m.deleted()).flatMap(old -> {
            StoredMonitor monitor = new StoredMonitor(definition, old.paused(), nextRevision(), false, clock.instant(), by);
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
                .map(MonitorStore::toMonitor);
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

    private static List<StoredMonitor> read(Iterable<Document> documents) {
        List<StoredMonitor> monitors = new ArrayList<>();
        documents.forEach(document -> monitors.add(toMonitor(document)));
        return monitors;
    }

    private static Document toDocument(StoredMonitor monitor) {
        Document document = Document.parse(MonitorJson.write(monitor.definition()));
        document.remove("id");
        Document stored = new Document("_id", monitor.id());
        stored.putAll(document);
        return stored.append("paused", monitor.paused()).append("deleted", monitor.deleted())
                .append("revision", monitor.revision()).append("updatedAt", Date.from(monitor.updatedAt()))
                .append("updatedBy", monitor.updatedBy());
    }

    private static StoredMonitor toMonitor(Document document) {
        Document definition = new Document("id", document.getString("_id"));
        document.forEach((key, value) -> {
            if (!META.contains(key)) {
                definition.put(key, value);
            }
        });
        Date updatedAt = document.getDate("updatedAt");
        return new StoredMonitor(MonitorJson.stored(definition.toJson()), document.getBoolean("paused", false),
                ((Number) document.get("revision")).longValue(), document.getBoolean("deleted", false),
                updatedAt == null ? Instant.EPOCH : updatedAt.toInstant(), document.getString("updatedBy"));
    }
}
