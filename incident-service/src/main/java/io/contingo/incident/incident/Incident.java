package io.contingo.incident.incident;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.data.mongodb.core.mapping.Document;

import io.contingo.events.ComponentStatus;
import io.contingo.events.IncidentEvent;
import io.contingo.events.IncidentSnapshot;
import io.contingo.events.IncidentSnapshot.Impact;
import io.contingo.events.IncidentSnapshot.Severity;
import io.contingo.events.IncidentSnapshot.Status;
import io.contingo.incident.incident.EngineTexts.Name;
import io.contingo.incident.incident.EngineTexts.Text;
/**
 * An incident: the components it touches with their unavailability windows, its public timeline, and the
 * {@link IncidentEvent}s not yet published (outbox). Every change records a whole snapshot with the next
 * per-incident sequence number, in the same document write as the change itself. What the engine writes is
 * {@link IncidentWording}'s, how it classifies the incident {@link Classification}'s.
 */
@Document("incidents")
public class Incident extends IncidentRecord {

    /*
     * Every event carries the whole incident, and a broker takes records of about 1 MB: what one incident holds is
     * bounded so that its events always fit (an update is at most 2,000 characters, an action 600).
     */
    /** Public updates one incident holds, its resolution included. */
    public static final int MAX_UPDATES = 100;
    /** Past this many updates the engine writes its own only on the internal timeline; the rest is for agents. */
    static final int ENGINE_UPDATES = 80;
    /** Corrective actions one incident holds. */
    public static final int MAX_ACTIONS = 50;
    /** Windows kept per component: a component failing again past this many has its last window opened again. */
    static final int MAX_WINDOWS = 100;



    Incident() {
    }

    private static Incident started(String id, String name, String siteId, String siteName, Map<String, String> siteNames,
            int siteComponentCount, Instant at) {
        Incident incident = new Incident();
        incident.begin(id, name, siteId, siteName, siteNames, siteComponentCount, at);
        return incident;
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
        Text name = IncidentWording.name(site);
        Incident incident = started(id, name.text(), siteId, site.text(), site.names(), siteComponentCount, at);
        incident.names = name.translations();
        incident.affect(componentId, component, componentStatus, at);
        incident.post(Status.INVESTIGATING, IncidentWording.investigating(component), at);
        incident.log(at, null, Activity.Kind.OPENED, IncidentWording.seenOut(component.text(), componentStatus, false));
        incident.record(IncidentEvent.Type.OPENED, at);
        return incident;
    }

    /**
     * An agent declares an incident no monitor has seen (a customer's report, a supplier's notice): its
     * components, impact and severity as the agent judges them, and the first public update.
     */
    public static Incident declare(String id, String name, String siteId, String siteName, int siteComponentCount,
            List<DeclaredComponent> affected, Impact impact, Severity severity, String firstUpdate, String agent, Instant at) {
        return declare(id, name, siteId, siteName, Map.of(), siteComponentCount, affected, impact, severity, firstUpdate, agent, at);
    }

    /** {@link #declare} with the site's name in other languages (language code → name). */
    public static Incident declare(String id, String name, String siteId, String siteName, Map<String, String> siteNames,
            int siteComponentCount, List<DeclaredComponent> affected, Impact impact, Severity severity, String firstUpdate, String agent,
            Instant at) {
        Incident incident = started(id, name, siteId, siteName, siteNames, siteComponentCount, at);
        incident.declaredBy = agent;
        for (DeclaredComponent component : affected) {
            incident.affect(component.componentId(), new Name(component.name(), component.names()), component.status(), at);
        }
        incident.impact = impact;
        incident.impactSetByAgent = true;
        incident.severity = severity;
        incident.severitySetByAgent = true;
        incident.post(Status.INVESTIGATING, IncidentWording.agents(firstUpdate), at);
        incident.log(at, agent, Activity.Kind.DECLARED, IncidentWording.declared(name));
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
        log(at, null, Activity.Kind.COMPONENT_OUT, IncidentWording.seenOut(component.text(), componentStatus, again));
        if (monitoringSince != null) { // it had recovered: back to investigating
            monitoringSince = null;
            status = Status.INVESTIGATING;
            post(status, IncidentWording.failingAgainInvestigating(component), at);
            record(IncidentEvent.Type.UPDATED, at);
        } else {
            post(status, IncidentWording.failing(component, again), at);
            record(IncidentEvent.Type.COMPONENTS_CHANGED, at);
        }
        return true;
    }

