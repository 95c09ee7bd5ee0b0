package io.contingo.health.probe;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.annotation.Id;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.BulkOperationException;
import org.springframework.data.mongodb.core.BulkOperations.BulkMode;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.aggregation.Aggregation;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import com.mongodb.MongoBulkWriteException;
import com.mongodb.bulk.BulkWriteError;

import io.contingo.events.HealthEvent;

/**
 * Each monitor's results counted per five minutes ({@code result_buckets}): how many were UP, DEGRADED and DOWN,
 * and their latencies' count, sum, least and most. A monitor's page reads its uptime over 30 days and its response
 * times over 24 hours from these (at most 288 documents for the chart, one aggregation in the database per
 * uptime figure) rather than from its raw results, which are kept for a shorter time and are far more numerous.
 * Kept {@link #KEPT}; counted from the results as they are written to the history, so the figures of the last
 * minutes may lag by up to {@code contingo.probe.history.counts-flush} (30 s).
 */
@Component
public class ResultBuckets {

    /** The width of a bucket. */
    public static final Duration WIDTH = Duration.ofMinutes(5);
    /** How long buckets are kept: the longest uptime a page shows, and a day. */
    static final Duration KEPT = Duration.ofDays(31);

    private static final Logger log = LoggerFactory.getLogger(ResultBuckets.class);

    /** Five minutes of one monitor's results. */
    @org.springframework.data.mongodb.core.mapping.Document("result_buckets")
    public record Bucket(@Id String id, String monitorId, Instant start, long up, long degraded, long down, long latencyCount,
            long latencySum, Long latencyMin, Long latencyMax) {

        /** The average latency of the checks that got an answer, or null when none did. */
        public Long latencyAverage() {
            return latencyCount == 0 ? null : Math.round((double) latencySum / latencyCount);
        }
    }

    /** How many of a monitor's results over a period were UP, DEGRADED and DOWN. */
    public record Uptime(long up, long degraded, long down) {

        public long checks() {
            return up + degraded + down;
        }

        /** The share of results that were not DOWN (a DEGRADED service is available), 0 to 100; null without results. */
        public Double percent() {
            return checks() == 0 ? null : 100.0 * (up + degraded) / checks();
        }
    }

    /** Counts gathered in memory for one bucket, not yet in the database. */
    private static final class Tally {
        long up;
        long degraded;
        long down;
        long latencyCount;
        long latencySum;
        Long latencyMin;
        Long latencyMax;

        void add(HealthEvent event) {
            switch (event.status()) {
                case UP -> up++;
                case DEGRADED -> degraded++;
                case DOWN -> down++;
            }
            Long latency = event.latencyMs();
            if (latency != null) {
                latencyCount++;
                latencySum += latency;
                latencyMin = latencyMin == null ? latency : Math.min(latencyMin, latency);
                latencyMax = latencyMax == null ? latency : Math.max(latencyMax, latency);
            }
        }
    }

    private record Key(String monitorId, Instant start) {
    }

    private final MongoTemplate mongo;
    private final Clock clock;
    private final Duration flushPeriod;
    private final Object lock = new Object();
    private Map<Key, Tally> gathered = new LinkedHashMap<>();
    private long lastFlush = System.nanoTime();
    private volatile boolean indexed;

    @Autowired
    ResultBuckets(MongoTemplate mongo, ResultSettings settings) {
        this(mongo, Clock.systemUTC(), settings.history().countsFlush());
    }

    ResultBuckets(MongoTemplate mongo, Clock clock, Duration flushPeriod) {
        this.mongo = mongo;
        this.clock = clock;
        this.flushPeriod = flushPeriod;
    }

    /** The start of the bucket an instant falls in. */
    public static Instant bucketOf(Instant instant) {
        long width = WIDTH.toMillis();
        return Instant.ofEpochMilli(Math.floorDiv(instant.toEpochMilli(), width) * width);
    }

    /** Counts results written to the history; they reach the database at the next {@link #flushIfDue()}. */
    void count(List<HealthEvent> events) {
        synchronized (lock) {
            for (HealthEvent event : events) {
                gathered.computeIfAbsent(new Key(event.monitorId(), bucketOf(event.observedAt())), k -> new Tally()).add(event);
            }
        }
    }

    /** Adds what was counted to the database when the flush period has passed since the last time. */
    void flushIfDue() {
        if (System.nanoTime() - lastFlush >= flushPeriod.toNanos()) {
            flush();
        }
    }

    /**
     * Adds one result to the database at once (a check someone waits to see counted), without what was gathered
     * from the others; when the database refuses it, it is gathered with them instead (see {@link #flush()}).
     */
    void countNow(HealthEvent event) {
        Tally tally = new Tally();
        tally.add(event);
        Map<Key, Tally> one = new LinkedHashMap<>();
        one.put(new Key(event.monitorId(), bucketOf(event.observedAt())), tally);
        try {
            write(one);
        } catch (RuntimeException e) {
            putBackUnwritten(one, e);
        }
    }

