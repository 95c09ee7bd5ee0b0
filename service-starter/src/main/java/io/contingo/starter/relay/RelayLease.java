package io.contingo.starter.relay;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;

import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoCommandException;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;

/**
 * Lets one replica of a service at a time run a relay whose order matters (an outbox): a document in
 * {@code relay_leases} names the holder and until when it holds. The holder renews it as it runs; another replica
 * takes it over once it has lapsed (the holder died) or at once when the holder stops and gives it back.
 * <p>
 * A replica never counts on the lease past half its term without renewing it, so a replica paused longer than that
 * (a long GC, a frozen VM) asks again rather than running on while another may have taken over.
 */
public final class RelayLease {

    private static final Logger log = LoggerFactory.getLogger(RelayLease.class);

    private final MongoCollection<Document> leases;
    private final String name;
    private final Duration term;
    private final Clock clock;
    private final String me = UUID.randomUUID().toString();
    /** While held: when half of the term has passed and it is renewed; null while not held. */
    private volatile Instant renewAt;

    public RelayLease(MongoCollection<Document> leases, String name, Duration term, Clock clock) {
        this.leases = leases;
        this.name = name;
        this.term = term;
        this.clock = clock;
    }

    /** Whether this replica holds the lease now: renewed when half of it has passed, taken when free or lapsed. */
    public boolean hold() {
        Instant now = clock.instant();
        Instant renew = renewAt;
        if (renew != null && now.isBefore(renew)) {
            return true;
        }
        Instant until = now.plus(term);
        try {
            leases.findOneAndUpdate(
                    Filters.and(Filters.eq("_id", name), Filters.or(Filters.eq("owner", me), Filters.lte("until", Date.from(now)))),
                    Updates.combine(Updates.set("owner", me), Updates.set("until", Date.from(until))),
                    new FindOneAndUpdateOptions().upsert(true));
        } catch (MongoWriteException | MongoCommandException e) {
            if (!isDuplicateKey(e)) {
                throw e;
            }
            if (renew != null) {
                log.info("{}: another replica holds the lease now", name);
            }
            renewAt = null;
            return false; // held by another replica: the upsert's insert met its document
        }
        if (renew == null) {
            log.info("{}: this replica holds the lease", name);
        }
        renewAt = now.plus(term.dividedBy(2));
        return true;
    }

    /** Gives the lease back (at a clean stop), so another replica takes over without waiting for it to lapse. */
    public void release() {
        if (renewAt == null) {
            return;
        }
        renewAt = null;
        leases.updateOne(Filters.and(Filters.eq("_id", name), Filters.eq("owner", me)),
                Updates.set("until", Date.from(clock.instant())));
    }

    private static boolean isDuplicateKey(RuntimeException e) {
        if (e instanceof MongoWriteException write) {
            return write.getError().getCategory() == ErrorCategory.DUPLICATE_KEY;
        }
        return ((MongoCommandException) e).getErrorCode() == 11000;
    }
}
