package io.contingo.notification.delivery;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

import io.contingo.events.DrpEvent;
import io.contingo.events.DrpRunSnapshot;
import io.contingo.notification.subscriber.Subscriber;

/**
 * The emails a DRP event makes, queued as {@link Delivery}s for the {@link MailRelay}:
 * <ul>
 * <li>the site serving customers changed (never for a drill): one email to each confirmed subscriber who follows a
 * component of either site of the pair, or everything, id {@code runId/serving/subscriberId};</li>
 * <li>a run was proposed: one approval request to each manager of {@link DrpSettings#managers()}, id
 * {@code runId/approval/address}.</li>
 * </ul>
 * The ids are unique ({@link EmailQueue}), so a redelivered event, a restart or a second instance never makes a second
 * email. Managers get no customer email and customers no approval request: the two are written for different lists.
 */
@Component
class DrpEmails {

    private static final Logger log = LoggerFactory.getLogger(DrpEmails.class);

    private final MongoTemplate mongo;
    private final DrpMailComposer composer;
    private final SiteCatalog catalog;
    private final EmailQueue queue;

    DrpEmails(MongoTemplate mongo, DrpMailComposer composer, SiteCatalog catalog, EmailQueue queue) {
        this.mongo = mongo;
        this.composer = composer;
        this.catalog = catalog;
        this.queue = queue;
    }

    /** Queues the emails this event makes; how many were new. */
    int queue(DrpEvent event) {
        DrpRunSnapshot run = event.run();
        if (run == null) {
            return 0; // a step's outcome: for incident-service's runs, not for people
        }
        return switch (event.type()) {
            case SERVING_SITE_CHANGED -> run.drill() ? 0 : servingSiteChanged(event, run); // a drill tells no customer
            case RUN_CHANGED -> run.state() == DrpRunSnapshot.State.PROPOSED ? proposed(event, run) : 0;
            case STEP_FINISHED -> 0;
        };
    }

    private int servingSiteChanged(DrpEvent event, DrpRunSnapshot run) {
        SiteCatalog.Components components = catalog.componentsOf(List.of(run.fromSiteId(), run.toSiteId()));
        if (!components.unknownSites().isEmpty()) {
            log.warn("The site catalog has no site {}: only subscribers who follow everything are told that {} moved service to {}",
                    components.unknownSites(), run.id(), run.toSiteId());
        }
        List<String> followable = new ArrayList<>(components.ids());
        int queued = 0;
        for (Subscriber subscriber : mongo.find(query(where("confirmed").is(true)), Subscriber.class)) {
            if (!subscriber.follows(followable)) {
                continue;
            }
            MailComposer.Mail mail = composer.servingSite(run, event.occurredAt(), subscriber);
            if (queue.queue(run.id() + "/serving/" + subscriber.id(), event.sequence(), run.kind().name(), subscriber.id(),
                    subscriber.email(), mail)) {
                queued++;
            }
        }
        log.info("DRP run {} moved service to the site {}: {} email(s) to subscribers queued", run.id(), run.toSiteId(), queued);
        return queued;
    }

    private int proposed(DrpEvent event, DrpRunSnapshot run) {
        if (!queue.anyManager()) {
            log.warn("DRP run {} waits for approval, but contingo.notification.drp.managers names nobody to ask", run.id());
            return 0;
        }
        int queued = queue.queueToManagers(run.id() + "/approval", event.sequence(), "DRP_APPROVAL",
                composer.approvalRequest(run, event.occurredAt()));
        log.info("DRP run {} waits for approval: {} email(s) to managers queued", run.id(), queued);
        return queued;
    }
}
