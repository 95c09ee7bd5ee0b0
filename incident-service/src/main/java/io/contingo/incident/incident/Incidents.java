package io.contingo.incident.incident;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.BasicQuery;
import org.springframework.data.mongodb.core.query.BasicUpdate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

import io.contingo.events.ComponentStatus;
import io.contingo.events.IncidentSnapshot;
import io.contingo.incident.catalog.Catalog.Placement;
import io.contingo.incident.outbox.OutboxDocuments;
import io.contingo.incident.outbox.OutboxSignal;

/**
 * Opens, grows and resolves incidents. Every method may be called again after a crash with the same
 * arguments and then changes nothing more: the engine replays a health event whose handling was cut short.
 */
@Component
public class Incidents {

    private static final Logger log = LoggerFactory.getLogger(Incidents.class);

    /** Attempts at a change of an incident that others keep changing meanwhile, before giving up. */
    private static final int CONFLICTS = 5;

    private final MongoTemplate mongo;
    private final OutboxSignal outbox;
    private final OutboxDocuments documents;

    private final IncidentSettings settings;

    Incidents(MongoTemplate mongo, OutboxSignal outbox, IncidentSettings settings) {
        this.mongo = mongo;
        this.outbox = outbox;
        this.settings = settings;
        this.documents = new OutboxDocuments(mongo, Incident.class);
    }

    /**
     * A component is out. In this order it: joins the open incident it already belongs to (it failed again
     * before that incident resolved); joins its site's current incident while that one still groups
     * failures; reopens the incident it recovered from within the reopen window; or opens a new incident.
     * Returns the incident's id.
     */
    public String componentOut(Placement placement, long siteComponentCount, ComponentStatus status, Instant at) {
        String siteId = placement.site().id();
        String componentId = placement.component().id();
        EngineTexts.Name componentName = new EngineTexts.Name(placement.component().name(), placement.component().names());
        EngineTexts.Name siteName = new EngineTexts.Name(placement.site().name(), placement.site().names());
        for (int attempt = 1; ; attempt++) {
            if (attempt > 2 * CONFLICTS) { // each conflict costs one attempt, a released claim one more
                throw new OptimisticLockingFailureException("The incidents of site " + siteId + " kept changing meanwhile");
            }
            Incident own = mongo.findOne(withoutOutbox(query(where("open").is(true).and("components.componentId").is(componentId))
                    .with(Sort.by(Sort.Direction.DESC, "createdAt"))), Incident.class);
            if (own != null) {
                if (join(own, componentId, componentName, status, at)) {
                    return own.id();
                }
                continue;
            }
            SiteOutage claim = mongo.findById(siteId, SiteOutage.class);
            if (claim != null) {
                Incident current = read(claim.incidentId());
                if (current == null) { // claimed, but the incident was never written (crash in between): write it now
                    if (!write(Incident.open(claim.incidentId(), siteId, siteName, (int) siteComponentCount,
                            componentId, componentName, status, at))) {
                        continue;
                    }
                    return claim.incidentId();
                }
                if (current.isOpen() && claim.groups(at)) {
                    if (join(current, componentId, componentName, status, at)) {
                        return current.id();
                    }
                    continue;
                }
                if (claim.reopens(current) && claim.groups(at)) {
                    // another consumer is reopening it (or stopped halfway): this failure reopens it too
                    if (reopen(current, componentId, componentName, status, at)) {
                        return current.id();
                    }
                    continue;
                }
                release(claim); // resolved, or past its grouping window: the next failure starts afresh
                continue;
            }
            Incident recent = mongo.findOne(withoutOutbox(query(where("open").is(false).and("components.componentId").is(componentId)
                    .and("resolvedAt").gte(at.minus(settings.reopenWindow())))
                    .with(Sort.by(Sort.Direction.DESC, "resolvedAt"))), Incident.class);
            String id = recent != null ? recent.id() : Incident.newId(siteId, at);
            try {
                mongo.insert(new SiteOutage(siteId, id, at.plus(settings.groupingWindow()), recent == null ? null : recent.resolvedAt()));
            } catch (DuplicateKeyException raced) {
                continue; // another consumer claimed the site first: join its incident
            }
            if (recent != null) {
                if (!reopen(recent, componentId, componentName, status, at)) {
                    continue; // changed meanwhile: the site's claim, now this component's, leads to it again
                }
                return id;
            }
            if (!write(Incident.open(id, siteId, siteName, (int) siteComponentCount, componentId,
                    componentName, status, at))) {
                continue;
            }
            return id;
        }
    }

