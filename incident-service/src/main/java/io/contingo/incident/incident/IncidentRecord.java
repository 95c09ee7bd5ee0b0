package io.contingo.incident.incident;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;

import io.contingo.events.ComponentStatus;
import io.contingo.events.IncidentEvent;
import io.contingo.events.IncidentSnapshot;
import io.contingo.events.IncidentSnapshot.Impact;
import io.contingo.events.IncidentSnapshot.Severity;
import io.contingo.events.IncidentSnapshot.Status;
import io.contingo.incident.incident.EngineTexts.Name;
import io.contingo.incident.incident.EngineTexts.Text;
import io.contingo.incident.outbox.RecordingOutbox;
/**
 * What an {@link Incident} holds, as stored in one MongoDB document, and the few things every change does with it:
 * note it on the timeline ({@link #log}), post a public update ({@link #post}), record the event with the whole
 * snapshot ({@link #record}), and follow the components out with the severity and impact ({@link #affect}). What
 * changes an incident, and when, is {@link Incident}'s.
 */
public abstract class IncidentRecord extends RecordingOutbox<IncidentEvent> {

    private static final DateTimeFormatter ID_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmm").withZone(ZoneOffset.UTC);

    @Id
    String id;
    @Version
    Long version;
    String name;
    /** The name in other languages, when the engine named the incident (language code → name). */
    Map<String, String> names;
    String siteId;
    String siteName;
    Map<String, String> siteNames;
    Status status;
    Impact impact;
    Instant createdAt;
    Instant updatedAt;
    Instant resolvedAt;
    Instant acknowledgedAt;
    String acknowledgedBy;
    /** With {@link #correctiveActions}: the {@link IncidentReview}, stored as two fields of the incident. */
    String rootCause;
    List<IncidentSnapshot.CorrectiveAction> correctiveActions = new ArrayList<>();
    Severity severity;
    boolean severitySetByAgent;
    boolean impactSetByAgent;
    String assignee;
    String declaredBy;
    Instant monitoringSince;
    int reopenCount;
    List<Activity> activity = new ArrayList<>();
    /** How many lines of {@link #activity} were added since it was read or written (the last ones): a write appends them. */
    @org.springframework.data.annotation.Transient
    int logged;
    /** Reopened after an acknowledgement: waits for an acknowledgement of this reopening (MTTA keeps the first). */
    boolean reopenedUnacknowledged;
    boolean open;
    int siteComponentCount;
    List<Affected> components = new ArrayList<>();
    List<IncidentSnapshot.Update> updates = new ArrayList<>();

    /** A new incident's identity and first state: open, investigating. */
    void begin(String id, String name, String siteId, String siteName, Map<String, String> siteNames, int siteComponentCount,
            Instant at) {
        this.id = id;
        this.siteId = siteId;
        this.siteName = siteName;
        this.siteNames = siteNames;
        this.siteComponentCount = siteComponentCount;
        this.name = name;
        this.status = Status.INVESTIGATING;
        this.createdAt = at;
        this.open = true;
    }

    /** A fresh id: readable in URLs and reports, unique enough to never collide in practice. */
    static String newId(String siteId, Instant at) {
        byte[] random = new byte[2];
        ThreadLocalRandom.current().nextBytes(random);
        return "inc-" + ID_TIME.format(at) + "-" + siteId + "-" + HexFormat.of().formatHex(random);
    }

    /** The root cause and corrective actions agents recorded. */
    IncidentReview review() {
        return new IncidentReview(rootCause, correctiveActions);
    }

    Affected affect(String componentId, Name component, ComponentStatus componentStatus, Instant at) {
        Affected affected = find(componentId).orElseGet(() -> {
            Affected created = new Affected(componentId, component.text());
            components.add(created);
            return created;
        });
        affected.renamed(component.names());
        affected.status(Affected.worse(affected.status(), componentStatus));
        affected.out(at);
        reclassify();
        return affected;
    }

    /** Severity and impact follow the components out, until an agent has judged them ({@link #classify}). */
    void reclassify() {
        if (!impactSetByAgent) {
            impact = Classification.impact(components, siteComponentCount, impact);
        }
        if (!severitySetByAgent) {
            severity = Classification.severity(components, siteComponentCount, severity);
        }
    }

    void log(Instant at, String actor, Activity.Kind kind, String text) {
        activity.add(new Activity(at, actor, kind, text));
        logged++;
        updatedAt = at;
    }

    /**
     * A public update of the engine, in every language it writes. Past {@link Incident#ENGINE_UPDATES} updates (a
     * component failing and recovering over and over) only the resolution is still posted: the rest goes on the
     * internal timeline, so that the incident, which every event carries whole, stays within a record's size.
     */
    void post(Status updateStatus, Text body, Instant at) {
        if (updateStatus != Status.RESOLVED && updates.size() >= Incident.ENGINE_UPDATES) {
            updatedAt = at;
            return;
        }
        postAgents(updateStatus, body, at);
    }

    /** A public update an agent wrote, in the language the agent wrote it in ({@link Incident#hasRoomForUpdate}). */
    void postAgents(Status updateStatus, Text body, Instant at) {
        updates.add(new IncidentSnapshot.Update(id + "-u" + (updates.size() + 1), updateStatus, body.text(), at,
                body.translations()));
        updatedAt = at;
    }

    void record(IncidentEvent.Type type, Instant at) {
        record(sequence -> new IncidentEvent(UUID.randomUUID().toString(), type, id, sequence, at, snapshot()));
    }

    /** It was written, and is now stored at {@code storedVersion}. */
    void stored(long storedVersion) {
        version = storedVersion;
        logged = 0;
        recordedStored();
    }

    Optional<Affected> find(String componentId) {
        return components.stream().filter(a -> a.componentId().equals(componentId)).findFirst();
    }

    /** The incident as customers and managers see it. */
    public IncidentSnapshot snapshot() {
        return new IncidentSnapshot(id, name, siteId, siteName, status, impact, createdAt, resolvedAt,
                components.stream().map(Affected::snapshot).toList(), updates, rootCause, correctiveActions, severity,
                acknowledgedAt, names, siteNames);
    }

    public String id() {
        return id;
    }

    public Long version() {
        return version;
    }

    /** When it was last resolved, or null while open. */
    public Instant resolvedAt() {
        return resolvedAt;
    }

    public boolean isOpen() {
        return open;
    }

    /** Open, and nobody has acknowledged it since it opened or last reopened: whom it concerns must still be paged. */
    public boolean awaitsAcknowledgement() {
        return open && (acknowledgedAt == null || reopenedUnacknowledged);
    }

    /** 0 while in its first opening, n after its n-th reopening. */
    public int opening() {
        return reopenCount;
    }

    /** Whether {@code componentId} is out in this incident. */
    public boolean isOut(String componentId) {
        return find(componentId).map(Affected::isOut).orElse(false);
    }

    public Instant updatedAt() {
        return updatedAt;
    }

    /** What agents see of the incident beyond its snapshot: who acknowledged and owns it, its figures, its timeline. */
    public IncidentFigures figures() {
        return new IncidentFigures(version, createdAt, acknowledgedAt, acknowledgedBy, resolvedAt, assignee, declaredBy,
                reopenCount, activity.stream().sorted(java.util.Comparator.comparing(Activity::at)).toList(), components.stream().filter(Affected::isOut).map(Affected::name).toList(),
                monitoringSince);
    }

    @Override
    public Object outboxId() {
        return id;
    }
}
