package io.contingo.incident.oncall;

import java.time.Instant;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

import io.contingo.events.AgentPaged;
import io.contingo.incident.outbox.RecordingOutbox;

/**
 * One page: the on-call agent of one level of a site, about one opening of an incident. Its id
 * {@code incidentId/opening/siteId/level} is the unique key that keeps an agent from being paged twice, through
 * restarts and across instances; the {@link AgentPaged} to deliver waits in the same document until the outbox relay
 * has published it, so no page is lost either. {@code logged} says whether the incident's timeline has it yet.
 */
@Document("pages")
class Page extends RecordingOutbox<AgentPaged> {

    @Id
    String id;
    String incidentId;
    int opening;
    String siteId;
    int level;
    String agent;
    String email;
    Instant pagedAt;
    /** What the incident's timeline says of it. */
    String line;
    boolean logged;

    Page() {
    }

    static String id(String incidentId, int opening, String siteId, int level) {
        return incidentId + "/" + opening + "/" + siteId + "/" + level;
    }

    static Page of(AgentPaged paged) {
        Page page = new Page();
        page.id = paged.eventId();
        page.incidentId = paged.incidentId();
        page.opening = paged.opening();
        page.siteId = paged.siteId();
        page.level = paged.level();
        page.agent = paged.agent();
        page.email = paged.email();
        page.pagedAt = paged.pagedAt();
        page.record(sequence -> paged);
        return page;
    }

    @Override
    public Object outboxId() {
        return id;
    }
}
