package io.contingo.incident.incident;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.mongodb.core.mapping.Document;

import io.contingo.events.ComponentStatus;
import io.contingo.events.IncidentEvent;
import io.contingo.events.IncidentSnapshot;
import io.contingo.events.IncidentSnapshot.Impact;
import io.contingo.events.IncidentSnapshot.Status;
import io.contingo.events.IncidentSnapshot.Window;

/**
 * An incident: the components it touches with their unavailability windows, its public timeline, and the
 * {@link IncidentEvent}s not yet published (outbox). Every change records a whole snapshot with the next
 * per-incident sequence number, in the same document write as the change itself.
 */
@Document("incidents")
public class Incident {

    private static final DateTimeFormatter ID_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmm").withZone(ZoneOffset.UTC);

    @Id
    private String id;
    @Version
    private Long version;
    private String name;
    private String siteId;
    private String siteName;
    private Status status;
    private Impact impact;
    private Instant createdAt;
    private Instant updatedAt;
    private Instant resolvedAt;
    private Instant acknowledgedAt;
    private String acknowledgedBy;
    private String rootCause;
    private List<IncidentSnapshot.CorrectiveAction> correctiveActions = new ArrayList<>();
    private boolean open;
    private int siteComponentCount;
    private List<Affected> components = new ArrayList<>();
    private List<IncidentSnapshot.Update> updates = new ArrayList<>();
    private long sequence;
    private List<IncidentEvent> outbox = new ArrayList<>();
    private boolean pendingEvents;

    /** A component the incident touches, with its worst status and its windows. */
    static final class Affected {
        private final String componentId;
        private final String name;
        private ComponentStatus status;
        private List<Window> windows = new ArrayList<>();

        Affected(String componentId, String name) {
            this.componentId = componentId;
            this.name = name;
        }

        boolean isOut() {
            return !windows.isEmpty() && windows.getLast().end() == null;
        }
    }

    Incident() {
    }

    /** A fresh id: readable in URLs and reports, unique enough to never collide in practice. */
    static String newId(String siteId, Instant at) {
        byte[] random = new byte[2];
        ThreadLocalRandom.current().nextBytes(random);
        return "inc-" + ID_TIME.format(at) + "-" + siteId + "-" + HexFormat.of().formatHex(random);
    }

    /** Opens an incident for a site outage, starting with one component. */
    public static Incident open(String id, String siteId, String siteName, int siteComponentCount,
            String componentId, String componentName, ComponentStatus componentStatus, Instant at) {
        Incident incident = new Incident();
        incident.id = id;
        incident.siteId = siteId;
        incident.siteName = siteName;
        incident.siteComponentCount = siteComponentCount;
        incident.name = siteName + " site outage";
        incident.status = Status.INVESTIGATING;
        incident.createdAt = at;
        incident.open = true;
        incident.affect(componentId, componentName, componentStatus, at);
        incident.post(Status.INVESTIGATING, "We are investigating an outage affecting " + componentName
                + ". We will post an update as soon as we know more.", at);
        incident.record(IncidentEvent.Type.OPENED, at);
        return incident;
    }

    /**
     * A component of the site is out: adds it (or opens a new window when it had recovered). Returns false
     * when it is already out in this incident, so that a repeated call changes nothing.
     */
    boolean componentOut(String componentId, String componentName, ComponentStatus componentStatus, Instant at) {
        Optional<Affected> known = find(componentId);
        if (known.isPresent() && known.get().isOut()) {
            return false;
        }
        affect(componentId, componentName, componentStatus, at);
        post(status, componentName + " is also affected. Our team is working on it.", at);
        record(IncidentEvent.Type.COMPONENTS_CHANGED, at);
        return true;
    }

    /**
     * A component has recovered: closes its window; when none is left out, the incident resolves. Returns
     * false when the component was not out in this incident, so that a repeated call changes nothing.
     */
    boolean componentRecovered(String componentId, Instant at) {
        Optional<Affected> known = find(componentId);
        if (known.isEmpty() || !known.get().isOut()) {
            return false;
        }
        Affected affected = known.get();
        Window window = affected.windows.removeLast();
        affected.windows.add(new Window(window.start(), at));
        if (components.stream().noneMatch(Affected::isOut)) {
            resolve(at);
        } else {
            post(status, affected.name + " has recovered. We are still working on "
                    + String.join(", ", components.stream().filter(Affected::isOut).map(a -> a.name).toList()) + ".", at);
            impact = impactNow();
            record(IncidentEvent.Type.COMPONENTS_CHANGED, at);
        }
        return true;
    }

    /** An agent takes the incident on; the first acknowledgement counts (MTTA), repeats change nothing. */
    public boolean acknowledge(String agent, Instant at) {
        if (acknowledgedAt != null) {
            return false;
        }
        acknowledgedAt = at;
        acknowledgedBy = agent;
        updatedAt = at;
        return true;
    }