    /** False when the incident was changed meanwhile (another consumer, an agent): nothing was written then. */
    private boolean join(Incident incident, String componentId, EngineTexts.Name componentName, ComponentStatus status, Instant at) {
        return !incident.componentOut(componentId, componentName, status, at) || save(incident);
    }

    private boolean reopen(Incident incident, String componentId, EngineTexts.Name componentName, ComponentStatus status, Instant at) {
        incident.reopen(componentId, componentName, status, at);
        return save(incident);
    }

    /**
     * Writes an incident read before, if nobody wrote it since (its version), and wakes the relay. Answers false
     * on such a conflict, for the caller to read it again and decide again: consumers of other partitions may
     * handle the same site's components at the same moment.
     */
    private boolean save(Incident incident) {
        if (!update(incident)) {
            return false;
        }
        outbox.wake();
        return true;
    }

    /**
     * Writes an incident read before, if it is still at the version read: its fields, and the events it recorded
     * since appended to the stored outbox (whose events the relay may have published and removed meanwhile).
     */
    private boolean update(Incident incident) {
        long version = incident.version();
        Query current = new BasicQuery(OutboxDocuments.versioned(incident.id(), version));
        BasicUpdate update = new BasicUpdate(appendingActivity(documents.update(incident, version, incident.recordedSinceStored()),
                incident.logged));
        if (mongo.updateFirst(current, update, mongo.getCollectionName(Incident.class)).getMatchedCount() != 1) {
            return false;
        }
        incident.stored(version + 1);
        return true;
    }

    /**
     * The timeline only grows: a write appends the lines added since the incident was read, rather than setting the
     * whole list, so that a line added meanwhile without a new version ({@link #logOnce}) stays.
     */
    @SuppressWarnings("unchecked")
    private static org.bson.Document appendingActivity(org.bson.Document update, int logged) {
        org.bson.Document set = (org.bson.Document) update.get("$set");
        Object lines = set.remove("activity");
        if (update.get("$unset") instanceof org.bson.Document unset) {
            unset.remove("activity");
            if (unset.isEmpty()) {
                update.remove("$unset");
            }
        }
        if (logged > 0 && lines instanceof List<?> all) {
            org.bson.Document push = (org.bson.Document) update.computeIfAbsent("$push", k -> new org.bson.Document());
            push.append("activity", new org.bson.Document("$each", all.subList(all.size() - logged, all.size())));
        }
        return update;
    }

    /**
     * Adds a line to an incident's timeline that comes from outside it (a page), once: a line with the same
     * {@link Activity#ref} already there is not added again, however often this is called (a restart, two
     * instances). The incident's version does not change, so no agent's form goes stale for it. False when the
     * line was there already or there is no such incident.
     */
    public boolean logOnce(String incidentId, Activity line) {
        if (line.ref() == null) {
            throw new IllegalArgumentException("A line logged once needs its ref");
        }
        org.bson.Document entry = new org.bson.Document();
        mongo.getConverter().write(line, entry);
        entry.remove("_class");
        return mongo.getCollection(mongo.getCollectionName(Incident.class)).updateOne(
                new org.bson.Document("_id", incidentId).append("activity.ref", new org.bson.Document("$ne", line.ref())),
                new org.bson.Document("$push", new org.bson.Document("activity", entry))).getModifiedCount() == 1;
    }

    private boolean write(Incident incident) {
        try {
            mongo.insert(incident);
        } catch (DuplicateKeyException raced) {
            return false;
        }
        incident.stored(incident.version());
        outbox.wake();
        return true;
    }

    /** An incident as the engine reads it: without its outbox, which a write only appends to. */
    private Incident read(String id) {
        return mongo.findOne(withoutOutbox(query(where("_id").is(id))), Incident.class);
    }

    private static Query withoutOutbox(Query query) {
        query.fields().exclude("outbox");
        return query;
    }

