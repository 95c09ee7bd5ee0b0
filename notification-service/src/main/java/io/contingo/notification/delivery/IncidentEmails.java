package io.contingo.notification.delivery;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

import io.contingo.events.IncidentEvent;
import io.contingo.events.IncidentSnapshot;
import io.contingo.notification.delivery.MailComposer.Kind;
import io.contingo.notification.subscriber.Subscriber;

/**
 * Decides which email an incident event makes for one subscriber, and queues it as a {@link Delivery}.
 *
 * <p>The first email of an incident to a subscriber is due {@code groupWait} after the incident opened. Until it
 * is claimed for sending, each newer snapshot (more components failing, a public update) is written into it, so it
 * names every affected component the subscriber follows. The relay claims it in one atomic write, so its content
 * is frozen from then on, and any later event is weighed against what it said: a component the subscriber follows
 * that joins afterwards makes an update email naming it. Every decision is a write to one document under a unique
 * id or a condition on its status and snapshot sequence, so redelivered events, restarts and two instances never
 * make an email twice.
 */
@Component
class IncidentEmails {

    private final MongoTemplate mongo;
    private final MailComposer composer;
    private final NotificationSettings settings;
    private final Clock clock = Clock.systemUTC();

    IncidentEmails(MongoTemplate mongo, MailComposer composer, NotificationSettings settings) {
        this.mongo = mongo;
        this.composer = composer;
        this.settings = settings;
    }

    /** Queues (or brings up to date) the email this event makes for the subscriber; true when anything changed. */
    boolean queue(IncidentEvent event, Subscriber subscriber) {
        List<String> followed = followed(event.incident(), subscriber);
        if (followed.isEmpty() || event.type() == IncidentEvent.Type.DETAILS_CHANGED) {
            return false;
        }
        String firstId = event.incidentId() + "/" + subscriber.id() + "/first";
        for (int attempt = 0; attempt < 3; attempt++) { // another instance may change the first email meanwhile
            Delivery first = mongo.findById(firstId, Delivery.class);
            if (first == null && !alreadyTold(event.incidentId(), subscriber.id())) {
                if (event.type() == IncidentEvent.Type.RESOLVED) {
                    return later(event, subscriber, followed, Kind.RESOLVED, List.of(), clock.instant());
                }
                if (insert(firstEmail(firstId, event, subscriber, followed))) {
                    return true;
                }
                continue; // queued by a redelivery or another instance just now: look again
            }
            if (first != null && first.snapshotSequence() >= event.sequence()) {
                return false; // this event is in the first email already
            }
            if (first != null && first.status() == Delivery.Status.PENDING && joinsFirstEmail(event)) {
                if (bringUpToDate(first, event, subscriber, followed)) {
                    return true;
                }
                continue; // claimed for sending meanwhile: its content is what went out
            }
            Instant notBefore = first == null ? clock.instant() : first.nextAttemptAt();
            return afterFirst(event, subscriber, followed, notBefore);
        }
        throw new OptimisticLockingFailureException("The first email of " + event.incidentId() + " to " + subscriber.id()
                + " kept changing: the event will be delivered again");
    }

    /** While the first email waits, opening events, components joining and public updates go into it; a resolution does not. */
    private static boolean joinsFirstEmail(IncidentEvent event) {
        return switch (event.type()) {
            case OPENED, COMPONENTS_CHANGED, UPDATED -> event.incident().status() != IncidentSnapshot.Status.RESOLVED;
            case RESOLVED, REOPENED, DETAILS_CHANGED -> false;
        };
    }

    private Delivery firstEmail(String id, IncidentEvent event, Subscriber subscriber, List<String> followed) {
        MailComposer.Mail mail = composer.compose(Kind.OPENED, event.incident(), subscriber, List.of());
        Instant now = clock.instant();
        Instant due = event.incident().createdAt().plus(settings.groupWait());
        return new Delivery(id, event.incidentId(), event.sequence(), event.sequence(), followed, Kind.OPENED.name(),
                subscriber.id(), subscriber.email(), mail.subject(), mail.text(), mail.html(), Delivery.Status.PENDING, 0,
                due.isAfter(now) ? due : now, null, now, null, Delivery.newMessageId(settings.from()), null);
    }

