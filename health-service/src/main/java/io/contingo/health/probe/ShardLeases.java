package io.contingo.health.probe;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.bson.Document;
import org.bson.conversions.Bson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.SmartLifecycle;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

import com.mongodb.MongoException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;

import io.contingo.health.monitor.ProbeSettings;

/**
 * Shares a location's monitors between the health-service instances there. A monitor belongs to one of
 * {@code contingo.probe.shards} shards (by its id's hash); an instance checks the monitors of the shards whose
 * lease it holds, in {@code probe_leases}. Each instance, every {@code lease-renewal}:
 * <ol>
 * <li>says it is alive in {@code probe_instances} and counts the live instances of its location;</li>
 * <li>renews its leases (each lasts {@code lease-ttl});</li>
 * <li>takes free or lapsed leases up to its fair share (shards / live instances, rounded up), or gives back
 * those above it, so that a new instance gets work within two renewals.</li>
 * </ol>
 * A lease is taken with one conditional update (free or lapsed → mine), so no two instances hold it at once.
 * An instance that stops gives its leases back at once; one that dies loses them when they lapse. When MongoDB
 * cannot be reached, an instance keeps checking the shards it had: a monitor checked twice is better than one
 * not checked at all, and incident-service takes duplicate results in its stride.
 */
@Component
public class ShardLeases implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ShardLeases.class);

    private final MongoTemplate mongo;
    private final String location;
    private final int shards;
    private final long ttlMillis;
    private final long renewalMillis;
    private final String instanceId;
    private final Clock clock;
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
    private volatile Set<Integer> owned = Set.of();
    private boolean unreachable;
    private ScheduledExecutorService renewer;

    @Autowired
    ShardLeases(MongoTemplate mongo, ProbeSettings probe) {
        this(mongo, probe, Clock.systemUTC());
    }

    ShardLeases(MongoTemplate mongo, ProbeSettings probe, Clock clock) {
        this.mongo = mongo;
        this.location = probe.location();
        this.shards = probe.shards();
        this.ttlMillis = probe.leaseTtl().toMillis();
        this.renewalMillis = probe.leaseRenewal().toMillis();
        this.instanceId = probe.id() + "-" + UUID.randomUUID().toString().substring(0, 8);
        this.clock = clock;
    }

    /** The shard a monitor belongs to: the same on every instance (String.hashCode is specified). */
    public int shardOf(String monitorId) {
        return Math.floorMod(monitorId.hashCode(), shards);
    }

    /** Whether this instance checks the monitor now. */
    public boolean owns(String monitorId) {
        return owned.contains(shardOf(monitorId));
    }

    /** The shards this instance holds. */
    public Set<Integer> owned() {
        return owned;
    }

    /** This instance, as the lease documents name it. */
    public String instanceId() {
        return instanceId;
    }

    /** Runs after every change of the shards held. */
    public void onChange(Runnable listener) {
        listeners.add(listener);
    }

    @Override
    public synchronized void start() {
        prepare();
        renewer = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("probe-leases").daemon().factory());
        renew();
        renewer.scheduleWithFixedDelay(this::renew, renewalMillis, renewalMillis, TimeUnit.MILLISECONDS);
    }

    /** Makes the location's lease documents, free, unless they exist. */
    void prepare() {
        List<UpdateOneModel<Document>> upserts = new ArrayList<>(shards);
        for (int shard = 0; shard < shards; shard++) {
            upserts.add(new UpdateOneModel<>(Filters.eq("_id", leaseId(shard)),
                    Updates.combine(Updates.setOnInsert("location", location), Updates.setOnInsert("shard", shard),
                            Updates.setOnInsert("owner", null), Updates.setOnInsert("expiresAt", new Date(0))),
                    new UpdateOptions().upsert(true)));
        }
        try {
            leases().bulkWrite(upserts, new BulkWriteOptions().ordered(false));
        } catch (MongoException e) { // a MongoBulkWriteException is one too
            log.warn("Could not prepare the shard leases of location {}: {}", location, e.getMessage());
        }
    }

    /** One round: alive, renew, then take or give back shards. Never throws. */
    synchronized void renew() {
        try {
            Set<Integer> held = round(clock.instant());
            if (unreachable) {
                log.info("Shard leases of location {} reachable again; this instance holds {} of {}", location, held.size(), shards);
                unreachable = false;
            }
            change(held);
        } catch (MongoException | IllegalStateException e) {
            if (!unreachable) {
                log.warn("Could not renew the shard leases ({}); checking the {} shards held until it can", e.getMessage(), owned.size());
                unreachable = true;
            }
        }
    }

    private Set<Integer> round(Instant now) {
        Date expires = Date.from(now.plusMillis(ttlMillis));
        instances().updateOne(Filters.eq("_id", instanceId),
                Updates.combine(Updates.set("location", location), Updates.set("seenAt", Date.from(now))),
                new UpdateOptions().upsert(true));
        long live = Math.max(1, instances().countDocuments(Filters.and(Filters.eq("location", location),
                Filters.gt("seenAt", Date.from(now.minusMillis(ttlMillis))))));
        int fair = (int) ((shards + live - 1) / live);

        Bson mine = Filters.and(Filters.eq("location", location), Filters.eq("owner", instanceId));
        leases().updateMany(mine, Updates.set("expiresAt", expires));
        Set<Integer> held = new HashSet<>();
        leases().find(mine).forEach(lease -> held.add(lease.getInteger("shard")));

        if (held.size() < fair) {
            Bson free = Filters.or(Filters.eq("owner", null), Filters.lt("expiresAt", Date.from(now)));
            List<Document> candidates = new ArrayList<>();
            leases().find(Filters.and(Filters.eq("location", location), free)).forEach(candidates::add);
            Collections.shuffle(candidates); // two newcomers seldom race for the same shard
            for (Document candidate : candidates) {
                if (held.size() >= fair) {
                    break;
                }
                Document taken = leases().findOneAndUpdate(Filters.and(Filters.eq("_id", candidate.get("_id")), free),
                        Updates.combine(Updates.set("owner", instanceId), Updates.set("expiresAt", expires)));
                if (taken != null) {
                    held.add(taken.getInteger("shard"));
                }
            }
        } else if (held.size() > fair) {
            List<Integer> extra = new ArrayList<>(held).subList(0, held.size() - fair);
            for (int shard : List.copyOf(extra)) {
                leases().updateOne(Filters.and(Filters.eq("_id", leaseId(shard)), Filters.eq("owner", instanceId)),
                        Updates.combine(Updates.set("owner", null), Updates.set("expiresAt", new Date(0))));
                held.remove(shard);
            }
        }
        return Set.copyOf(held);
    }

    private void change(Set<Integer> held) {
        if (!held.equals(owned)) {
            log.info("This instance ({}) now checks {} of the {} shards of location {}", instanceId, held.size(), shards, location);
            owned = held;
            listeners.forEach(Runnable::run);
        }
    }

    /** Gives every lease back and leaves, so that the other instances take over at their next renewal. */
    @Override
    public synchronized void stop() {
        if (renewer == null) {
            return;
        }
        renewer.shutdownNow();
        renewer = null;
        try {
            leases().updateMany(Filters.and(Filters.eq("location", location), Filters.eq("owner", instanceId)),
                    Updates.combine(Updates.set("owner", null), Updates.set("expiresAt", new Date(0))));
            instances().deleteOne(Filters.eq("_id", instanceId));
        } catch (MongoException e) {
            log.warn("Could not give the shard leases back ({}); they lapse in {} ms", e.getMessage(), ttlMillis);
        }
        owned = Set.of();
    }

    @Override
    public synchronized boolean isRunning() {
        return renewer != null;
    }

    /** Starts before the scheduler and stops after it. */
    @Override
    public int getPhase() {
        return DEFAULT_PHASE - 1;
    }

    private String leaseId(int shard) {
        return location + "/" + shard;
    }

    private MongoCollection<Document> leases() {
        return mongo.getCollection("probe_leases");
    }

    private MongoCollection<Document> instances() {
        return mongo.getCollection("probe_instances");
    }
}
