package io.contingo.notification.subscription;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

import io.contingo.notification.delivery.Outbox;
import io.contingo.notification.subscriber.Subscriber;
import io.contingo.notification.subscriber.SubscriptionSettings;
import io.contingo.notification.webhook.WebhookSubscriber;
import io.contingo.notification.webhook.Webhooks;

/**
 * Customers subscribing and leaving by themselves, with double opt-in. A request for an address that is not yet
 * subscribed stores a {@link SubscriptionRequest} and emails a confirmation link (the only email an unconfirmed
 * address ever gets: no {@link Subscriber} exists until the link is opened); a request for an address already
 * subscribed emails it a link to manage its subscription instead, and changes nothing. Either way the requester
 * sees the same answer, so the page tells nobody who is subscribed.
 */
@Component
class SubscriptionManagement {

    /** What opening a confirmation link did. */
    enum Outcome { CONFIRMED, EXPIRED, NOT_VALID }

    /** The outcome, and the subscriber when confirmed. */
    record Confirmation(Outcome outcome, Subscriber subscriber) {
        static Confirmation refused(Outcome outcome) {
            return new Confirmation(outcome, null);
        }
    }

    private static final Logger log = LoggerFactory.getLogger(SubscriptionManagement.class);

    private final MongoTemplate mongo;
    private final Outbox outbox;
    private final SubscriptionMails mails;
    private final SubscriptionSettings settings;
    private final Clock clock = Clock.systemUTC();

    private final Webhooks webhooks;

    SubscriptionManagement(MongoTemplate mongo, Outbox outbox, SubscriptionMails mails, SubscriptionSettings settings, Webhooks webhooks) {
        this.webhooks = webhooks;
        this.mongo = mongo;
        this.outbox = outbox;
        this.mails = mails;
        this.settings = settings;
    }

    static String normalised(String email) {
        return email.trim().toLowerCase(Locale.ROOT);
    }

    /** Queues the confirmation email, or the "already subscribed" one. */
    void request(SubscribeForm form) {
        String email = normalised(form.email());
        Subscriber existing = byEmail(email);
        if (existing != null) {
            send("already/" + existing.id() + "/" + UUID.randomUUID(), "ALREADY_SUBSCRIBED", existing.id(), existing.email(),
                    mails.alreadySubscribed(existing));
            return;
        }
        String token = Tokens.random();
        Instant now = clock.instant();
        SubscriptionRequest request = new SubscriptionRequest(Tokens.sha256(token), email, components(form.components()),
                form.language(), form.timeZone(), now, now.plus(settings.confirmationValidity()), null);
        mongo.insert(request);
        send("confirm/" + request.id(), "CONFIRMATION", null, email, mails.confirmation(request, token));
    }

    private void send(String id, String kind, String subscriberId, String to, SubscriptionMails.Mail mail) {
        outbox.queue(id, kind, subscriberId, to, mail.subject(), mail.text(), mail.html());
    }

    /** Opens a confirmation link: once, within its validity; the subscription is then active. */
    Confirmation confirm(String token) {
        if (token == null || token.isBlank() || token.length() > 100) {
            return Confirmation.refused(Outcome.NOT_VALID);
        }
        String id = Tokens.sha256(token);
        Instant now = clock.instant();
        SubscriptionRequest request = mongo.findAndModify(query(where("_id").is(id).and("usedAt").is(null).and("expiresAt").gt(now)),
                new Update().set("usedAt", now), FindAndModifyOptions.options().returnNew(true), SubscriptionRequest.class);
        if (request == null) {
            SubscriptionRequest known = mongo.findById(id, SubscriptionRequest.class);
            return Confirmation.refused(known != null && known.usedAt() == null ? Outcome.EXPIRED : Outcome.NOT_VALID);
        }
        Subscriber existing = byEmail(request.email());
        Subscriber subscriber = new Subscriber(existing == null ? UUID.randomUUID().toString() : existing.id(), request.email(),
                existing == null ? null : existing.name(), request.timeZone(), request.locale(), request.components(), true,
                existing == null ? now : existing.createdAt());
        mongo.save(subscriber);
        log.info("Subscriber {} confirmed their address", subscriber.id());
        return new Confirmation(Outcome.CONFIRMED, subscriber);
    }

    /** A webhook subscriber, by id. */
    Optional<WebhookSubscriber> webhook(String id) {
        return webhooks.find(id);
    }

    Optional<Subscriber> subscriber(String id) {
        return Optional.ofNullable(mongo.findById(id, Subscriber.class));
    }

    /** Changes what a subscriber follows, and their emails' language and time zone. */
    Subscriber change(Subscriber subscriber, SubscribeForm form) {
        Subscriber changed = new Subscriber(subscriber.id(), subscriber.email(), subscriber.name(), form.timeZone(), form.language(),
                components(form.components()), true, subscriber.createdAt());
        mongo.save(changed);
        return changed;
    }

    /** Removes the subscriber and what is still waiting to be sent to them; false when there was none. */
    boolean unsubscribe(String subscriberId) {
        if (subscriberId.startsWith(WebhookSubscriber.ID_PREFIX)) {
            return webhooks.unsubscribe(subscriberId);
        }
        boolean removed = mongo.remove(query(where("_id").is(subscriberId)), Subscriber.class).getDeletedCount() > 0;
        long dropped = outbox.dropPending(subscriberId);
        if (removed) {
            log.info("Subscriber {} unsubscribed ({} waiting email(s) dropped)", subscriberId, dropped);
        }
        return removed;
    }

    private Subscriber byEmail(String email) {
        return mongo.findOne(query(where("email").is(email)), Subscriber.class);
    }

    /** "All services" wins over a list of components. */
    private static List<String> components(List<String> chosen) {
        return chosen.contains(Subscriber.ALL_COMPONENTS) ? List.of(Subscriber.ALL_COMPONENTS) : List.copyOf(chosen);
    }
}
