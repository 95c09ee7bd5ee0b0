package io.contingo.incident.component;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.OptimisticLockingFailureException;

import io.contingo.events.HealthEvent;
import io.contingo.incident.catalog.Catalog;
import io.contingo.incident.catalog.Catalog.Placement;
import io.contingo.incident.outbox.OutboxSignal;

/**
 * The unit of work of a poll of health events: applies them to their components' states, remembered between polls
 * ({@link SteadyStates}, a write-behind cache: a quiet result is not written), writes a state that does incident
 * work right after the incident and the others together at the end, and applies again on what is stored the events
 * of a component someone else wrote meanwhile.
 *
 * <p>Crash safety without transactions: the incident is written first (idempotently), the component state
 * with its pending status event right after it, in one document write. A crash in between leaves the component
 * state untouched, so the redelivered event takes the same path again and finds the incident work already done.
 * Other changes of state (a monitor's confirmed status that moves no incident, a status event without
 * incident) are written together when the events of a poll have been applied, before their offsets are
 * committed: a crash before that delivers them all again, and they are decided again the same way.
 */
final class HealthEventBatches {

    private static final Logger log = LoggerFactory.getLogger(HealthEventBatches.class);
    private static final int ATTEMPTS = 5;

    private final Catalog catalog;
    private final IncidentCoverage coverage;
    private final ThresholdSettings thresholds;
    private final OutboxSignal outbox;
    private final SteadyStates steady;
    private final ComponentStates states;

    HealthEventBatches(Catalog catalog, IncidentCoverage coverage, ThresholdSettings thresholds, OutboxSignal outbox,
            SteadyStates steady, ComponentStates states) {
        this.catalog = catalog;
        this.coverage = coverage;
        this.thresholds = thresholds;
        this.outbox = outbox;
        this.steady = steady;
        this.states = states;
    }

    /**
     * Applies health events of catalog components in the order given (for each component, the order of its
     * partition), and stores what they changed: a state that opens, grows or resolves an incident is written
     * right after the incident, each other changed state once, in one round trip with the others, when all the
     * events have been applied. Throws {@link HealthEventFailure} with the index of the first event to deliver
     * again when one could not be handled: what the events before it changed is stored by then.
     */
    void handle(List<HealthEvent> events) {
        if (events.isEmpty()) {
            return; // a poll of parked records only
        }
        Batch batch = new Batch(events);
        try {
            recall(batch);
        } catch (RuntimeException e) {
            throw new HealthEventFailure(0, e);
        }
        for (batch.position = 0; batch.position < events.size(); batch.position++) {
            HealthEvent event = events.get(batch.position);
            batch.beforeEvent = null;
            try {
                apply(event, batch);
            } catch (RuntimeException e) {
                throw failed(batch, event.componentId(), e);
            }
        }
        try {
            flush(batch);
        } catch (RuntimeException e) {
            throw new HealthEventFailure(0, e); // those stored by then are recognised when delivered again
        }
    }

    /**
     * The event at the batch's position failed, perhaps halfway through changing its component's state. The
     * component goes back to its state before that event (unwritten changes of earlier events, and the quiet
     * results of earlier polls, included), the changes of the batch's other components are stored, and only the
     * failing event and those after it are to be delivered again. Where that cannot be (storing fails too, the
     * database being unreachable), the component is read again and its first event of the batch delivered again,
     * or the whole batch.
     */
    private HealthEventFailure failed(Batch batch, String componentId, RuntimeException failure) {
        int failing = batch.position;
        // a copy taken for this very event (not for an earlier one applied again after a write conflict)
        ComponentState before = batch.beforeEvent == batch.events.get(failing) ? batch.before : null;
        batch.dirty.remove(componentId);
        steady.forget(componentId);
        if (before != null) {
            steady.remember(before);
            if (batch.beforeUnwritten && before.version() != null) {
                batch.dirty.put(componentId, before);
            }
            try {
                flush(batch);
                return new HealthEventFailure(failing, failure);
            } catch (RuntimeException again) {
                failure.addSuppressed(again);
                return new HealthEventFailure(0, failure); // flush forgot what it could not write
            }
        }
        try {
            flush(batch);
            return new HealthEventFailure(batch.firstOf(componentId), failure);
        } catch (RuntimeException again) {
            failure.addSuppressed(again);
            return new HealthEventFailure(0, failure);
        }
    }

    /**
     * Compares the batch's components as remembered with the stored ones (their versions, in one query), and
     * reads again, in one more, those not remembered or written by someone else since.
     */
    private void recall(Batch batch) {
        Map<String, HealthEvent> components = new LinkedHashMap<>();
        batch.events.forEach(e -> components.putIfAbsent(e.componentId(), e));
        Map<String, Long> stored = states.storedVersions(components.keySet());
        Map<String, HealthEvent> unknown = new LinkedHashMap<>();
        components.forEach((id, event) -> {
            ComponentState known = steady.remembered(id);
            if (known == null || !Objects.equals(known.version(), stored.get(id))) {
                unknown.put(id, event);
            }
        });
        if (unknown.isEmpty()) {
            return;
        }
        for (ComponentState state : states.find(unknown.keySet())) {
            steady.remember(state);
            unknown.remove(state.componentId());
        }
        unknown.values().forEach(e -> steady.remember(ComponentStates.operational(placement(e.componentId()), e.observedAt())));
    }

