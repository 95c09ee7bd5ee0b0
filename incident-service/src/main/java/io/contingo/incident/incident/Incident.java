package io.contingo.incident.incident;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Transient;
import org.springframework.data.annotation.Version;
import org.springframework.data.mongodb.core.mapping.Document;

import io.contingo.events.ComponentStatus;
import io.contingo.events.IncidentEvent;
import io.contingo.events.IncidentSnapshot;
import io.contingo.events.IncidentSnapshot.Impact;
import io.contingo.events.IncidentSnapshot.Severity;
import io.contingo.events.IncidentSnapshot.Status;
import io.contingo.events.IncidentSnapshot.Window;
import io.contingo.incident.incident.EngineTexts.Name;
import io.contingo.incident.outbox.OutboxDocument;
import io.contingo.starter.text.ReadableDuration;

/**
 * An incident: the components it touches with their unavailability windows, its public timeline, and the
 * {@link IncidentEvent}s not yet published (outbox). Every change records a whole snapshot with the next
 * per-incident sequence number, in the same document write as the change itself.
 */
@Document("incidents")
public class Incident implements OutboxDocument {

    private static final DateTimeFormatter ID_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmm").withZone(ZoneOffset.UTC);

    @Id
    private String id;
    @Version
    private Long version;
    private String name;
    /** The name in other languages, when the engine named the incident (language code → name). */
    private Map<String, String> names;
    private String siteId;
    private String siteName;
    private Map<String, String> siteNames;
    private Status status;
    private Impact impact;
    private Instant createdAt;
    private Instant updatedAt;
    private Instant resolvedAt;
    private Instant acknowledgedAt;
    private String acknowledgedBy;
    private String rootCause;
    private List<IncidentSnapshot.CorrectiveAction> correctiveActions = new ArrayList<>();
    private Severity severity;
    private boolean severitySetByAgent;
    private boolean impactSetByAgent;
    private String assignee;
    private String declaredBy;
    private Instant monitoringSince;
    private int reopenCount;
    private List<Activity> activity = new ArrayList<>();
    private boolean open;
    private int siteComponentCount;
    private List<Affected> components = new ArrayList<>();
    private List<IncidentSnapshot.Update> updates = new ArrayList<>();
    private long sequence;
    private List<IncidentEvent> outbox = new ArrayList<>();
    private boolean pendingEvents;
    /** How many events of {@link #outbox} were recorded since it was read or written (the last ones). */
    @Transient
    private int recorded;

    /** A component the incident touches, with its worst status and its windows. */
    static final class Affected {
        private final String componentId;
        private final String name;
        /** The name in other languages, from the catalog (language code → name). */
        private Map<String, String> names;
        private ComponentStatus status;
        private List<Window> windows = new ArrayList<>();

        Affected(String componentId, String name) {
            this.componentId = componentId;
            this.name = name;
        }

        Name named() {
            return new Name(name, names);
        }

        boolean isOut() {
            return !windows.isEmpty() && windows.getLast().end() == null;
        }
    }

    /**
     * One line of the internal timeline the console shows: what the engine or an agent did. Notes are
     * entries too; none of this reaches the status page.
     *
     * @param actor the agent's login, or null for the engine
     */
    public record Activity(Instant at, String actor, Kind kind, String text) {
        public enum Kind { OPENED, DECLARED, COMPONENT_OUT, COMPONENT_RECOVERED, PUBLIC_UPDATE, ACKNOWLEDGED, ASSIGNED,
            NOTE, SEVERITY, ROOT_CAUSE, CORRECTIVE_ACTION, REOPENED, RESOLVED }
    }

    /** A component an agent names in an incident declared by hand, with its name in other languages. */
    public record Declared(String componentId, String name, ComponentStatus status, Map<String, String> names) {
        public Declared(String componentId, String name, ComponentStatus status) {
            this(componentId, name, status, Map.of());
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
        return open(id, siteId, Name.of(siteName), siteComponentCount, componentId, Name.of(componentName), componentStatus, at);
    }

