package io.contingo.incident.incident;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

import io.contingo.events.ComponentStatus;
import io.contingo.incident.catalog.Catalog.Placement;
import io.contingo.incident.outbox.OutboxSignal;

/**
 * Opens, grows and resolves incidents. Every method may be called again after a crash with the same
 * arguments and then changes nothing more: the engine replays a health event whose handling was cut short.
 */
@Component
public class Incidents {

    private final MongoTemplate mongo;
    private final OutboxSignal outbox;

    Incidents(MongoTemplate mongo, OutboxSignal outbox) {
        this.mongo = mongo;
        this.outbox = outbox;
    }

    /**
     * A component is out: joins the site's open incident, or opens one. Returns the incident's id.
     */
    public String componentOut(Placement placement, long siteComponentCount, ComponentStatus status, Instant at) {
        String siteId = placement.site().id();
        while (true) {
            SiteOutage claim = mongo.findById(siteId, SiteOutage.class);
            if (claim == null) {
                claim = new SiteOutage(siteId, Incident.newId(siteId, at));
                try {
                    mongo.insert(claim);
                } catch (DuplicateKeyException raced) {
                    continue; // another consumer claimed the site first: join its incident
                }
            }
            Incident incident = mongo.findById(claim.incidentId(), Incident.class);
            if (incident == null) { // claimed, but the incident was never written (crash in between): write it now
                incident = Incident.open(claim.incidentId(), siteId, placement.site().name(), (int) siteComponentCount,
                        placement.component().id(), placement.component().name(), status, at);
                try {
                    mongo.insert(incident);
                } catch (DuplicateKeyException raced) {
                    continue;
                }
                outbox.wake();
                return incident.id();
            }
            if (!incident.isOpen()) { // the claim outlived its incident's resolution: release it and claim again
                release(claim);
                continue;
            }
            if (incident.componentOut(placement.component().id(), placement.component().name(), status, at)) {
                mongo.save(incident);
                outbox.wake();
            }
            return incident.id();
        }
    }

    /** A component covered by {@code incidentId} has recovered; the incident resolves when it was the last one out. */
    public void componentRecovered(String incidentId, String componentId, Instant at) {
        Incident incident = mongo.findById(incidentId, Incident.class);
        if (incident == null) {
            return;
        }
        if (incident.componentRecovered(componentId, at)) {
            mongo.save(incident);
            outbox.wake();
        }
        if (!incident.isOpen()) {
            release(new SiteOutage(incident.snapshot().siteId(), incidentId));
        }
    }

    private void release(SiteOutage claim) {
        mongo.remove(query(where("_id").is(claim.siteId()).and("incidentId").is(claim.incidentId())), SiteOutage.class);
    }

    /**
     * Saves an agent's change to an incident read at {@code expectedVersion}; throws
     * {@link org.springframework.dao.OptimisticLockingFailureException} when someone changed it meanwhile.
     */
    public void saveAgentChange(Incident incident, long expectedVersion) {
        if (incident.version() == null || incident.version() != expectedVersion) {
            throw new org.springframework.dao.OptimisticLockingFailureException("Incident " + incident.id() + " changed meanwhile");
        }
        mongo.save(incident);
        outbox.wake();
    }

    public Optional<Incident> find(String id) {
        return Optional.ofNullable(mongo.findById(id, Incident.class));
    }

    /** Unresolved incidents, newest first. */
    public List<Incident> unresolved() {
        return mongo.find(query(where("open").is(true)).with(Sort.by(Sort.Direction.DESC, "createdAt")), Incident.class);
    }

    /** The most recent incidents, resolved or not, newest first. */
    public List<Incident> recent(int limit) {
        return mongo.find(new Query().with(Sort.by(Sort.Direction.DESC, "createdAt")).limit(limit), Incident.class);
    }
}