    private void apply(HealthEvent event, Batch batch) {
        String componentId = event.componentId();
        ComponentState state = steady.remembered(componentId);
        ComponentState unwritten = batch.dirty.get(componentId);
        if (unwritten != null && unwritten != state) {
            // changed by an earlier event of this poll and not written yet, then forgotten: someone else wrote it
            // meanwhile (an agent's maintenance window). Its events of this poll are applied again on what is
            // stored, before any of them decides incident work on a copy that is out of date.
            resync(componentId, batch);
            return;
        }
        if (state == null) { // forgotten after a conflict in this batch, or written by someone else meanwhile
            state = reread(componentId, event.observedAt());
        }
        if (state.applyIfQuiet(event, thresholds) != ComponentState.Step.DECIDE) {
            return; // stale (delivered twice, or late), or quiet: nothing to store, nothing to decide
        }
        batch.before = state.copy(); // what the component goes back to if this event fails halfway
        batch.beforeEvent = event;
        batch.beforeUnwritten = batch.dirty.containsKey(componentId); // the incident path below takes it out of dirty
        Optional<ComponentState.Change> change = state.apply(event, thresholds);
        boolean incidentWork = coverage.settle(state, placement(componentId), change, event.observedAt());
        if (incidentWork || state.version() == null) {
            batch.dirty.remove(componentId);
            write(state, batch); // the incident first, the state right after it
        } else {
            batch.dirty.put(componentId, state);
        }
    }

    private void write(ComponentState state, Batch batch) {
        boolean announced = !state.outbox().isEmpty();
        if (!states.write(state)) {
            resync(state.componentId(), batch);
            return;
        }
        steady.remember(state);
        if (announced) {
            outbox.wake();
        }
    }

    /** Writes the states changed without incident work; those someone else wrote meanwhile are decided again. */
    private void flush(Batch batch) {
        for (int round = 1; !batch.dirty.isEmpty(); round++) {
            List<ComponentState> changed = List.copyOf(batch.dirty.values());
            boolean announced = changed.stream().anyMatch(s -> !s.outbox().isEmpty());
            batch.dirty.clear();
            boolean written;
            try {
                written = states.writeAll(changed);
            } catch (RuntimeException e) {
                changed.forEach(s -> steady.forget(s.componentId())); // read again when delivered again
                throw e;
            }
            if (written) {
                changed.forEach(steady::remember);
                if (announced) {
                    outbox.wake();
                }
            } else if (round == ATTEMPTS) {
                changed.forEach(s -> steady.forget(s.componentId()));
                throw new OptimisticLockingFailureException("Component states kept changing meanwhile");
            } else {
                batch.position = batch.events.size() - 1;
                changed.forEach(s -> resync(s.componentId(), batch));
            }
        }
    }

    /**
     * Someone else wrote the component: reads it again and applies the batch's events of it so far once more
     * (those already stored are recognised as not new).
     */
    private void resync(String componentId, Batch batch) {
        if (++batch.resyncs > ATTEMPTS * Math.max(1, batch.events.size())) {
            throw new OptimisticLockingFailureException("Component " + componentId + " kept changing meanwhile");
        }
        log.debug("Component {} changed meanwhile, applying its events again", componentId);
        steady.forget(componentId);
        batch.dirty.remove(componentId);
        int position = batch.position;
        reread(componentId, batch.events.get(position).observedAt());
        for (int i = 0; i <= position; i++) {
            if (batch.events.get(i).componentId().equals(componentId)) {
                apply(batch.events.get(i), batch);
            }
        }
        batch.beforeEvent = null; // a copy from before one of those: not to go back to
    }

    private ComponentState reread(String componentId, Instant at) {
        ComponentState state = states.load(placement(componentId), at);
        steady.remember(state);
        return state;
    }

    Placement placement(String componentId) {
        return catalog.component(componentId).orElseThrow(() -> new MalformedHealthEvent(
                "Unknown component '" + componentId + "': add it to contingo.catalog or fix the monitor", null));
    }

    /** The events of one call, the changed states not written yet, and how far the call got. */
    private static final class Batch {

        final List<HealthEvent> events;
        final Map<String, ComponentState> dirty = new LinkedHashMap<>();
        /** The state of the component of the event being applied as it was before, once it needs more than memory. */
        ComponentState before;
        HealthEvent beforeEvent;
        /** Whether the component had changes not yet written when {@link #before} was taken. */
        boolean beforeUnwritten;
        int position;
        int resyncs;

        Batch(List<HealthEvent> events) {
            this.events = events;
        }

        int firstOf(String componentId) {
            for (int i = 0; i < events.size(); i++) {
                if (events.get(i).componentId().equals(componentId)) {
                    return i;
                }
            }
            return 0;
        }
    }
}
