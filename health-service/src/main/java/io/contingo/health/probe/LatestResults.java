package io.contingo.health.probe;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.BulkOperationException;
import org.springframework.data.mongodb.core.BulkOperations.BulkMode;
import org.springframework.data.mongodb.core.FindAndReplaceOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.stereotype.Component;

import io.contingo.events.HealthEvent;
import io.contingo.events.HealthStatus;

/** The latest result of each monitor, kept in health-service's own database for its API and pages. */
@Component
public class LatestResults {

    /** One document per monitor, replaced at every write. */
    @Document("latest_results")
    public record LatestResult(@Id String monitorId, String componentId, HealthStatus status, Instant observedAt,
            Long latencyMs, String detail) {

        static LatestResult of(HealthEvent event) {
            return new LatestResult(event.monitorId(), event.componentId(), event.status(), event.observedAt(),
                    event.latencyMs(), event.detail());
        }
    }

    private static final int DUPLICATE_KEY = 11000;

    private final MongoTemplate mongo;

    LatestResults(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /**
     * Replaces the latest result of each event's monitor, all in one bulk write; one event per monitor. A stored
     * result observed later than the event's stays (a check written at once may be newer than one written after it).
     */
    void saveAll(Collection<HealthEvent> events) {
        if (events.isEmpty()) {
            return;
        }
        var bulk = mongo.bulkOps(BulkMode.UNORDERED, LatestResult.class);
        for (HealthEvent event : events) {
            // no match when a newer one is stored: the upsert then collides with its id, and is dropped below
            bulk.replaceOne(query(where("_id").is(event.monitorId()).and("observedAt").lte(event.observedAt())), LatestResult.of(event),
                    FindAndReplaceOptions.options().upsert());
        }
        try {
            bulk.execute();
        } catch (BulkOperationException e) {
            if (!e.getErrors().stream().allMatch(error -> error.getCode() == DUPLICATE_KEY)) {
                throw e;
            }
        }
    }

    /** The latest result of one monitor, or null before its first. */
    public LatestResult of(String monitorId) {
        return mongo.findById(monitorId, LatestResult.class);
    }

    /**
     * The status of every monitor's latest result, by monitor id, read in one pass that fetches only that field:
     * cheaper than {@link #of(Collection)} for all monitors, whose {@code $in} some servers check id by id.
     */
    public Map<String, HealthStatus> statuses() {
        Map<String, HealthStatus> statuses = new HashMap<>();
        mongo.getCollection(mongo.getCollectionName(LatestResult.class)).find()
                .projection(new org.bson.Document("status", 1))
                .forEach(document -> {
                    String status = document.getString("status");
                    if (status != null) {
                        statuses.put(document.getString("_id"), HealthStatus.valueOf(status));
                    }
                });
        return statuses;
    }

    /** The latest results of many monitors in one query, by monitor id; monitors without one are absent. */
    public Map<String, LatestResult> of(Collection<String> monitorIds) {
        return mongo.find(query(where("_id").in(monitorIds)), LatestResult.class).stream()
                .collect(Collectors.toMap(LatestResult::monitorId, Function.identity()));
    }
}
