package io.contingo.incident.drp;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.BasicQuery;
import org.springframework.data.mongodb.core.query.BasicUpdate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

import io.contingo.incident.outbox.OutboxDocuments;
import io.contingo.incident.outbox.OutboxSignal;

/**
 * The runs in {@code drp_runs}: written with a version check, their events appended to the stored outbox, the relay
 * woken after each write.
 */
@Component
class StoredRuns {

    private final MongoTemplate mongo;
    private final OutboxDocuments documents;
    private final OutboxSignal outbox;
    private final SitePairs pairs;

    StoredRuns(MongoTemplate mongo, OutboxSignal outbox, SitePairs pairs) {
        this.mongo = mongo;
        this.documents = new OutboxDocuments(mongo, DrpRun.class);
        this.outbox = outbox;
        this.pairs = pairs;
    }

    public Optional<DrpRun> find(String id) {
        return Optional.ofNullable(mongo.findById(id, DrpRun.class));
    }

    public DrpRun get(String id) {
        return find(id).orElseThrow(() -> new DrpRefusal.NotFound("No DRP run " + id));
    }

    /** Runs not finished, oldest first. */
    public List<DrpRun> open() {
        return mongo.find(query(where("open").is(true)).with(Sort.by("proposedAt")), DrpRun.class);
    }

    public List<DrpRun> recent(int limit) {
        return mongo.find(new Query().with(Sort.by(Sort.Direction.DESC, "proposedAt")).limit(limit), DrpRun.class);
    }

    public List<DrpRun> ofIncident(String incidentId) {
        return mongo.find(query(where("incidentId").is(incidentId)).with(Sort.by("proposedAt")), DrpRun.class);
    }

    void insert(DrpRun run) {
        try {
            mongo.insert(run);
        } catch (DuplicateKeyException e) {
            pairs.release(run.pairId(), run.id());
            throw new DrpRefusal.Conflict("A run with the id " + run.id() + " exists already: try again in a second.");
        }
        run.stored(0);
        outbox.wake();
    }

    /** Thrown by a change that finds nothing to do: nothing is written. */
    static final class NothingToDo extends RuntimeException {
        NothingToDo() {
            super(null, null, false, false);
        }
    }

    /** Applies {@code change} to the stored run and writes it; read again and re-applied when it changed meanwhile. */
    DrpRun change(String runId, Consumer<DrpRun> change, Consumer<DrpRun> afterwards) {
        for (int attempt = 0; attempt < 20; attempt++) {
            DrpRun run = get(runId);
            long version = run.version();
            try {
                change.accept(run);
            } catch (NothingToDo nothing) {
                return run;
            }
            Query current = new BasicQuery(OutboxDocuments.versioned(runId, version));
            BasicUpdate update = new BasicUpdate(documents.update(run, version, run.recordedSinceStored()));
            if (mongo.updateFirst(current, update, DrpRun.class).getMatchedCount() == 1) {
                run.stored(version + 1);
                outbox.wake();
                afterwards.accept(run);
                return run;
            }
        }
        throw new DrpRefusal.Conflict("The run " + runId + " kept changing: try again.");
    }
}
