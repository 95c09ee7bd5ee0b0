package io.contingo.incident.component;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

import io.contingo.events.HealthEvent;
import io.contingo.incident.catalog.Catalog;
import io.contingo.incident.catalog.Catalog.Placement;
import io.contingo.incident.incident.Incidents;
import io.contingo.incident.outbox.OutboxSignal;

/**
 * The incident engine's entry: applies one health event to its component, and opens, grows or resolves the
 * site's incident when the component's status crosses into or out of an outage.
 *
 * <p>Crash safety without transactions: the incident is written first (idempotently), the component state
 * with its pending status event last, in one document write. A crash in between leaves the component state
 * untouched, so the redelivered event takes the same path again and finds the incident work already done.
 */
@Component
public class HandlingHealthEvents {

    private static final Logger log = LoggerFactory.getLogger(HandlingHealthEvents.class);
    private static final int ATTEMPTS = 5;

    private final MongoTemplate mongo;
    private final Catalog catalog;
    private final Incidents incidents;
    private final ThresholdSettings thresholds;
    private final OutboxSignal outbox;
    private final Clock clock;
    private final SteadyStates steady;

    HandlingHealthEvents(MongoTemplate mongo, Catalog catalog, Incidents incidents, ThresholdSettings thresholds,
            OutboxSignal outbox, Clock clock, SteadyStates steady) {
        this.steady = steady;
        this.mongo = mongo;
        this.catalog = catalog;
        this.incidents = incidents;
        this.thresholds = thresholds;
        this.outbox = outbox;
        this.clock = clock;
    }

    /** Every catalog component starts operational. */
    @EventListener(ApplicationReadyEvent.class)
    void seedComponents() {
        for (Placement placement : catalog.components().all()) {
            if (mongo.findById(placement.component().id(), ComponentState.class) == null) {
                try {
                    mongo.insert(ComponentState.operational(placement.component().id(), placement.site().id(),
                            placement.component().name(), clock.instant()));
                } catch (DuplicateKeyException alreadyThere) {
                    // another instance seeded it
                }
            }
        }
    }

    public void handle(HealthEvent event) {
        Placement placement = catalog.component(event.componentId()).orElseThrow(() -> new MalformedHealthEvent(
                "Unknown component '" + event.componentId() + "': add it to contingo.catalog or fix the monitor", null));
        if (steady.absorbs(event, thresholds)) {
            return; // no confirmed status changes: nothing to store, nothing to decide
        }
        withRetries(event.componentId(), () -> {
            ComponentState state = load(placement, event.observedAt());
            if (!state.isNew(event)) {
                return; // delivered twice, or older than what this monitor already reported
            }
            settle(state, placement, state.apply(event, thresholds), event.observedAt());
        });
    }

    /** A maintenance window starts for the component: it shows under maintenance and pages no one. */
    public void startMaintenance(String componentId, String maintenanceId, Instant at) {
        catalog.component(componentId).ifPresent(placement -> withRetries(componentId, () -> {
            ComponentState state = load(placement, at);
            settle(state, placement, state.startMaintenance(maintenanceId, at), at);
        }));
    }

    /** The window ends: the component's monitors decide its status again (and may open an incident at once). */
    public void endMaintenance(String componentId, String maintenanceId, Instant at) {
        catalog.component(componentId).ifPresent(placement -> withRetries(componentId, () -> {
            ComponentState state = load(placement, at);
            settle(state, placement, state.endMaintenance(maintenanceId, at, thresholds.quorum()), at);
        }));
    }

    private void withRetries(String componentId, Runnable change) {
        for (int attempt = 1; ; attempt++) {
            try {
                change.run();
                return;
            } catch (OptimisticLockingFailureException concurrent) {
                steady.forget(componentId);
                if (attempt == ATTEMPTS) {
                    throw concurrent;
                }
                log.debug("Component {} changed meanwhile, applying the change again", componentId);
            }
        }
    }

    /**
     * The component as stored; or, when nobody has written it since this instance did, the copy this instance
     * remembers, which also holds the quiet results applied to it in memory (streaks on their way to a threshold).
     */
    private ComponentState load(Placement placement, Instant at) {
        ComponentState stored = mongo.findById(placement.component().id(), ComponentState.class);
        if (stored == null) {
            return ComponentState.operational(placement.component().id(), placement.site().id(), placement.component().name(), at);
        }
        return steady.recall(stored.componentId(), stored.version()).orElse(stored);
    }

    /** Opens, joins or leaves the site's incident as the new status demands, then saves the state with its event. */
    private void settle(ComponentState state, Placement placement, Optional<ComponentState.Change> change, Instant at) {
        if (state.isOut() && (state.incidentId() == null || change.isPresent())) { // out, or worse while out
            state.coveredBy(incidents.componentOut(placement, catalog.components().countOnSite(placement.site().id()),
                    state.status(), at));
        }
        String coveringIncident = state.incidentId();
        if (!state.isOut() && coveringIncident != null) {
            incidents.componentRecovered(coveringIncident, state.componentId(), at);
            state.coveredBy(null);
        }
        change.ifPresent(c -> state.announce(c, coveringIncident));
        save(state);
    }

    private void save(ComponentState state) {
        steady.forget(state.componentId());
        mongo.save(state);
        steady.remember(state);
        if (!state.outbox().isEmpty()) {
            outbox.wake();
        }
    }
}
