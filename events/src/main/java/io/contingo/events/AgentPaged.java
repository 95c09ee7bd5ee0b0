package io.contingo.events;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A support agent is paged about an incident: the on-call agent of the incident's site at one escalation level.
 * Topic {@link Topics#PAGING_EVENTS}, key incidentId. Only notification-service's paging reads it, and sends it
 * to this agent only (email, and the agent's webhooks): customers never get a page, and the paging channels never
 * get a customer's email.
 *
 * @param eventId        the page's own id ({@code incidentId/opening/siteId/level}): a page published again carries
 *                       the same id, so it is sent once
 * @param opening        0 for the incident's first opening, n for its n-th reopening
 * @param level          the escalation level, 1 for the first agent paged
 * @param escalation     whether nobody acknowledged the level before within the acknowledgement timeout
 * @param incidentUrl    the incident's page in the console
 * @param acknowledgeUrl a signed link that acknowledges the incident (after the agent signs in)
 */
public record AgentPaged(
        String eventId,
        String incidentId,
        int opening,
        String incidentName,
        String severity,
        String siteId,
        String siteName,
        int level,
        boolean escalation,
        String agent,
        String email,
        List<Webhook> webhooks,
        String incidentUrl,
        String acknowledgeUrl,
        Instant pagedAt) implements ContingoEvent {

    /** Where a page is posted besides the agent's email, and in which shape. */
    public record Webhook(String url, Kind kind) {

        public enum Kind {
            /** A JSON document with the page's fields. */
            GENERIC,
            /** A Slack incoming webhook's {@code {"text": ...}}. */
            SLACK
        }
    }

    public AgentPaged {
        Objects.requireNonNull(eventId, "eventId is required");
        Objects.requireNonNull(incidentId, "incidentId is required");
        Objects.requireNonNull(agent, "agent is required");
        Objects.requireNonNull(pagedAt, "pagedAt is required");
        webhooks = webhooks == null ? List.of() : List.copyOf(webhooks);
    }

    @Override
    public String aggregateId() {
        return incidentId;
    }
}
