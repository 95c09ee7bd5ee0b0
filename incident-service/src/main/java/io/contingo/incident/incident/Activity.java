package io.contingo.incident.incident;

import java.time.Instant;

/**
 * One line of an incident's internal timeline the console shows: what the engine or an agent did. Notes are
 * entries too; none of this reaches the status page.
 *
 * @param actor the agent's login, or null for the engine
 * @param ref   what the line is about when it is added from outside the incident (a page's id), so that it is added
 *              once however often it is tried ({@link Incidents#logOnce}); null otherwise
 */
public record Activity(Instant at, String actor, Kind kind, String text, String ref) {
    public enum Kind { OPENED, DECLARED, COMPONENT_OUT, COMPONENT_RECOVERED, PUBLIC_UPDATE, ACKNOWLEDGED, ASSIGNED,
        NOTE, SEVERITY, ROOT_CAUSE, CORRECTIVE_ACTION, REOPENED, RESOLVED, PAGED, ESCALATED }

    public Activity(Instant at, String actor, Kind kind, String text) {
        this(at, actor, kind, text, null);
    }
}