    /**
     * Opens an incident for a site outage, starting with one component; the site's and the component's names come
     * with their translations, so that the engine names the incident in every language it writes.
     */
    static Incident open(String id, String siteId, Name site, int siteComponentCount,
            String componentId, Name component, ComponentStatus componentStatus, Instant at) {
        Incident incident = new Incident();
        incident.id = id;
        incident.siteId = siteId;
        incident.siteName = site.text();
        incident.siteNames = site.names();
        incident.siteComponentCount = siteComponentCount;
        EngineTexts.Text name = EngineTexts.write("engine.incident.name", site);
        incident.name = name.text();
        incident.names = name.translations();
        incident.status = Status.INVESTIGATING;
        incident.createdAt = at;
        incident.open = true;
        String componentName = component.text();
        incident.affect(componentId, component, componentStatus, at);
        incident.post(Status.INVESTIGATING, EngineTexts.write("engine.update.investigating", component), at);
        incident.log(at, null, Activity.Kind.OPENED, componentName + " is " + label(componentStatus) + " according to its monitors");
        incident.record(IncidentEvent.Type.OPENED, at);
        return incident;
    }

    /**
     * An agent declares an incident no monitor has seen (a customer's report, a supplier's notice): its
     * components, impact and severity as the agent judges them, and the first public update.
     */
    public static Incident declare(String id, String name, String siteId, String siteName, int siteComponentCount,
            List<Declared> affected, Impact impact, Severity severity, String firstUpdate, String agent, Instant at) {
        return declare(id, name, siteId, siteName, Map.of(), siteComponentCount, affected, impact, severity, firstUpdate, agent, at);
    }

    /** {@link #declare} with the site's name in other languages (language code → name). */
    public static Incident declare(String id, String name, String siteId, String siteName, Map<String, String> siteNames,
            int siteComponentCount, List<Declared> affected, Impact impact, Severity severity, String firstUpdate, String agent,
            Instant at) {
        Incident incident = new Incident();
        incident.id = id;
        incident.siteId = siteId;
        incident.siteName = siteName;
        incident.siteNames = siteNames;
        incident.siteComponentCount = siteComponentCount;
        incident.name = name;
        incident.status = Status.INVESTIGATING;
        incident.createdAt = at;
        incident.open = true;
        incident.declaredBy = agent;
        for (Declared component : affected) {
            incident.affect(component.componentId(), new Name(component.name(), component.names()), component.status(), at);
        }
        incident.impact = impact;
        incident.impactSetByAgent = true;
        incident.severity = severity;
        incident.severitySetByAgent = true;
        incident.post(Status.INVESTIGATING, firstUpdate, at);
        incident.log(at, agent, Activity.Kind.DECLARED, "Declared by hand: " + name);
        incident.record(IncidentEvent.Type.OPENED, at);
        return incident;
    }

    /**
     * A component of the site is out: adds it (or opens a new window when it had recovered). Returns false
     * when it is already out in this incident, so that a repeated call changes nothing.
     */
    boolean componentOut(String componentId, String componentName, ComponentStatus componentStatus, Instant at) {
        return componentOut(componentId, Name.of(componentName), componentStatus, at);
    }

    boolean componentOut(String componentId, Name component, ComponentStatus componentStatus, Instant at) {
        Optional<Affected> known = find(componentId);
        if (known.isPresent() && known.get().isOut()) {
            return worsened(known.get(), componentStatus, at);
        }
        boolean again = known.isPresent();
        affect(componentId, component, componentStatus, at);
        log(at, null, Activity.Kind.COMPONENT_OUT, component.text() + " is " + label(componentStatus)
                + (again ? " again" : "") + " according to its monitors");
        if (monitoringSince != null) { // it had recovered: back to investigating
            monitoringSince = null;
            status = Status.INVESTIGATING;
            post(status, EngineTexts.write("engine.update.failingAgainInvestigating", component), at);
            record(IncidentEvent.Type.UPDATED, at);
        } else {
            post(status, EngineTexts.write(again ? "engine.update.failingAgain" : "engine.update.alsoAffected", component), at);
            record(IncidentEvent.Type.COMPONENTS_CHANGED, at);
        }
        return true;
    }

    /** A component already out got worse (a partial outage became a major one): its status, impact and severity follow. */
    private boolean worsened(Affected affected, ComponentStatus componentStatus, Instant at) {
        ComponentStatus worst = worse(affected.status, componentStatus);
        if (worst == affected.status) {
            return false; // the same again, or better: an incident keeps each component's worst status
        }
        affected.status = worst;
        if (!impactSetByAgent) {
            impact = impactNow();
        }
        if (!severitySetByAgent) {
            severity = severityNow();
        }
        log(at, null, Activity.Kind.COMPONENT_OUT, affected.name + " is " + label(worst) + " according to its monitors");
        record(IncidentEvent.Type.COMPONENTS_CHANGED, at);
        return true;
    }

