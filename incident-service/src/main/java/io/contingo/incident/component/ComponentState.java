package io.contingo.incident.component;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Transient;
import org.springframework.data.annotation.Version;
import org.springframework.data.mongodb.core.mapping.Document;

import io.contingo.events.ComponentStatus;
import io.contingo.events.ComponentStatusChanged;
import io.contingo.events.HealthEvent;
import io.contingo.events.HealthStatus;
import io.contingo.incident.outbox.RecordingOutbox;

/**
 * A component's public status, derived from its monitors' confirmed results, with the incident that
 * covers its current outage and the {@link ComponentStatusChanged} events not yet published (outbox):
 * state and pending events are saved in one document write.
 */
@Document("component_states")
public class ComponentState extends RecordingOutbox<ComponentStatusChanged> {

    @Id
    private String componentId;
    @Version
    private Long version;
    /** Quiet results applied in memory since it was read or written ({@link SteadyStates}). */
    @Transient
    private boolean unstoredSteps;
    private String siteId;
    private String name;
    private ComponentStatus status = ComponentStatus.OPERATIONAL;
    private Instant createdAt;
    private Instant updatedAt;
    private String incidentId;
    private String maintenanceId;
    private List<MonitorTrack> tracks = new ArrayList<>();
    /** When {@link #spans} starts: null for a state stored before spans were kept, until its next change. */
    private Instant statusSince;
    /** The stretches out of operational status since {@link #statusSince} ({@link StatusHistory}). */
    private List<StatusHistory.Span> spans = new ArrayList<>();

    ComponentState() {
    }

    static ComponentState operational(String componentId, String siteId, String name, Instant at) {
        ComponentState state = new ComponentState();
        state.componentId = componentId;
        state.siteId = siteId;
        state.name = name;
        state.createdAt = at;
        state.updatedAt = at;
        state.statusSince = at;
        return state;
    }

    /** A change of public status caused by a health event. */
    record Change(ComponentStatus from, ComponentStatus to, Instant at) {
    }

    /** Whether the event is newer than the last one applied for its monitor and probe (else: a duplicate or late). */
    boolean isNew(HealthEvent event) {
        MonitorTrack track = track(event);
        return track == null || isNewFor(track, event);
    }

    private static boolean isNewFor(MonitorTrack track, HealthEvent event) {
        return track.lastObservedAt() == null || event.observedAt().isAfter(track.lastObservedAt());
    }

    /** What {@link #applyIfQuiet} did with an event. */
    enum Step {
        /** A duplicate, or older than what its monitor and probe already reported: nothing changed. */
        STALE,
        /** Applied to its track; no confirmed status moved, so the component's status cannot have. */
        QUIET,
        /** Not applied: it may change a status, to be {@link #apply applied} and decided. */
        DECIDE
    }

    /**
     * The common case in one look-up of the event's track (this runs for every health event): a stale event is
     * dropped, a quiet one ({@link #isQuiet}) applied to its track without deriving the component's status again.
     */
    Step applyIfQuiet(HealthEvent event, ThresholdSettings thresholds) {
        MonitorTrack track = track(event);
        if (track != null && !isNewFor(track, event)) {
            return Step.STALE;
        }
        if (track == null || hasPendingEvents() || !track.isQuiet(event.status(), event.observedAt(), thresholds)) {
            return Step.DECIDE;
        }
        track.apply(event.status(), event.observedAt(), event.detail(), thresholds);
        unstoredSteps = true;
        return Step.QUIET;
    }

    /** Whether quiet results were applied to this copy since it was read or written. */
    boolean hasUnstoredSteps() {
        return unstoredSteps;
    }

    /** The track of the event's monitor and probe, or null (a loop: this runs for every health event). */
    private MonitorTrack track(HealthEvent event) {
        for (int i = 0; i < tracks.size(); i++) {
            MonitorTrack track = tracks.get(i);
            if (track.isFor(event.monitorId(), event.probeId())) {
                return track;
            }
        }
        return null;
    }

    /**
     * Whether the event, for a monitor and probe already known, leaves every confirmed status as it is, with
     * nothing waiting to be published: it changes nothing that must be stored or decided.
     */
    boolean isQuiet(HealthEvent event, ThresholdSettings thresholds) {
        MonitorTrack track = hasPendingEvents() ? null : track(event);
        return track != null && track.isQuiet(event.status(), event.observedAt(), thresholds);
    }

    /**
     * Applies a health event to its monitor's track and derives the component's status again.
     * Returns the change of status, if any; a duplicate or late event changes nothing.
     */
    Optional<Change> apply(HealthEvent event, ThresholdSettings thresholds) {
        MonitorTrack track = track(event);
        if (track == null) {
            track = new MonitorTrack(event.monitorId(), event.probeId(),
                    event.attributes().getOrDefault(HealthEvent.LOCATION, event.probeId()));
            tracks.add(track);
        }
        if (!track.apply(event.status(), event.observedAt(), event.detail(), thresholds)) {
            return Optional.empty();
        }
        if (maintenanceId != null) {
            return Optional.empty(); // under maintenance: results are kept, the public status stays
        }
        return changeTo(derivedStatus(thresholds.quorum()), event.observedAt());
    }

