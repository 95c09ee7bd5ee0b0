package io.contingo.notification.delivery;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;

import io.contingo.events.IncidentEvent;
import io.contingo.notification.delivery.MailComposer.Kind;
import io.contingo.notification.subscriber.Subscriber;

/**
 * {@code onIncidentEvent}: for each confirmed subscriber who follows a component the incident touches, queues
 * one email (a {@link Delivery}) when the incident opens, gets a public update, or resolves. A subscriber whose
 * component joins an incident already open gets the "opened" email then. Writing the delivery is the only
 * effect, under a unique id: a redelivered event changes nothing, and the {@link MailRelay} sends it.
 */
@Configuration
class IncidentEventsListener {

    private static final Logger log = LoggerFactory.getLogger(IncidentEventsListener.class);

    @Bean
    Consumer<IncidentEvent> onIncidentEvent(MongoTemplate mongo, MailComposer composer, MailRelay relay) {
        Clock clock = Clock.systemUTC();
        return event -> {
            List<String> touched = MailComposer.componentIds(event.incident());
            int queued = 0;
            for (Subscriber subscriber : mongo.find(query(where("confirmed").is(true)), Subscriber.class)) {
                if (!subscriber.follows(touched)) {
                    continue;
                }
                Optional<Kind> kind = kindFor(event, () -> alreadyTold(mongo, event.incidentId(), subscriber.id()));
                if (kind.isEmpty()) {
                    continue;
                }
                MailComposer.Mail mail = composer.compose(kind.get(), event.incident(), subscriber);
                Instant now = clock.instant();
                try {
                    mongo.insert(new Delivery(event.eventId() + "/" + subscriber.id(), event.incidentId(), event.sequence(),
                            kind.get().name(), subscriber.id(), subscriber.email(), mail.subject(), mail.text(), mail.html(),
                            Delivery.Status.PENDING, 0, now, null, now, null));
                    queued++;
                } catch (DuplicateKeyException alreadyQueued) {
                    // the same event delivered again: its email is already queued or sent
                }
            }
            if (queued > 0) {
                log.info("Queued {} email(s) for {} #{} ({})", queued, event.incidentId(), event.sequence(), event.type());
                relay.wake();
            }
        };
    }

    private static boolean alreadyTold(MongoTemplate mongo, String incidentId, String subscriberId) {
        return mongo.exists(query(where("incidentId").is(incidentId).and("subscriberId").is(subscriberId)), Delivery.class);
    }

    /** Which email an event makes for a subscriber, if any; asks the delivery log only when the answer depends on it. */
    static Optional<Kind> kindFor(IncidentEvent event, BooleanSupplier alreadyTold) {
        return switch (event.type()) {
            case OPENED -> Optional.of(Kind.OPENED);
            case UPDATED, REOPENED -> Optional.of(alreadyTold.getAsBoolean() ? Kind.UPDATE : Kind.OPENED);
            case RESOLVED -> Optional.of(Kind.RESOLVED);
            case COMPONENTS_CHANGED -> alreadyTold.getAsBoolean() ? Optional.empty() : Optional.of(Kind.OPENED);
            case DETAILS_CHANGED -> Optional.empty(); // internal details: nothing new for customers
        };
    }
}