    /** A component covered by {@code incidentId} has recovered; once none is out the incident is monitoring. */
    public void componentRecovered(String incidentId, String componentId, Instant at) {
        for (int attempt = 1; ; attempt++) {
            Incident incident = read(incidentId);
            if (incident == null || !incident.componentRecovered(componentId, at) || save(incident)) {
                return;
            }
            if (attempt == CONFLICTS) {
                throw new OptimisticLockingFailureException("Incident " + incidentId + " kept changing meanwhile");
            }
        }
    }

    /**
     * Resolves the incidents that stayed quiet through their monitoring period. Safe on several instances at
     * once: a concurrent change makes this instance skip the incident until the next pass.
     */
    public int resolveQuiet(Instant now) {
        int resolved = 0;
        for (Incident incident : mongo.find(withoutOutbox(query(where("open").is(true)
                .and("monitoringSince").lte(now.minus(settings.monitoringPeriod())))), Incident.class)) {
            if (incident.resolveIfQuiet(now, settings.monitoringPeriod())) {
                if (!update(incident)) {
                    continue; // changed meanwhile: decided again on the next pass
                }
                release(incident);
                outbox.wake();
                resolved++;
            }
        }
        return resolved;
    }

    /** A fresh incident id for a site: readable in URLs and reports. */
    public static String newId(String siteId, Instant at) {
        return Incident.newId(siteId, at);
    }

    /** Stores an incident an agent declared by hand. */
    public void declare(Incident incident) {
        mongo.insert(incident);
        outbox.wake();
    }

    private void release(SiteOutage claim) {
        mongo.remove(query(where("_id").is(claim.siteId()).and("incidentId").is(claim.incidentId())), SiteOutage.class);
    }

    /**
     * Releases the site's claim on an incident just resolved, unless the claim is already one for reopening it
     * (a component failed again between the resolution and this release).
     */
    private void release(Incident resolved) {
        IncidentSnapshot snapshot = resolved.snapshot();
        if (snapshot.siteId() != null) {
            mongo.remove(query(where("_id").is(snapshot.siteId()).and("incidentId").is(resolved.id())
                    .and("reopens").ne(resolved.resolvedAt())), SiteOutage.class);
        }
    }

    /**
     * Saves an agent's change to an incident read at {@code expectedVersion}; throws
     * {@link org.springframework.dao.OptimisticLockingFailureException} when someone changed it meanwhile.
     */
    public void saveAgentChange(Incident incident, long expectedVersion) {
        if (incident.version() == null || incident.version() != expectedVersion || !update(incident)) {
            throw new OptimisticLockingFailureException("Incident " + incident.id() + " changed meanwhile");
        }
        if (!incident.isOpen()) {
            release(incident);
        }
        outbox.wake();
    }

    /**
     * Adds an internal note to an incident's timeline (what the disaster recovery decided and did), read again and
     * retried when someone changed the incident meanwhile. Nothing when there is no such incident.
     */
    public void note(String incidentId, String author, String text, Instant at) {
        for (int attempt = 0; attempt < 10; attempt++) {
            Optional<Incident> found = find(incidentId);
            if (found.isEmpty()) {
                return;
            }
            Incident incident = found.get();
            long version = incident.version();
            incident.addNote(author, text, at);
            try {
                saveAgentChange(incident, version);
                return;
            } catch (OptimisticLockingFailureException changed) {
                // the engine or an agent changed it: read it again
            }
        }
        log.warn("Could not add a note to incident {}: it kept changing", incidentId);
    }

    public Optional<Incident> find(String id) {
        return Optional.ofNullable(mongo.findById(id, Incident.class));
    }

    /** Unresolved incidents, newest first. */
    public List<Incident> unresolved() {
        return mongo.find(query(where("open").is(true)).with(Sort.by(Sort.Direction.DESC, "createdAt")), Incident.class);
    }

    /** Incidents opened in [from, to), newest first: a month of history. */
    public List<Incident> openedBetween(Instant from, Instant to) {
        return mongo.find(query(where("createdAt").gte(from).lt(to)).with(Sort.by(Sort.Direction.DESC, "createdAt")), Incident.class);
    }

    /** The most recent incidents, resolved or not, newest first. */
    public List<Incident> recent(int limit) {
        return mongo.find(new Query().with(Sort.by(Sort.Direction.DESC, "createdAt")).limit(limit), Incident.class);
    }
}
