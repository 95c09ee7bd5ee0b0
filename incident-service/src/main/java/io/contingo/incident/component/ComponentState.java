package io.contingo.incident.component;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.mongodb.core.mapping.Document;

import io.contingo.events.ComponentStatus;
import io.contingo.events.ComponentStatusChanged;
import io.contingo.events.HealthEvent;
import io.contingo.events.HealthStatus;

/**
 * A component's public status, derived from its monitors' confirmed results, with the incident that
 * covers its current outage and the {@link ComponentStatusChanged} events not yet published (outbox):
 * state and pending events are saved in one document write.
 */
@Document("component_states")
public class ComponentState {

    @Id
    private String componentId;
    @Version
    private Long version;
    private String siteId;
    private String name;
    private ComponentStatus status = ComponentStatus.OPERATIONAL;
    private Instant createdAt;
    private Instant updatedAt;
    private String incidentId;
    private long sequence;
    private List<MonitorTrack> tracks = new ArrayList<>();
    private List<ComponentStatusChanged> outbox = new ArrayList<>();
    private boolean pendingEvents;

    ComponentState() {
    }

    static ComponentState operational(String componentId, String siteId, String name, Instant at) {
        ComponentState state = new ComponentState();
        state.componentId = componentId;
        state.siteId = siteId;
        state.name = name;
        state.createdAt = at;
        state.updatedAt = at;
        return state;
    }

    /** A change of public status caused by a health event. */
    record Change(ComponentStatus from, ComponentStatus to, Instant at) {
    }

    /** Whether the event is newer than the last one applied for its monitor and probe (else: a duplicate or late). */
    boolean isNew(HealthEvent event) {
        return tracks.stream().filter(t -> t.isFor(event.monitorId(), event.probeId())).findFirst()
                .map(t -> t.lastObservedAt() == null || event.observedAt().isAfter(t.lastObservedAt()))
                .orElse(true);
    }

    /**
     * Applies a health event to its monitor's track and derives the component's status again.
     * Returns the change of status, if any; a duplicate or late event changes nothing.
     */
    Optional<Change> apply(HealthEvent event, ThresholdSettings thresholds) {
        MonitorTrack track = tracks.stream().filter(t -> t.isFor(event.monitorId(), event.probeId())).findFirst()
                .orElseGet(() -> {
                    MonitorTrack created = new MonitorTrack(event.monitorId(), event.probeId());
                    tracks.add(created);
                    return created;
                });
        if (!track.apply(event.status(), event.observedAt(), event.detail(), thresholds)) {
            return Optional.empty();
        }
        ComponentStatus derived = derivedStatus();
        if (derived == status) {
            return Optional.empty();
        }
        Change change = new Change(status, derived, event.observedAt());
        status = derived;
        updatedAt = event.observedAt();
        return Optional.of(change);
    }

    /** All monitors down: major outage; some: partial; any degraded: degraded performance. */
    private ComponentStatus derivedStatus() {
        long down = tracks.stream().filter(t -> t.confirmed() == HealthStatus.DOWN).count();
        if (down > 0) {
            return down == tracks.size() ? ComponentStatus.MAJOR_OUTAGE : ComponentStatus.PARTIAL_OUTAGE;
        }
        if (tracks.stream().anyMatch(t -> t.confirmed() == HealthStatus.DEGRADED)) {
            return ComponentStatus.DEGRADED_PERFORMANCE;
        }
        return ComponentStatus.OPERATIONAL;
    }

    /** Whether the component is out (partial or major outage): such a status is covered by an incident. */
    public boolean isOut() {
        return status == ComponentStatus.MAJOR_OUTAGE || status == ComponentStatus.PARTIAL_OUTAGE;
    }

    /** Queues the public announcement of a change, with the incident that covers it. */
    void announce(Change change, String coveringIncidentId) {
        sequence++;
        outbox.add(new ComponentStatusChanged(UUID.randomUUID().toString(), componentId, name, siteId, sequence,
                change.from(), change.to(), change.at(), coveringIncidentId));
        pendingEvents = true;
    }

    void coveredBy(String id) {
        incidentId = id;
    }

    /** Drops the events the relay has published. */
    public boolean published(List<String> eventIds) {
        boolean removed = outbox.removeIf(e -> eventIds.contains(e.eventId()));
        pendingEvents = !outbox.isEmpty();
        return removed;
    }

    public String componentId() {
        return componentId;
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

    public List<ComponentStatusChanged> outbox() {
        return List.copyOf(outbox);
    }
}