    /**
     * An agent posts a public update (investigating, identified or monitoring, with the text customers will
     * read); subscribers are emailed.
     */
    public void postUpdate(Status updateStatus, String body, Instant at) {
        if (!open) {
            throw new IllegalStateException("Incident " + id + " is resolved: no more updates");
        }
        if (updateStatus == Status.RESOLVED) {
            throw new IllegalArgumentException("An update cannot resolve the incident");
        }
        status = updateStatus;
        post(updateStatus, body, at);
        record(IncidentEvent.Type.UPDATED, at);
    }

    /** Agents record what caused the incident: internal, for the technical report, never on the status page. */
    public void recordRootCause(String text, Instant at) {
        rootCause = text;
        updatedAt = at;
        record(IncidentEvent.Type.DETAILS_CHANGED, at);
    }

    /** Agents plan something that keeps the incident from happening again. */
    public void addCorrectiveAction(IncidentSnapshot.CorrectiveAction action, Instant at) {
        correctiveActions.add(action);
        updatedAt = at;
        record(IncidentEvent.Type.DETAILS_CHANGED, at);
    }

    private void resolve(Instant at) {
        status = Status.RESOLVED;
        resolvedAt = at;
        open = false;
        post(Status.RESOLVED, "All affected services are working normally again. The outage lasted "
                + describe(Duration.between(createdAt, at)) + ".", at);
        record(IncidentEvent.Type.RESOLVED, at);
    }

    private void affect(String componentId, String componentName, ComponentStatus componentStatus, Instant at) {
        Affected affected = find(componentId).orElseGet(() -> {
            Affected created = new Affected(componentId, componentName);
            components.add(created);
            return created;
        });
        affected.status = worse(affected.status, componentStatus);
        affected.windows.add(new Window(at, null));
        impact = impactNow();
    }

    /** Critical when the whole site is out, major when a component is in major outage, minor otherwise. */
    private Impact impactNow() {
        long out = components.stream().filter(Affected::isOut).count();
        if (out > 0 && out >= siteComponentCount && components.stream().filter(Affected::isOut)
                .allMatch(a -> a.status == ComponentStatus.MAJOR_OUTAGE)) {
            return Impact.CRITICAL;
        }
        boolean major = components.stream().anyMatch(a -> a.status == ComponentStatus.MAJOR_OUTAGE);
        Impact now = major ? Impact.MAJOR : Impact.MINOR;
        return impact == null || now.compareTo(impact) > 0 ? now : impact; // an incident's impact never shrinks
    }

    private static ComponentStatus worse(ComponentStatus a, ComponentStatus b) {
        if (a == null) {
            return b;
        }
        return a == ComponentStatus.MAJOR_OUTAGE || b == ComponentStatus.MAJOR_OUTAGE ? ComponentStatus.MAJOR_OUTAGE : b;
    }

    private void post(Status updateStatus, String body, Instant at) {
        updates.add(new IncidentSnapshot.Update(id + "-u" + (updates.size() + 1), updateStatus, body, at));
        updatedAt = at;
    }

    private void record(IncidentEvent.Type type, Instant at) {
        sequence++;
        outbox.add(new IncidentEvent(UUID.randomUUID().toString(), type, id, sequence, at, snapshot()));
        pendingEvents = true;
    }

    private Optional<Affected> find(String componentId) {
        return components.stream().filter(a -> a.componentId.equals(componentId)).findFirst();
    }

    static String describe(Duration duration) {
        long minutes = duration.toMinutes();
        long seconds = duration.toSecondsPart();
        if (minutes == 0) {
            return seconds + " s";
        }
        return minutes >= 60 ? duration.toHours() + " h " + duration.toMinutesPart() + " min" : minutes + " min " + seconds + " s";
    }

    /** The incident as customers and managers see it. */
    public IncidentSnapshot snapshot() {
        return new IncidentSnapshot(id, name, siteId, siteName, status, impact, createdAt, resolvedAt,
                components.stream().map(a -> new IncidentSnapshot.AffectedComponent(a.componentId, a.name, a.status, a.windows)).toList(),
                updates, rootCause, correctiveActions);
    }

    /** Drops the events the relay has published. */
    public boolean published(List<String> eventIds) {
        boolean removed = outbox.removeIf(e -> eventIds.contains(e.eventId()));
        pendingEvents = !outbox.isEmpty();
        return removed;
    }

    public String id() {
        return id;
    }

    public Long version() {
        return version;
    }

    public Instant acknowledgedAt() {
        return acknowledgedAt;
    }

    public String acknowledgedBy() {
        return acknowledgedBy;
    }

    /** Time to acknowledge, or null while nobody has. */
    public Duration timeToAcknowledge() {
        return acknowledgedAt == null ? null : Duration.between(createdAt, acknowledgedAt);
    }

    public boolean isOpen() {
        return open;
    }

    public Instant updatedAt() {
        return updatedAt;
    }

    public long sequence() {
        return sequence;
    }

    public List<IncidentEvent> outbox() {
        return List.copyOf(outbox);
    }
}
