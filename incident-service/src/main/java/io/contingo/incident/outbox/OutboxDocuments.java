package io.contingo.incident.outbox;

import java.util.ArrayList;
import java.util.List;

import org.bson.Document;
import org.springframework.data.mapping.PropertyHandler;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.mapping.MongoPersistentProperty;

/**
 * Writes of documents that carry an outbox ({@code outbox}, {@code pendingEvents}) and a {@code version}: a
 * write sets every other field and appends only the events recorded since the document was read, so the events
 * the {@link OutboxRelay} published and removed meanwhile are not put back (and published again), and the stored
 * outbox never has to be read by a writer.
 */
public final class OutboxDocuments {

    private final MongoTemplate mongo;
    /** The stored fields of the type: those the converter leaves out (null values) are removed on write. */
    private final List<String> fieldNames = new ArrayList<>();

    public OutboxDocuments(MongoTemplate mongo, Class<?> type) {
        this.mongo = mongo;
        mongo.getConverter().getMappingContext().getRequiredPersistentEntity(type)
                .doWithProperties((PropertyHandler<MongoPersistentProperty>) p -> fieldNames.add(p.getFieldName()));
    }

    /** The filter that matches the stored document only while it is still at the version it was read at. */
    public static Document versioned(Object id, long version) {
        return new Document("_id", id).append("version", version);
    }

    /**
     * The update of a document read at {@code version}: every field but the outbox set, the version moved on,
     * and the last {@code recorded} events of the entity's outbox appended to the stored ones.
     */
    public Document update(Object entity, long version, int recorded) {
        Document fields = new Document();
        mongo.getConverter().write(entity, fields);
        fields.remove("_id");
        fields.remove("pendingEvents");
        Object outbox = fields.remove("outbox");
        fields.put("version", version + 1);
        Document update = new Document("$set", fields);
        Document cleared = new Document();
        for (String name : fieldNames) {
            if (!fields.containsKey(name) && !name.equals("_id") && !name.equals("outbox") && !name.equals("pendingEvents")) {
                cleared.put(name, "");
            }
        }
        if (!cleared.isEmpty()) {
            update.append("$unset", cleared);
        }
        if (recorded > 0 && outbox instanceof List<?> events) {
            fields.put("pendingEvents", true);
            update.append("$push", new Document("outbox", new Document("$each", events.subList(events.size() - recorded, events.size()))));
        }
        return update;
    }
}