    /**
     * Adds what was counted to the database in one bulk write. An {@code $inc} cannot be repeated safely, so on
     * failure only the counts the database says it refused (a {@link BulkOperationException}'s errors) wait for the
     * next time; after any other failure (a timeout, a lost connection) the database may have added them already, so
     * they are dropped with a warning rather than risk counting them twice.
     */
    void flush() {
        Map<Key, Tally> taken;
        synchronized (lock) {
            lastFlush = System.nanoTime();
            if (gathered.isEmpty()) {
                return;
            }
            taken = gathered;
            gathered = new LinkedHashMap<>();
        }
        try {
            write(taken);
        } catch (RuntimeException e) {
            putBackUnwritten(taken, e);
            throw e;
        }
    }

    /** After a failed {@link #write}: gathers again the counts the database refused, drops those it may have added. */
    private void putBackUnwritten(Map<Key, Tally> written, RuntimeException failure) {
        List<Key> keys = List.copyOf(written.keySet()); // the bulk's order: an error's index is a key's place here
        List<BulkWriteError> refused = failure instanceof BulkOperationException b ? b.getErrors()
                : failure instanceof MongoBulkWriteException m && m.getWriteConcernError() == null ? m.getWriteErrors() : null;
        Map<Key, Tally> again = new LinkedHashMap<>();
        if (refused != null) {
            refused.forEach(error -> again.put(keys.get(error.getIndex()), written.get(keys.get(error.getIndex()))));
        }
        synchronized (lock) {
            again.forEach((key, tally) -> gathered.merge(key, tally, ResultBuckets::merged));
        }
        if (refused == null) {
            log.warn("Dropped the five-minute counts of {} monitor periods: the database may or may not have added them ({}),"
                    + " and adding them again could count them twice", keys.size(), failure.toString());
        }
    }

    private void write(Map<Key, Tally> counts) {
        ensureIndexes();
        var bulk = mongo.bulkOps(BulkMode.UNORDERED, Bucket.class);
        counts.forEach((key, tally) -> {
            Update update = new Update().setOnInsert("monitorId", key.monitorId()).setOnInsert("start", key.start())
                    .inc("up", tally.up).inc("degraded", tally.degraded).inc("down", tally.down)
                    .inc("latencyCount", tally.latencyCount).inc("latencySum", tally.latencySum);
            if (tally.latencyMin != null) {
                update.min("latencyMin", tally.latencyMin).max("latencyMax", tally.latencyMax);
            }
            bulk.upsert(query(where("_id").is(key.monitorId() + "|" + key.start())), update);
        });
        bulk.execute();
    }

    private static Tally merged(Tally a, Tally b) {
        a.up += b.up;
        a.degraded += b.degraded;
        a.down += b.down;
        a.latencyCount += b.latencyCount;
        a.latencySum += b.latencySum;
        a.latencyMin = a.latencyMin == null ? b.latencyMin : b.latencyMin == null ? a.latencyMin : Math.min(a.latencyMin, b.latencyMin);
        a.latencyMax = a.latencyMax == null ? b.latencyMax : b.latencyMax == null ? a.latencyMax : Math.max(a.latencyMax, b.latencyMax);
        return a;
    }

    /** A monitor's buckets from the one {@code since} falls in, oldest first. */
    public List<Bucket> since(String monitorId, Instant since) {
        return mongo.find(query(where("monitorId").is(monitorId).and("start").gte(bucketOf(since)))
                .with(Sort.by(Sort.Direction.ASC, "start")), Bucket.class);
    }

    /** How many of a monitor's results since the bucket {@code since} falls in were UP, DEGRADED and DOWN, summed in the database. */
    public Uptime uptime(String monitorId, Instant since) {
        Aggregation sum = Aggregation.newAggregation(
                Aggregation.match(where("monitorId").is(monitorId).and("start").gte(bucketOf(since))),
                Aggregation.group("monitorId").sum("up").as("up").sum("degraded").as("degraded").sum("down").as("down"));
        Document total = mongo.aggregate(sum, Bucket.class, Document.class).getUniqueMappedResult();
        return total == null ? new Uptime(0, 0, 0) : new Uptime(number(total, "up"), number(total, "degraded"), number(total, "down"));
    }

    private static long number(Document document, String field) {
        Object value = document.get(field);
        return value instanceof Number n ? n.longValue() : 0;
    }

    /** Deletes the buckets older than {@link #KEPT}; answers how many. */
    long prune() {
        return mongo.remove(query(where("start").lt(clock.instant().minus(KEPT))), Bucket.class).getDeletedCount();
    }

    @Scheduled(initialDelay = 2, fixedDelay = 10, timeUnit = TimeUnit.MINUTES)
    void pruneRegularly() {
        try {
            prune();
        } catch (RuntimeException e) {
            log.warn("Could not delete the result buckets older than {}, trying again in 10 minutes: {}", KEPT, e.getMessage());
        }
    }

    private void ensureIndexes() {
        if (!indexed) {
            var indexes = mongo.indexOps(Bucket.class);
            indexes.createIndex(new Index().on("monitorId", Sort.Direction.ASC).on("start", Sort.Direction.ASC));
            indexes.createIndex(new Index().on("start", Sort.Direction.ASC));
            indexed = true;
        }
    }
}
