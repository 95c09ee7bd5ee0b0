package io.contingo.report.component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;

import org.bson.Document;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoServerException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.Updates;

/**
 * A claim on a piece of work that one instance of the service does for all: a document ({@code _id}, {@code owner},
 * {@code expiresAt}) taken with one atomic upsert. The upsert matches only a claim that has expired or is this
 * owner's; while another owner's claim holds, it tries to insert a second document of the same id and the database
 * refuses it (duplicate key). The owner takes it again before it expires to keep it, and releases it when done; an
 * owner that died lets it expire, and another takes over.
 */
final class Claim {

    private final MongoCollection<Document> collection;
    private final String id;
    private final Duration ttl;
    private final Clock clock;
    private final String owner = ProcessHandle.current().pid() + "-" + UUID.randomUUID();

    Claim(MongoCollection<Document> collection, String id, Duration ttl, Clock clock) {
        this.collection = collection;
        this.id = id;
        this.ttl = ttl;
        this.clock = clock;
    }

    /** Takes the claim, or keeps it for another {@code ttl} when this owner has it; false while another owner has it. */
    boolean take() {
        Instant now = clock.instant();
        try {
            collection.findOneAndUpdate(
                    Filters.and(Filters.eq("_id", id), Filters.or(Filters.eq("owner", owner), Filters.lte("expiresAt", Date.from(now)))),
                    Updates.combine(Updates.set("owner", owner), Updates.set("expiresAt", Date.from(now.plus(ttl)))),
                    new FindOneAndUpdateOptions().upsert(true));
            return true;
        } catch (MongoServerException e) {
            if (ErrorCategory.fromErrorCode(e.getCode()) == ErrorCategory.DUPLICATE_KEY) {
                return false; // another owner's claim holds
            }
            throw e;
        }
    }

    /** Gives the claim up, when this owner has it. */
    void release() {
        collection.deleteOne(Filters.and(Filters.eq("_id", id), Filters.eq("owner", owner)));
    }

    String owner() {
        return owner;
    }
}