    private Optional<Change> changeTo(ComponentStatus derived, Instant at) {
        if (derived == status) {
            return Optional.empty();
        }
        Change change = new Change(status, derived, at);
        status = derived;
        updatedAt = at;
        StatusHistory changed = history().changed(derived, at);
        statusSince = changed.since();
        spans = new ArrayList<>(changed.spans());
        return Optional.of(change);
    }

    /**
     * Each monitor's status is what a quorum of its probe locations agrees on (a location counts its worst
     * probe); then: all monitors down is a major outage, some a partial one, any degraded is degraded
     * performance.
     */
    ComponentStatus derivedStatus(Quorum quorum) {
        Map<String, Map<String, HealthStatus>> byMonitor = new LinkedHashMap<>();
        for (MonitorTrack track : tracks) {
            byMonitor.computeIfAbsent(track.monitorId(), m -> new LinkedHashMap<>())
                    .merge(track.location(), track.confirmed(), ComponentState::worst);
        }
        int down = 0;
        boolean degraded = false;
        for (Map<String, HealthStatus> locations : byMonitor.values()) {
            int needed = quorum.needed(locations.size());
            long failing = locations.values().stream().filter(s -> s == HealthStatus.DOWN).count();
            long troubled = locations.values().stream().filter(s -> s != HealthStatus.UP).count();
            if (failing >= needed) {
                down++;
            } else if (troubled >= needed) {
                degraded = true;
            }
        }
        if (down > 0) {
            return down == byMonitor.size() ? ComponentStatus.MAJOR_OUTAGE : ComponentStatus.PARTIAL_OUTAGE;
        }
        return degraded ? ComponentStatus.DEGRADED_PERFORMANCE : ComponentStatus.OPERATIONAL;
    }

    private static HealthStatus worst(HealthStatus a, HealthStatus b) {
        if (a == HealthStatus.DOWN || b == HealthStatus.DOWN) {
            return HealthStatus.DOWN;
        }
        return a == HealthStatus.DEGRADED || b == HealthStatus.DEGRADED ? HealthStatus.DEGRADED : HealthStatus.UP;
    }

    /** A maintenance window starts: the component is under maintenance whatever its monitors say. */
    Optional<Change> startMaintenance(String id, Instant at) {
        if (id.equals(maintenanceId)) {
            return Optional.empty();
        }
        maintenanceId = id;
        return changeTo(ComponentStatus.UNDER_MAINTENANCE, at);
    }

    /** The window ends (or is cancelled): the status is what the monitors say again. */
    Optional<Change> endMaintenance(String id, Instant at, Quorum quorum) {
        if (maintenanceId == null || !maintenanceId.equals(id)) {
            return Optional.empty();
        }
        maintenanceId = null;
        return changeTo(derivedStatus(quorum), at);
    }

    public String maintenanceId() {
        return maintenanceId;
    }

    /** Whether the component is out (partial or major outage): such a status is covered by an incident. */
    public boolean isOut() {
        return status == ComponentStatus.MAJOR_OUTAGE || status == ComponentStatus.PARTIAL_OUTAGE;
    }

    /** Queues the public announcement of a change, with the incident that covers it. */
    void announce(Change change, String coveringIncidentId) {
        record(sequence -> new ComponentStatusChanged(UUID.randomUUID().toString(), componentId, name, siteId, sequence,
                change.from(), change.to(), change.at(), coveringIncidentId));
    }

    void coveredBy(String id) {
        incidentId = id;
    }

    /** A copy to go back to when applying an event fails halfway: its tracks are copies too. */
    ComponentState copy() {
        ComponentState copy = operational(componentId, siteId, name, createdAt);
        copy.version = version;
        copy.status = status;
        copy.updatedAt = updatedAt;
        copy.incidentId = incidentId;
        copy.maintenanceId = maintenanceId;
        copy.statusSince = statusSince;
        copy.spans = new ArrayList<>(spans);
        tracks.forEach(t -> copy.tracks.add(t.copy()));
        copyOutboxTo(copy);
        copy.unstoredSteps = unstoredSteps;
        return copy;
    }

    /**
     * This copy now stands for what is stored at {@code storedVersion}: the events it announced are in the
     * database, where the outbox relay publishes and removes them, so the copy keeps none and a later write
     * adds only what is announced after it.
     */
    void handedOver(long storedVersion) {
        version = storedVersion;
        recordedHandedOver();
        unstoredSteps = false;
    }

    public String componentId() {
        return componentId;
    }

    /** Its stretches out of operational status, which the status page's uptime counts. */
    public StatusHistory history() {
        return new StatusHistory(statusSince, spans);
    }

    /** The stored version (optimistic locking), or null before the first write. */
    public Long version() {
        return version;
    }

    public String siteId() {
        return siteId;
    }

    public String name() {
        return name;
    }

    public ComponentStatus status() {
        return status;
    }

    /** When incident-service first knew the component. */
    public Instant createdAt() {
        return createdAt == null ? updatedAt : createdAt;
    }

    public Instant updatedAt() {
        return updatedAt;
    }

    public String incidentId() {
        return incidentId;
    }

    public List<MonitorTrack> tracks() {
        return List.copyOf(tracks);
    }

    @Override
    public Object outboxId() {
        return componentId;
    }
}
