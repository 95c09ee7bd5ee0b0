package io.contingo.health.probe;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.BulkOperationException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.BulkOperations.BulkMode;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import io.contingo.events.HealthEvent;
import io.contingo.events.HealthStatus;

/**
 * Each monitor's recent results, kept in health-service's own database for its pages for
 * {@code contingo.probe.history.retention}; older ones are deleted every ten minutes.
 */
@Component
public class ResultHistory {

    /** One check's result; its id is the health event's, so writing it twice keeps one. */
    @Document("result_history")
    public record PastResult(@Id String eventId, String monitorId, String componentId, HealthStatus status,
            Instant observedAt, Long latencyMs, String detail) {

        static PastResult of(HealthEvent event) {
            return new PastResult(event.eventId(), event.monitorId(), event.componentId(), event.status(),
                    event.observedAt(), event.latencyMs(), event.detail());
        }
    }

    private static final Logger log = LoggerFactory.getLogger(ResultHistory.class);
    private static final int DUPLICATE_KEY = 11000;

    private final MongoTemplate mongo;
    private final Duration retention;
    private final Clock clock;
    private volatile boolean indexed;

    @Autowired
    ResultHistory(MongoTemplate mongo, ResultSettings settings) {
        this(mongo, settings.history().retention(), Clock.systemUTC());
    }

    ResultHistory(MongoTemplate mongo, Duration retention, Clock clock) {
        this.mongo = mongo;
        this.retention = retention;
        this.clock = clock;
    }

    /**
     * Inserts the results in one bulk write. One already there (written by an earlier try that seemed to
     * fail) is kept as it is, and the others are inserted all the same.
     */
    void append(List<HealthEvent> events) {
        if (events.isEmpty()) {
            return;
        }
        ensureIndexes();
        var bulk = mongo.bulkOps(BulkMode.UNORDERED, PastResult.class);
        events.forEach(event -> bulk.insert(PastResult.of(event)));
        try {
            bulk.execute();
        } catch (BulkOperationException e) {
            if (!e.getErrors().stream().allMatch(error -> error.getCode() == DUPLICATE_KEY)) {
                throw e;
            }
            // only results written before: at-least-once, and the id makes it once
        }
    }

    /** A monitor's results, newest first, at most {@code limit}. */
    public List<PastResult> recent(String monitorId, int limit) {
        return mongo.find(query(where("monitorId").is(monitorId))
                .with(Sort.by(Sort.Direction.DESC, "observedAt")).limit(limit), PastResult.class);
    }

    /** Deletes the results observed longer ago than the retention; answers how many. */
    long prune() {
        Instant oldest = clock.instant().minus(retention);
        return mongo.remove(query(where("observedAt").lt(oldest)), PastResult.class).getDeletedCount();
    }

    @Scheduled(initialDelay = 1, fixedDelay = 10, timeUnit = TimeUnit.MINUTES)
    void pruneRegularly() {
        try {
            long deleted = prune();
            if (deleted > 0) {
                log.debug("Deleted {} results older than {}", deleted, retention);
            }
        } catch (RuntimeException e) {
            log.warn("Could not delete the results older than {}, trying again in 10 minutes: {}", retention, e.getMessage());
        }
    }

    /** For a monitor's recent results, and for pruning by age. */
    private void ensureIndexes() {
        if (!indexed) {
            var indexes = mongo.indexOps(PastResult.class);
            indexes.createIndex(new Index().on("monitorId", Sort.Direction.ASC).on("observedAt", Sort.Direction.DESC));
            indexes.createIndex(new Index().on("observedAt", Sort.Direction.ASC));
            indexed = true;
        }
    }
}
