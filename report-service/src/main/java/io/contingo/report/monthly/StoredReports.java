package io.contingo.report.monthly;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

import io.contingo.events.ReportPublished;

/**
 * The stored service reports. A report is claimed by inserting it (its id is unique, so of two instances or a
 * restarted one only one generates it); a claim left by an instance that died is taken over after {@link #LEASE}.
 * Only the claimant completes it, and a completed report is never written again.
 */
@Component
public class StoredReports {

    /** How long a claim holds without its report being completed. */
    static final Duration LEASE = Duration.ofMinutes(10);
    /** How long an instance holds the announcement of a report before another may send it. */
    static final Duration LEASE_ANNOUNCEMENT = Duration.ofMinutes(1);

    private final MongoTemplate mongo;

    StoredReports(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /** The reports, newest period first, without their documents. */
    public List<StoredReport> list() {
        Query all = query(where("_id").exists(true)).with(Sort.by(Sort.Direction.DESC, "from").and(Sort.by(Sort.Direction.DESC, "claimedAt")));
        all.fields().exclude("pdfs").exclude("figures");
        return mongo.find(all, StoredReport.class);
    }

    /** Whether {@code id} is stored and complete, without reading its documents. */
    boolean ready(String id) {
        return mongo.exists(query(where("_id").is(id).and("state").is(StoredReport.State.READY)), StoredReport.class);
    }

    public Optional<StoredReport> find(String id) {
        return Optional.ofNullable(mongo.findById(id, StoredReport.class));
    }

    /** Claims {@code id} for {@code instance}; empty when it exists and another's claim still holds, or it is done. */
    Optional<StoredReport> claim(String id, ReportPublished.Kind kind, Period period, Scope scope, String requestedBy,
            String instance, Instant now, int steps) {
        StoredReport report = new StoredReport(id, kind, period.from(), period.to(), period.zone().getId(), scope.toString(),
                requestedBy, StoredReport.State.GENERATING, instance, now, 0, steps, null, null, null, Map.of(), Map.of(), null, false);
        try {
            return Optional.of(mongo.insert(report));
        } catch (DuplicateKeyException exists) {
            StoredReport taken = mongo.findAndModify(
                    query(where("_id").is(id).and("state").ne(StoredReport.State.READY).and("claimedAt").lt(now.minus(LEASE))),
                    new Update().set("claimedBy", instance).set("claimedAt", now).set("state", StoredReport.State.GENERATING)
                            .set("step", 0).unset("error"),
                    FindAndModifyOptions.options().returnNew(true), StoredReport.class);
            return Optional.ofNullable(taken);
        }
    }

    /** Says how far the claimant got (the page of the report shows it). */
    void progress(String id, String instance, int step, String stepName) {
        mongo.updateFirst(query(where("_id").is(id).and("claimedBy").is(instance).and("state").is(StoredReport.State.GENERATING)),
                new Update().set("step", step).set("stepName", stepName), StoredReport.class);
    }

    /** Completes the claimant's report; false when the claim was lost meanwhile (another completes it). */
    boolean complete(String id, String instance, Instant at, String figures, Map<String, byte[]> pdfs, Map<String, String> sha256) {
        return mongo.updateFirst(query(where("_id").is(id).and("claimedBy").is(instance).and("state").is(StoredReport.State.GENERATING)),
                new Update().set("state", StoredReport.State.READY).set("generatedAt", at).set("figures", figures)
                        .set("pdfs", pdfs).set("sha256", sha256).unset("stepName"),
                StoredReport.class).getModifiedCount() == 1;
    }

    void fail(String id, String instance, String error) {
        mongo.updateFirst(query(where("_id").is(id).and("claimedBy").is(instance).and("state").is(StoredReport.State.GENERATING)),
                new Update().set("state", StoredReport.State.FAILED).set("error", error), StoredReport.class);
    }

    /** The ready reports of their month not yet announced. */
    List<StoredReport> unannounced() {
        Query q = query(where("state").is(StoredReport.State.READY).and("kind").is(ReportPublished.Kind.MONTHLY).and("announced").is(false));
        q.fields().exclude("pdfs").exclude("figures");
        return mongo.find(q, StoredReport.class);
    }

    /**
     * Takes the announcement of {@code id} for {@link #LEASE_ANNOUNCEMENT}: of two instances only one sends it, and if
     * the one that took it dies before it is marked sent, another sends it once the lease is over.
     */
    boolean claimAnnouncement(String id, Instant now) {
        return mongo.findAndModify(query(where("_id").is(id).and("announced").is(false)
                        .orOperator(where("announcingUntil").exists(false), where("announcingUntil").lt(now))),
                new Update().set("announcingUntil", now.plus(LEASE_ANNOUNCEMENT)), StoredReport.class) != null;
    }

    void announced(String id) {
        mongo.updateFirst(query(where("_id").is(id)), new Update().set("announced", true).unset("announcingUntil"), StoredReport.class);
    }

    void announcementFailed(String id) {
        mongo.updateFirst(query(where("_id").is(id)), new Update().unset("announcingUntil"), StoredReport.class);
    }
}