    /**
     * A component fails again soon after this incident was resolved: the incident opens again with a new
     * window for it, rather than a new incident for what is most likely the same problem.
     */
    boolean reopen(String componentId, String componentName, ComponentStatus componentStatus, Instant at) {
        return reopen(componentId, Name.of(componentName), componentStatus, at);
    }

    boolean reopen(String componentId, Name component, ComponentStatus componentStatus, Instant at) {
        if (open) {
            return componentOut(componentId, component, componentStatus, at);
        }
        open = true;
        resolvedAt = null;
        monitoringSince = null;
        reopenCount++;
        status = Status.INVESTIGATING;
        affect(componentId, component, componentStatus, at);
        post(Status.INVESTIGATING, EngineTexts.write("engine.update.reopened", component), at);
        log(at, null, Activity.Kind.REOPENED, component.text() + " failed again: incident reopened");
        record(IncidentEvent.Type.REOPENED, at);
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
        log(at, null, Activity.Kind.COMPONENT_RECOVERED, affected.name + " is working again according to its monitors");
        if (components.stream().noneMatch(Affected::isOut)) {
            monitoringSince = at;
            status = Status.MONITORING;
            post(Status.MONITORING, EngineTexts.write("engine.update.allRecovered"), at);
            record(IncidentEvent.Type.UPDATED, at);
        } else {
            post(status, EngineTexts.write("engine.update.recovered", affected.named(),
                    components.stream().filter(Affected::isOut).map(Affected::named).toList()), at);
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
        if (assignee == null) {
            assignee = agent;
        }
        log(at, agent, Activity.Kind.ACKNOWLEDGED, "Acknowledged after " + ReadableDuration.of(
                Duration.between(createdAt, at)));
        record(IncidentEvent.Type.DETAILS_CHANGED, at);
        return true;
    }

    /** Hands the incident to an agent (or to nobody, with null). */
    public void assign(String agent, String newAssignee, Instant at) {
        assignee = newAssignee;
        log(at, agent, Activity.Kind.ASSIGNED, newAssignee == null ? "Unassigned" : "Assigned to " + newAssignee);
        record(IncidentEvent.Type.DETAILS_CHANGED, at);
    }

    /**
     * An agent adds a service to the incident, or changes how badly one is affected. A service added this way
     * gets a window from now; it closes when the incident resolves (or when its monitors see it recover).
     */
    public void setComponent(String agent, String componentId, String componentName, ComponentStatus componentStatus, Instant at) {
        setComponent(agent, componentId, componentName, Map.of(), componentStatus, at);
    }

    /** {@link #setComponent(String, String, String, ComponentStatus, Instant)} with the component's name in other languages. */
    public void setComponent(String agent, String componentId, String componentName, Map<String, String> componentNames,
            ComponentStatus componentStatus, Instant at) {
        Optional<Affected> known = find(componentId);
        if (known.isPresent() && known.get().isOut()) {
            known.get().status = componentStatus;
        } else {
            affect(componentId, new Name(componentName, componentNames), componentStatus, at);
            known = find(componentId);
        }
        known.get().status = componentStatus;
        if (!impactSetByAgent) {
            impact = impactNow();
        }
        if (!severitySetByAgent) {
            severity = severityNow();
        }
        log(at, agent, Activity.Kind.COMPONENT_OUT, componentName + " set to " + label(componentStatus) + " by hand");
        record(IncidentEvent.Type.COMPONENTS_CHANGED, at);
    }

    /** An agent takes out a service listed by mistake, with its windows. Returns false when it is not listed. */
    public boolean removeComponent(String agent, String componentId, Instant at) {
        Optional<Affected> known = find(componentId);
        if (known.isEmpty()) {
            return false;
        }
        if (components.size() == 1) {
            throw new IllegalStateException("An incident affects at least one service: add the right one before removing this one");
        }
        components.remove(known.get());
        log(at, agent, Activity.Kind.COMPONENT_RECOVERED, known.get().name + " removed from the incident by hand");
        record(IncidentEvent.Type.COMPONENTS_CHANGED, at);
        return true;
    }

    /** An internal note: for the agents and the report's authors, never public. */
    public void addNote(String agent, String text, Instant at) {
        log(at, agent, Activity.Kind.NOTE, text);
        record(IncidentEvent.Type.DETAILS_CHANGED, at);
    }

    /** Agents judge severity and impact themselves; from then on the engine no longer changes them. */
    public void classify(String agent, Severity newSeverity, Impact newImpact, Instant at) {
        if (newSeverity == severity && newImpact == impact) {
            return;
        }
        severity = newSeverity;
        impact = newImpact;
        severitySetByAgent = true;
        impactSetByAgent = true;
        log(at, agent, Activity.Kind.SEVERITY, "Severity " + newSeverity + ", impact " + newImpact.name().toLowerCase(Locale.ROOT));
        record(IncidentEvent.Type.DETAILS_CHANGED, at);
    }

    /**
     * An agent resolves the incident: every window still open closes now. Components whose monitors still
     * fail stay in outage on the status page until they recover.
     */
    public void resolveByHand(String agent, String body, Instant at) {
        if (!open) {
            throw new IllegalStateException("Incident " + id + " is already resolved");
        }
        for (Affected affected : components) {
            if (affected.isOut()) {
                Window window = affected.windows.removeLast();
                affected.windows.add(new Window(window.start(), at));
            }
        }
        log(at, agent, Activity.Kind.RESOLVED, "Resolved by hand");
        resolve(at, body);
    }

    /**
     * Resolves an incident whose components have all worked for {@code quietPeriod}: the automatic end of
     * the monitoring phase. Returns whether it resolved.
     */
    boolean resolveIfQuiet(Instant now, Duration quietPeriod) {
        if (!open || monitoringSince == null || components.stream().anyMatch(Affected::isOut)
                || now.isBefore(monitoringSince.plus(quietPeriod))) {
            return false;
        }
        log(now, null, Activity.Kind.RESOLVED, "No failure for " + ReadableDuration.of(quietPeriod)
                + ": resolved");
        resolve(now, EngineTexts.write("engine.update.resolved", ReadableDuration.of(outageDuration(now))));
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
        if (updateStatus != Status.MONITORING) {
            monitoringSince = components.stream().anyMatch(Affected::isOut) ? null : monitoringSince;
        }
        post(updateStatus, body, at);
        record(IncidentEvent.Type.UPDATED, at);
    }

    /** {@link #postUpdate(Status, String, Instant)} by a named agent, who appears in the internal timeline. */
    public void postUpdate(String agent, Status updateStatus, String body, Instant at) {
        log(at, agent, Activity.Kind.PUBLIC_UPDATE, label(updateStatus) + ": " + body);
        postUpdate(updateStatus, body, at);
    }

    /** Agents record what caused the incident: internal, for the technical report, never on the status page. */
    public void recordRootCause(String agent, String text, Instant at) {
        rootCause = text;
        log(at, agent, Activity.Kind.ROOT_CAUSE, "Root cause recorded");
        updatedAt = at;
        record(IncidentEvent.Type.DETAILS_CHANGED, at);
    }

    /** Agents plan something that keeps the incident from happening again. */
    public void addCorrectiveAction(String agent, IncidentSnapshot.CorrectiveAction action, Instant at) {
        correctiveActions.add(action);
        updatedAt = at;
        log(at, agent, Activity.Kind.CORRECTIVE_ACTION, "Corrective action added: " + action.description());
        record(IncidentEvent.Type.DETAILS_CHANGED, at);
    }

    /** Replaces the corrective action at {@code index} (0-based): an edit, or ticking it off as done. */
    public void changeCorrectiveAction(String agent, int index, IncidentSnapshot.CorrectiveAction action, Instant at) {
        if (index < 0 || index >= correctiveActions.size()) {
            throw new IllegalArgumentException("No corrective action number " + (index + 1));
        }
        correctiveActions.set(index, action);
        updatedAt = at;
        log(at, agent, Activity.Kind.CORRECTIVE_ACTION, (action.done() ? "Done: " : "Corrective action changed: ") + action.description());
        record(IncidentEvent.Type.DETAILS_CHANGED, at);
    }

    private void resolve(Instant at, String body) {
        resolve(at, new EngineTexts.Text(body, Map.of()));
    }

    private void resolve(Instant at, EngineTexts.Text body) {
        status = Status.RESOLVED;
        resolvedAt = at;
        monitoringSince = null;
        open = false;
        post(Status.RESOLVED, body, at);
        record(IncidentEvent.Type.RESOLVED, at);
    }

    /** The union of the components' windows, an open one counting up to {@code now}: {@link IncidentSnapshot#outage}. */
    private Duration outageDuration(Instant now) {
        return IncidentSnapshot.outage(components.stream().flatMap(a -> a.windows.stream()).toList(), now);
    }

    private void affect(String componentId, Name component, ComponentStatus componentStatus, Instant at) {
        Affected affected = find(componentId).orElseGet(() -> {
            Affected created = new Affected(componentId, component.text());
            components.add(created);
            return created;
        });
        if (!component.names().isEmpty()) {
            affected.names = component.names();
        }
        affected.status = worse(affected.status, componentStatus);
        affected.windows.add(new Window(at, null));
        if (!impactSetByAgent) {
            impact = impactNow();
        }
        if (!severitySetByAgent) {
            severity = severityNow();
        }
    }

    /**
     * SEV1 when major outages cover half the site or more, SEV2 for any major outage (or partial outages over
     * half the site), SEV3 for a smaller partial outage, SEV4 otherwise. Like impact, it never shrinks.
     */
    private Severity severityNow() {
        long majors = components.stream().filter(a -> a.isOut() && a.status == ComponentStatus.MAJOR_OUTAGE).count();
        long out = components.stream().filter(Affected::isOut).count();
        int site = Math.max(1, siteComponentCount);
        Severity now;
        if (majors > 0 && majors * 2 >= site) {
            now = Severity.SEV1;
        } else if (majors > 0 || out * 2 >= site) {
            now = Severity.SEV2;
        } else if (out > 0) {
            now = Severity.SEV3;
        } else {
            now = Severity.SEV4;
        }
        return severity == null || now.compareTo(severity) < 0 ? now : severity;
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

    private void log(Instant at, String actor, Activity.Kind kind, String text) {
        activity.add(new Activity(at, actor, kind, text));
        updatedAt = at;
    }

    private static String label(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }

    private void post(Status updateStatus, String body, Instant at) {
        post(updateStatus, new EngineTexts.Text(body, Map.of()), at);
    }

    /** A public update; the engine's come in every language it writes, an agent's in the language the agent wrote. */
    private void post(Status updateStatus, EngineTexts.Text body, Instant at) {
        updates.add(new IncidentSnapshot.Update(id + "-u" + (updates.size() + 1), updateStatus, body.text(), at,
                body.translations()));
        updatedAt = at;
    }

    private void record(IncidentEvent.Type type, Instant at) {
        sequence++;
        outbox.add(new IncidentEvent(UUID.randomUUID().toString(), type, id, sequence, at, snapshot()));
        pendingEvents = true;
        recorded++;
    }

    /** The events recorded since it was read or written: those a write appends to the stored outbox. */
    int recordedSinceStored() {
        return recorded;
    }

    /** It was written, and is now stored at {@code storedVersion}. */
    void stored(long storedVersion) {
        version = storedVersion;
        recorded = 0;
    }

    private Optional<Affected> find(String componentId) {
        return components.stream().filter(a -> a.componentId.equals(componentId)).findFirst();
    }

    /** The incident as customers and managers see it. */
    public IncidentSnapshot snapshot() {
        return new IncidentSnapshot(id, name, siteId, siteName, status, impact, createdAt, resolvedAt,
                components.stream().map(a -> new IncidentSnapshot.AffectedComponent(a.componentId, a.name, a.status, a.windows,
                        a.names)).toList(),
                updates, rootCause, correctiveActions, severity, acknowledgedAt, names, siteNames);
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

    /** When it was last resolved, or null while open. */
    public Instant resolvedAt() {
        return resolvedAt;
    }

    /** Time from opening to resolution (MTTR), or null while open. */
    public Duration timeToResolve() {
        return resolvedAt == null ? null : Duration.between(createdAt, resolvedAt);
    }

    public String assignee() {
        return assignee;
    }

    public String declaredBy() {
        return declaredBy;
    }

    public int reopenCount() {
        return reopenCount;
    }

    /** The internal timeline, oldest first. */
    public List<Activity> activity() {
        return List.copyOf(activity);
    }

    /** Names of the components still out. */
    public List<String> componentsOut() {
        return components.stream().filter(Affected::isOut).map(a -> a.name).toList();
    }

    /** Whether {@code componentId} is out in this incident. */
    public boolean isOut(String componentId) {
        return find(componentId).map(Affected::isOut).orElse(false);
    }

    public Instant monitoringSince() {
        return monitoringSince;
    }

    public Instant updatedAt() {
        return updatedAt;
    }

    public long sequence() {
        return sequence;
    }

    @Override
    public Object outboxId() {
        return id;
    }

    @Override
    public List<IncidentEvent> outbox() {
        return List.copyOf(outbox);
    }
}