    /** A component already out got worse (a partial outage became a major one): its status, impact and severity follow. */
    private boolean worsened(Affected affected, ComponentStatus componentStatus, Instant at) {
        ComponentStatus worst = Affected.worse(affected.status(), componentStatus);
        if (worst == affected.status()) {
            return false; // the same again, or better: an incident keeps each component's worst status
        }
        affected.status(worst);
        reclassify();
        log(at, null, Activity.Kind.COMPONENT_OUT, IncidentWording.seenOut(affected.name(), worst, false));
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
        reopenedUnacknowledged = acknowledgedAt != null;
        status = Status.INVESTIGATING;
        affect(componentId, component, componentStatus, at);
        post(Status.INVESTIGATING, IncidentWording.reopened(component), at);
        log(at, null, Activity.Kind.REOPENED, IncidentWording.reopenedLine(component.text()));
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
        affected.recovered(at);
        log(at, null, Activity.Kind.COMPONENT_RECOVERED, IncidentWording.seenRecovered(affected.name()));
        if (components.stream().noneMatch(Affected::isOut)) {
            monitoringSince = at;
            status = Status.MONITORING;
            post(Status.MONITORING, IncidentWording.allRecovered(), at);
            record(IncidentEvent.Type.UPDATED, at);
        } else {
            post(status, IncidentWording.recovered(affected.named(),
                    components.stream().filter(Affected::isOut).map(Affected::named).toList()), at);
            record(IncidentEvent.Type.COMPONENTS_CHANGED, at);
        }
        return true;
    }

    /**
     * An agent takes the incident on; the first acknowledgement counts (MTTA), repeats change nothing. After a reopening,
     * one more acknowledgement is taken (it stops the paging about the reopening), and MTTA stays the first's.
     */
    public boolean acknowledge(String agent, Instant at) {
        if (acknowledgedAt != null && reopenedUnacknowledged && open) {
            reopenedUnacknowledged = false;
            log(at, agent, Activity.Kind.ACKNOWLEDGED, IncidentWording.acknowledgedReopening());
            record(IncidentEvent.Type.DETAILS_CHANGED, at);
            return true;
        }
        if (acknowledgedAt != null) {
            return false;
        }
        acknowledgedAt = at;
        acknowledgedBy = agent;
        if (assignee == null) {
            assignee = agent;
        }
        log(at, agent, Activity.Kind.ACKNOWLEDGED, IncidentWording.acknowledged(Duration.between(createdAt, at)));
        record(IncidentEvent.Type.DETAILS_CHANGED, at);
        return true;
    }

