package io.contingo.incident.component;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

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
 * The incident engine's entry: applies health events to their components, and opens, grows or resolves the
 * site's incident when a component's status crosses into or out of an outage ({@link IncidentCoverage}); seeds the
 * catalog's components, and starts and ends their maintenance windows. A poll's events are handled as one unit of
 * work by {@link HealthEventBatches}.
 */
@Component
public class HandlingHealthEvents {

    private static final Logger log = LoggerFactory.getLogger(HandlingHealthEvents.class);
    private static final int ATTEMPTS = 5;

    private final MongoTemplate mongo;
    private final Catalog catalog;
    private final ThresholdSettings thresholds;
    private final OutboxSignal outbox;
    private final Clock clock;
    private final SteadyStates steady;
    private final ComponentStates states;
    private final IncidentCoverage coverage;
    private final HealthEventBatches batches;
    private final BackupReadings backups;

    HandlingHealthEvents(MongoTemplate mongo, Catalog catalog, Incidents incidents, ThresholdSettings thresholds,
            OutboxSignal outbox, Clock clock, SteadyStates steady, ComponentStates states, BackupReadings backups) {
        this.steady = steady;
        this.backups = backups;
        this.states = states;
        this.mongo = mongo;
        this.catalog = catalog;
        this.thresholds = thresholds;
        this.outbox = outbox;
        this.clock = clock;
        this.coverage = new IncidentCoverage(catalog, incidents);
        this.batches = new HealthEventBatches(catalog, coverage, thresholds, outbox, steady, states);
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

    /** Throws {@link MalformedHealthEvent} for a component the catalog does not know: its events are parked, not handled. */
    public void requireKnown(String componentId) {
        batches.placement(componentId);
    }

    /**
     * Applies health events of catalog components in the order given (for each component, the order of its
     * partition), and stores what they changed ({@link HealthEventBatches}). Throws {@link HealthEventFailure} with the
     * index of the first event to deliver again when one could not be handled: what the events before it changed is
     * stored by then.
     */
    public void handle(List<HealthEvent> events) {
        batches.handle(events);
        backups.record(events);
    }

    /** A maintenance window starts for the component: it shows under maintenance and pages no one. */
    public void startMaintenance(String componentId, String maintenanceId, Instant at) {
        catalog.component(componentId).ifPresent(placement -> changeStored(placement, at,
                state -> state.startMaintenance(maintenanceId, at)));
    }

    /** The window ends: the component's monitors decide its status again (and may open an incident at once). */
    public void endMaintenance(String componentId, String maintenanceId, Instant at) {
        catalog.component(componentId).ifPresent(placement -> changeStored(placement, at,
                state -> state.endMaintenance(maintenanceId, at, thresholds.quorum())));
    }

    /** A change decided on the stored state, written if nobody wrote it meanwhile, else decided again. */
    private void changeStored(Placement placement, Instant at, Function<ComponentState, Optional<ComponentState.Change>> change) {
        String componentId = placement.component().id();
        for (int attempt = 1; ; attempt++) {
            ComponentState state = states.load(placement, at);
            coverage.settle(state, placement, change.apply(state), at);
            boolean announced = !state.outbox().isEmpty();
            boolean written = states.write(state);
            steady.forget(componentId); // the consumer reads it again
            if (written) {
                if (announced) {
                    outbox.wake();
                }
                return;
            }
            if (attempt == ATTEMPTS) {
                throw new OptimisticLockingFailureException("Component " + componentId + " kept changing meanwhile");
            }
            log.debug("Component {} changed meanwhile, applying the change again", componentId);
        }
    }
}
