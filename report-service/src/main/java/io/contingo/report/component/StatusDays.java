package io.contingo.report.component;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;

import io.contingo.events.ComponentStatus;
import io.contingo.events.ComponentStatusChanged;
import io.contingo.starter.relay.RelayLease;

/**
 * Keeps each component's seconds in each status per local day ({@link StatusDay}) and its first and latest change
 * ({@link ComponentWatch}) as its changes arrive, so that a period's availability reads a few documents per component
 * and day instead of every change. A change newer than the latest closes the time since that one: it is added to the
 * days it covers, each day's document taking it once (its {@code applied} sequence), so a change delivered again adds
 * nothing. A change older than the latest (late, or delivered again after a newer one) rebuilds the component's days
 * from its history. When the days were never built, or for another time zone, they are rebuilt from the whole
 * history at start-up, before any change is consumed: by one instance, the one that holds the rebuild's lease
 * ({@link RelayLease}: an owner and an expiry in MongoDB, taken with one atomic upsert); the others wait for its result,
 * or take over when its lease lapses (it died).
 */
@Component
public class StatusDays implements SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(StatusDays.class);
    private static final String STATE = "component_status_days_state";
    /** How long the rebuild's lease holds unless its holder renews it (it does, every third of it, while it rebuilds). */
    static final Duration LEASE_TERM = Duration.ofSeconds(60);
    /** How often an instance waiting for another's rebuild looks again. */
    private static final Duration WAIT = Duration.ofMillis(500);

    private final MongoTemplate mongo;
    private final ZoneId zone;

    public StatusDays(MongoTemplate mongo, @Value("${contingo.reports.time-zone:Europe/Madrid}") ZoneId zone) {
        this.mongo = mongo;
        this.zone = zone;
        mongo.indexOps(StatusDay.class).createIndex(new Index().on("day", Sort.Direction.ASC));
        mongo.indexOps(StatusDay.class).createIndex(new Index().on("componentId", Sort.Direction.ASC));
        mongo.indexOps(StatusChangeRecord.class).createIndex(new Index().on("componentId", Sort.Direction.ASC).on("at", Sort.Direction.ASC));
    }

    /** Takes one change, already stored in the history. */
    public void record(ComponentStatusChanged change) {
        ComponentWatch watch = mongo.findById(change.componentId(), ComponentWatch.class);
        if (watch != null && watch.lastAt() != null && watch.lastSequence() >= change.sequence()) {
            if (watch.lastSequence() > change.sequence()) {
                rebuild(change.componentId());
            }
            return;
        }
        if (watch != null && watch.lastAt() != null && watch.lastStatus() != null) {
            add(change.componentId(), watch.lastStatus(), watch.lastAt(), change.at(), watch.lastSequence());
        }
        // last, so that a change taken again after a failure finds the same latest change and adds nothing twice
        mongo.upsert(query(where("_id").is(change.componentId())),
                new Update().min("firstAt", change.at()).setOnInsert("firstStatus", change.from()), ComponentWatch.class);
        mongo.updateFirst(query(where("_id").is(change.componentId())
                        .orOperator(where("lastSequence").exists(false), where("lastSequence").lt(change.sequence()))),
                new Update().set("lastAt", change.at()).set("lastStatus", change.to()).set("lastSequence", change.sequence())
                        .set("componentName", change.componentName()).set("siteId", change.siteId()),
                ComponentWatch.class);
    }

    /** Each component's days from {@code from} to {@code to} inclusive, by component id then day. */
    public Map<String, Map<LocalDate, StatusDay>> between(LocalDate from, LocalDate to) {
        Map<String, Map<LocalDate, StatusDay>> days = new HashMap<>();
        Document range = new Document("day", new Document("$gte", from.toString()).append("$lte", to.toString()));
        for (Document d : days().find(range).batchSize(10_000)) {
            StatusDay day = new StatusDay(d.getString("_id"), d.getString("componentId"), d.getString("day"),
                    seconds(d, "majorSeconds"), seconds(d, "partialSeconds"), seconds(d, "degradedSeconds"),
                    seconds(d, "maintenanceSeconds"), seconds(d, "applied"));
            days.computeIfAbsent(day.componentId(), id -> new HashMap<>()).put(LocalDate.parse(day.day()), day);
        }
        return days;
    }

    /** The pieces of [from, to) on each local day, in whole seconds (a piece shorter than a second counts nothing). */
    public static Map<LocalDate, Long> pieces(Instant from, Instant to, ZoneId zone) {
        Map<LocalDate, Long> pieces = new LinkedHashMap<>();
        LocalDate day = from.atZone(zone).toLocalDate();
        Instant start = day.atStartOfDay(zone).toInstant();
        while (start.isBefore(to)) {
            Instant next = day.plusDays(1).atStartOfDay(zone).toInstant();
            Instant a = from.isAfter(start) ? from : start;
            Instant b = to.isBefore(next) ? to : next;
            long seconds = Duration.between(a, b).toSeconds();
            if (seconds > 0) {
                pieces.put(day, seconds);
            }
            day = day.plusDays(1);
            start = next;
        }
        return pieces;
    }

    @Override
    public void afterSingletonsInstantiated() {
        buildIfMissing();
    }

    /**
     * Builds the days from the whole history when they were never built, or for another time zone, under the rebuild's
     * lease; while another instance holds it, waits for its result (or its lease to lapse). True when this one built them.
     */
    boolean buildIfMissing() {
        RelayLease lease = new RelayLease(mongo.getCollection(STATE), "days-rebuild", LEASE_TERM, Clock.systemUTC());
        boolean told = false;
        while (!built()) {
            if (lease.hold()) {
                try {
                    return !built() && buildUnder(lease);
                } finally {
                    lease.release();
                }
            }
            if (!told) {
                log.info("Another instance is building the components' status days ({}); waiting for it", zone);
                told = true;
            }
            try {
                Thread.sleep(WAIT); // start-up waits on purpose: no change may be consumed before the days exist
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for the components' status days", e);
            }
        }
        return false;
    }

    private boolean built() {
        Document state = mongo.getCollection(STATE).find(Filters.eq("_id", "days")).first();
        return state != null && zone.getId().equals(state.getString("zone"));
    }

    /** Rebuilds all the days, keeping the lease while it does. */
    private boolean buildUnder(RelayLease lease) {
        Thread keeper = Thread.ofVirtual().name("status-days-lease").start(() -> {
            while (true) {
                try {
                    Thread.sleep(LEASE_TERM.dividedBy(3));
                } catch (InterruptedException done) {
                    return;
                }
                try {
                    if (!lease.hold()) {
                        log.warn("Another instance took over rebuilding the status days");
                    }
                } catch (RuntimeException e) {
                    log.warn("Could not renew the lease on rebuilding the status days: {}", e.toString());
                }
            }
        });
        try {
            long started = System.nanoTime();
            int components = rebuildAll();
            mongo.getCollection(STATE).replaceOne(Filters.eq("_id", "days"),
                    new Document("_id", "days").append("zone", zone.getId()).append("builtAt", new Date()),
                    new ReplaceOptions().upsert(true));
            log.info("Built the components' status days ({}) from the history of {} components in {} ms", zone, components,
                    (System.nanoTime() - started) / 1_000_000);
            return true;
        } finally {
            keeper.interrupt();
        }
    }

    /** Adds [from, to) in {@code status}, closed by the change after {@code sequence}, to each day once. */
    private void add(String componentId, ComponentStatus status, Instant from, Instant to, long sequence) {
        String field = StatusDay.field(status);
        if (field == null) {
            return;
        }
        pieces(from, to, zone).forEach((day, seconds) -> {
            try {
                mongo.upsert(query(where("_id").is(componentId + "/" + day).and("applied").lt(sequence)),
                        new Update().inc(field, seconds).set("applied", sequence).setOnInsert("componentId", componentId)
                                .setOnInsert("day", day.toString()),
                        StatusDay.class);
            } catch (DuplicateKeyException alreadyAdded) {
                // this day already has it: the change was taken before
            }
        });
    }

    /** One change as the days need it. */
    private record Change(long sequence, long at, ComponentStatus from, ComponentStatus to) {
    }

    /** A component's changes, and the name and site its latest one gave. */
    private static final class History {
        final List<Change> changes = new ArrayList<>();
        String name;
        String siteId;

        History add(Document d) {
            Change change = new Change(((Number) d.get("sequence")).longValue(), d.getDate("at").getTime(),
                    d.getString("from") == null ? null : ComponentStatus.valueOf(d.getString("from")),
                    ComponentStatus.valueOf(d.getString("to")));
            if (changes.isEmpty() || change.sequence() >= changes.getLast().sequence()) {
                name = d.getString("componentName");
                siteId = d.getString("siteId");
            }
            changes.add(change);
            return this;
        }
    }

    private void rebuild(String componentId) {
        History history = new History();
        for (Document d : history().find(Filters.eq("componentId", componentId)).projection(FIELDS).batchSize(10_000)) {
            history.add(d);
        }
        if (history.changes.isEmpty()) {
            return;
        }
        List<Document> days = write(componentId, history);
        List<String> ids = days.stream().map(d -> d.getString("_id")).toList();
        days().deleteMany(Filters.and(Filters.eq("componentId", componentId), Filters.nin("_id", ids)));
    }

    private int rebuildAll() {
        Map<String, History> histories = new HashMap<>();
        for (Document d : history().find().projection(FIELDS).batchSize(10_000)) {
            histories.computeIfAbsent(d.getString("componentId"), id -> new History()).add(d);
        }
        days().deleteMany(new Document());
        histories.forEach(this::write);
        return histories.size();
    }

    /** Replaces the component's days and watch with what its whole history gives; returns the days written. */
    private List<Document> write(String componentId, History history) {
        List<Change> changes = history.changes;
        changes.sort(Comparator.comparingLong(Change::sequence).thenComparingLong(Change::at));
        Map<LocalDate, Document> days = new TreeMap<>();
        for (int i = 0; i + 1 < changes.size(); i++) {
            Change change = changes.get(i);
            String field = StatusDay.field(change.to());
            if (field == null) {
                continue;
            }
            pieces(Instant.ofEpochMilli(change.at()), Instant.ofEpochMilli(changes.get(i + 1).at()), zone).forEach((day, seconds) -> {
                Document d = days.computeIfAbsent(day, x -> new Document("_id", componentId + "/" + x).append("componentId", componentId)
                        .append("day", x.toString()));
                d.put(field, d.get(field, 0L) + seconds);
                d.put("applied", Math.max(d.get("applied", Long.MIN_VALUE), change.sequence()));
            });
        }
        List<Document> written = List.copyOf(days.values());
        if (!written.isEmpty()) {
            days().bulkWrite(written.stream().map(d -> new ReplaceOneModel<>(Filters.eq("_id", d.get("_id")), d,
                    new ReplaceOptions().upsert(true))).toList());
        }
        Change first = changes.getFirst();
        Change last = changes.getLast();
        long firstAt = changes.stream().mapToLong(Change::at).min().orElseThrow();
        mongo.save(new ComponentWatch(componentId, Instant.ofEpochMilli(firstAt), Instant.ofEpochMilli(last.at()), last.to(),
                last.sequence(), first.from(), history.name, history.siteId));
        return written;
    }

    private static final Document FIELDS = new Document("componentId", 1).append("componentName", 1).append("siteId", 1)
            .append("sequence", 1).append("from", 1).append("to", 1).append("at", 1);

    private static long seconds(Document d, String field) {
        Object value = d.get(field);
        return value == null ? 0 : ((Number) value).longValue();
    }

    private MongoCollection<Document> days() {
        return mongo.getCollection(mongo.getCollectionName(StatusDay.class));
    }

    private MongoCollection<Document> history() {
        return mongo.getCollection(mongo.getCollectionName(StatusChangeRecord.class));
    }
}