    /** Hands the incident to an agent (or to nobody, with null). */
    public void assign(String agent, String newAssignee, Instant at) {
        assignee = newAssignee;
        log(at, agent, Activity.Kind.ASSIGNED, IncidentWording.assigned(newAssignee));
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
        Affected affected = find(componentId).filter(Affected::isOut)
                .orElseGet(() -> affect(componentId, new Name(componentName, componentNames), componentStatus, at));
        affected.status(componentStatus);
        reclassify();
        log(at, agent, Activity.Kind.COMPONENT_OUT, IncidentWording.setByHand(componentName, componentStatus));
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
        log(at, agent, Activity.Kind.COMPONENT_RECOVERED, IncidentWording.removedByHand(known.get().name()));
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
        log(at, agent, Activity.Kind.SEVERITY, IncidentWording.classified(newSeverity, newImpact));
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
        components.stream().filter(Affected::isOut).forEach(affected -> affected.recovered(at));
        log(at, agent, Activity.Kind.RESOLVED, "Resolved by hand");
        resolve(at, IncidentWording.agents(body));
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
        log(now, null, Activity.Kind.RESOLVED, IncidentWording.resolvedWhenQuiet(quietPeriod));
        // the union of the components' windows: IncidentSnapshot#outage
        resolve(now, IncidentWording.resolved(IncidentSnapshot.outage(components.stream().flatMap(a -> a.windows().stream()).toList(), now)));
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
        if (!hasRoomForUpdate()) {
            throw new IllegalArgumentException(fullOfUpdates());
        }
        status = updateStatus;
        if (updateStatus != Status.MONITORING) {
            monitoringSince = components.stream().anyMatch(Affected::isOut) ? null : monitoringSince;
        }
        postAgents(updateStatus, IncidentWording.agents(body), at);
        record(IncidentEvent.Type.UPDATED, at);
    }

    /** Whether agents may post one more update: the last place is kept for the resolution. */
    public boolean hasRoomForUpdate() {
        return updates.size() < MAX_UPDATES - 1;
    }

    /** Why an agent's update is refused when there is no room for it. */
    public static String fullOfUpdates() {
        return "This incident holds " + (MAX_UPDATES - 1) + " updates, the most one incident can besides its resolution: "
                + "resolve it and declare a new incident for what follows";
    }

    /** Whether agents may add one more corrective action. */
    public boolean hasRoomForAction() {
        return correctiveActions.size() < MAX_ACTIONS;
    }

    /** Why a corrective action is refused when there is no room for it. */
    public static String fullOfActions() {
        return "This incident already has " + MAX_ACTIONS + " corrective actions, the most one incident holds: "
                + "group related work into one action";
    }

    /** {@link #postUpdate(Status, String, Instant)} by a named agent, who appears in the internal timeline. */
    public void postUpdate(String agent, Status updateStatus, String body, Instant at) {
        log(at, agent, Activity.Kind.PUBLIC_UPDATE, IncidentWording.publicUpdate(updateStatus, body));
        postUpdate(updateStatus, body, at);
    }

    /** Agents record what caused the incident: internal, for the technical report, never on the status page. */
    public void recordRootCause(String agent, String text, Instant at) {
        reviewed(review().withRootCause(text), agent, Activity.Kind.ROOT_CAUSE, "Root cause recorded", at);
    }

    /** Agents plan something that keeps the incident from happening again. */
    public void addCorrectiveAction(String agent, IncidentSnapshot.CorrectiveAction action, Instant at) {
        if (!hasRoomForAction()) {
            throw new IllegalArgumentException(fullOfActions());
        }
        reviewed(review().withAction(action), agent, Activity.Kind.CORRECTIVE_ACTION, IncidentWording.actionAdded(action.description()), at);
    }

    /** Replaces the corrective action at {@code index} (0-based): an edit, or ticking it off as done. */
    public void changeCorrectiveAction(String agent, int index, IncidentSnapshot.CorrectiveAction action, Instant at) {
        reviewed(review().withActionChanged(index, action), agent, Activity.Kind.CORRECTIVE_ACTION,
                IncidentWording.actionChanged(action.done(), action.description()), at);
    }

    private void reviewed(IncidentReview review, String agent, Activity.Kind kind, String text, Instant at) {
        rootCause = review.rootCause();
        correctiveActions = new ArrayList<>(review.correctiveActions());
        log(at, agent, kind, text);
        record(IncidentEvent.Type.DETAILS_CHANGED, at);
    }

    private void resolve(Instant at, Text body) {
        status = Status.RESOLVED;
        resolvedAt = at;
        monitoringSince = null;
        open = false;
        post(Status.RESOLVED, body, at);
        record(IncidentEvent.Type.RESOLVED, at);
    }

}
