package io.contingo.notification.delivery;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
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
 * The ids are unique, so a redelivered event, a restart or a second instance never makes a second email. Managers get
 * no customer email and customers no approval request: the two are written for different lists.
 */
@Component
class DrpEmails {

    private static final Logger log = LoggerFactory.getLogger(DrpEmails.class);

    private final MongoTemplate mongo;
    private final DrpMailComposer composer;
    private final SiteCatalog catalog;
    private final DrpSettings settings;
    private final Clock clock = Clock.systemUTC();

    DrpEmails(MongoTemplate mongo, DrpMailComposer composer, SiteCatalog catalog, DrpSettings settings) {
        this.mongo = mongo;
        this.composer = composer;
        this.catalog = catalog;
        this.settings = settings;
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
            if (insert(run.id() + "/serving/" + subscriber.id(), event, run.kind().name(), subscriber.id(), subscriber.email(), mail)) {
                queued++;
            }
        }
        log.info("DRP run {} moved service to the site {}: {} email(s) to subscribers queued", run.id(), run.toSiteId(), queued);
        return queued;
    }

    private int proposed(DrpEvent event, DrpRunSnapshot run) {
        if (settings.managers().isEmpty()) {
            log.warn("DRP run {} waits for approval, but contingo.notification.drp.managers names nobody to ask", run.id());
            return 0;
        }
        MailComposer.Mail mail = composer.approvalRequest(run, event.occurredAt());
        int queued = 0;
        for (String manager : settings.managers()) {
            String address = manager.trim();
            if (insert(run.id() + "/approval/" + address.toLowerCase(Locale.ROOT), event, "DRP_APPROVAL", null, address, mail)) {
                queued++;
            }
        }
        log.info("DRP run {} waits for approval: {} email(s) to managers queued", run.id(), queued);
        return queued;
    }

    private boolean insert(String id, DrpEvent event, String kind, String subscriberId, String recipient, MailComposer.Mail mail) {
        Instant now = clock.instant();
        try {
            mongo.insert(new Delivery(id, null, event.sequence(), event.sequence(), List.of(), kind, subscriberId, recipient,
                    mail.subject(), mail.text(), mail.html(), Delivery.Status.PENDING, 0, now, null, now, null));
            return true;
        } catch (DuplicateKeyException alreadyQueued) {
            return false; // the same event delivered again, or by another instance: its email is already queued or sent
        }
    }
}
