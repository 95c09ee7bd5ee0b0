package io.contingo.report.snapshot;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.FindAndReplaceOptions;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * How the read models keep the newest snapshot of an aggregate that travels whole with a sequence: a document
 * replaced only by one with a higher {@code sequence}, so that a redelivery or an old event arriving late never
 * overwrites a newer snapshot. One document per aggregate, so single-document atomicity is enough.
 */
public final class LatestSnapshots {

    private LatestSnapshots() {
    }

    /**
     * Stores {@code document} as the aggregate {@code id}'s snapshot unless the stored one has a sequence of
     * {@code sequence} or more. {@code document} has a {@code sequence} property and {@code id} as its id.
     */
    public static <T> void keep(MongoTemplate mongo, String id, long sequence, T document, Class<T> type) {
        T replaced = mongo.findAndReplace(query(where("_id").is(id).and("sequence").lt(sequence)), document,
                FindAndReplaceOptions.none());
        if (replaced == null && mongo.findById(id, type) == null) {
            try {
                mongo.insert(document);
            } catch (DuplicateKeyException raced) {
                keep(mongo, id, sequence, document, type); // inserted meanwhile: compare sequences again
            }
        }
    }
}