    /** Rewrites the first email from a newer snapshot, only if it is still waiting and older: one atomic write. */
    private boolean bringUpToDate(Delivery first, IncidentEvent event, Subscriber subscriber, List<String> followed) {
        MailComposer.Mail mail = composer.compose(Kind.OPENED, event.incident(), subscriber, List.of());
        return mongo.updateFirst(query(where("_id").is(first.id()).and("status").is(Delivery.Status.PENDING)
                        .and("snapshotSequence").lt(event.sequence())),
                new Update().set("snapshotSequence", event.sequence()).set("components", followed)
                        .set("subject", mail.subject()).set("text", mail.text()).set("html", mail.html()),
                Delivery.class).getModifiedCount() > 0;
    }

    /** An event after the first email was claimed (or that does not go into it): an update or the resolution. */
    private boolean afterFirst(IncidentEvent event, Subscriber subscriber, List<String> followed, Instant notBefore) {
        Set<String> told = toldBefore(event, subscriber);
        List<String> joined = followed.stream().filter(id -> !told.contains(id)).toList();
        Optional<Kind> kind = switch (event.type()) {
            case OPENED, UPDATED, REOPENED -> Optional.of(Kind.UPDATE);
            case COMPONENTS_CHANGED -> joined.isEmpty() ? Optional.empty() : Optional.of(Kind.UPDATE);
            case RESOLVED -> Optional.of(Kind.RESOLVED);
            case DETAILS_CHANGED -> Optional.empty();
        };
        if (kind.isEmpty()) {
            return false;
        }
        Instant now = clock.instant();
        return later(event, subscriber, followed, kind.get(), kind.get() == Kind.UPDATE ? names(event.incident(), joined) : List.of(),
                notBefore.isAfter(now) ? notBefore : now); // never before the first email
    }

    private boolean later(IncidentEvent event, Subscriber subscriber, List<String> followed, Kind kind, List<String> joinedNames,
            Instant due) {
        MailComposer.Mail mail = composer.compose(kind, event.incident(), subscriber, joinedNames);
        Instant now = clock.instant();
        return insert(new Delivery(event.eventId() + "/" + subscriber.id(), event.incidentId(), event.sequence(), event.sequence(),
                followed, kind.name(), subscriber.id(), subscriber.email(), mail.subject(), mail.text(), mail.html(),
                Delivery.Status.PENDING, 0, due, null, now, null, Delivery.newMessageId(settings.from()), null));
    }

    /**
     * The followed components named by the subscriber's emails written from snapshots before this event's. An email
     * queued before emails recorded what they named counts as having named every component followed now.
     */
    private Set<String> toldBefore(IncidentEvent event, Subscriber subscriber) {
        Set<String> told = new HashSet<>();
        for (Delivery earlier : mongo.find(query(where("incidentId").is(event.incidentId()).and("subscriberId").is(subscriber.id())
                .and("snapshotSequence").lt(event.sequence())), Delivery.class)) {
            told.addAll(earlier.components() == null ? followed(event.incident(), subscriber) : earlier.components());
        }
        return told;
    }

    private boolean alreadyTold(String incidentId, String subscriberId) {
        return mongo.exists(query(where("incidentId").is(incidentId).and("subscriberId").is(subscriberId)), Delivery.class);
    }

    private boolean insert(Delivery delivery) {
        try {
            mongo.insert(delivery);
            return true;
        } catch (DuplicateKeyException alreadyQueued) {
            return false; // the same event delivered again: its email is already queued or sent
        }
    }

    /** The ids of the incident's components that the subscriber follows. */
    static List<String> followed(IncidentSnapshot incident, Subscriber subscriber) {
        return incident.components().stream().map(IncidentSnapshot.AffectedComponent::componentId)
                .filter(id -> subscriber.follows(List.of(id))).toList();
    }

    private static List<String> names(IncidentSnapshot incident, List<String> componentIds) {
        return incident.components().stream().filter(c -> componentIds.contains(c.componentId()))
                .map(c -> c.name() == null ? c.componentId() : c.name()).toList();
    }
}
