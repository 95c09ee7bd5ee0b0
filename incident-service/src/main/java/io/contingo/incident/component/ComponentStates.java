package io.contingo.incident.component;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.bson.Document;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOneModel;

import io.contingo.incident.catalog.Catalog.Placement;
import io.contingo.incident.outbox.OutboxDocuments;

/**
 * The stored component states. A state is written only if nobody wrote it since it was read (its version),
 * and written without its outbox: the events it announced since are appended to the stored ones, which the
 * outbox relay publishes and removes on its own. So the copy a consumer keeps in memory never brings back
 * an event the relay has already removed.
 */
@Component
class ComponentStates {

    private final MongoTemplate mongo;
    private final OutboxDocuments documents;

    ComponentStates(MongoTemplate mongo) {
        this.mongo = mongo;
        this.documents = new OutboxDocuments(mongo, ComponentState.class);
    }

    /** The stored states of these components (those that have one), each without the events left for the relay. */
    List<ComponentState> find(Collection<String> componentIds) {
        List<ComponentState> found = mongo.find(query(where("_id").in(componentIds)), ComponentState.class);
        found.forEach(s -> s.handedOver(s.version()));
        return found;
    }

    /** The stored state of a catalog component, else an operational one as of {@code at}. */
    ComponentState load(Placement placement, Instant at) {
        return find(List.of(placement.component().id())).stream().findFirst().orElseGet(() -> operational(placement, at));
    }

    static ComponentState operational(Placement placement, Instant at) {
        return ComponentState.operational(placement.component().id(), placement.site().id(), placement.component().name(), at);
    }

    /** The versions of the stored states of these components (those that have one), by component id. */
    Map<String, Long> storedVersions(Collection<String> componentIds) {
        Map<String, Long> versions = new HashMap<>();
        for (Document stored : collection().find(Filters.in("_id", componentIds)).projection(new Document("version", 1))) {
            if (stored.get("version") instanceof Number version) {
                versions.put(stored.getString("_id"), version.longValue());
            }
        }
        return versions;
    }

    /** Writes one state; false when it was written by someone else since it was read (nothing is written then). */
    boolean write(ComponentState state) {
        if (state.version() == null) {
            try {
                mongo.insert(state);
            } catch (DuplicateKeyException seeded) {
                return false;
            }
            state.handedOver(state.version());
            return true;
        }
        boolean written = collection().updateOne(versioned(state), update(state)).getMatchedCount() == 1;
        if (written) {
            state.handedOver(state.version() + 1);
        }
        return written;
    }

    /**
     * Writes states already stored, in one round trip. Returns false when at least one of them had been written
     * by someone else since it was read: which ones is not known then, so none of them counts as written (the
     * caller reads them all again; those that were written hold everything already).
     */
    boolean writeAll(Collection<ComponentState> states) {
        List<UpdateOneModel<Document>> updates = new ArrayList<>(states.size());
        for (ComponentState state : states) {
            updates.add(new UpdateOneModel<>(versioned(state), update(state)));
        }
        if (updates.isEmpty()) {
            return true;
        }
        boolean all = collection().bulkWrite(updates, new BulkWriteOptions().ordered(false)).getMatchedCount() == updates.size();
        if (all) {
            states.forEach(s -> s.handedOver(s.version() + 1));
        }
        return all;
    }

    private static Document versioned(ComponentState state) {
        return OutboxDocuments.versioned(state.componentId(), state.version());
    }

    private Document update(ComponentState state) {
        return documents.update(state, state.version(), state.recordedSinceStored());
    }

    private MongoCollection<Document> collection() {
        return mongo.getCollection(mongo.getCollectionName(ComponentState.class));
    }
}
