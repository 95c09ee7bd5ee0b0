package io.contingo.notification.delivery;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.dao.DataAccessException;
import org.springframework.data.mongodb.core.MongoTemplate;

import io.contingo.events.IncidentEvent;
import io.contingo.notification.subscriber.Subscriber;
import io.contingo.notification.webhook.Webhooks;

/**
 * {@code onIncidentEvent}: for each confirmed subscriber who follows a component the incident touches, queues the
 * email the event makes ({@link IncidentEmails}). Writing deliveries is the only effect: a redelivered event
 * changes nothing, and the {@link MailRelay} sends them when they are due. A subscriber whose email cannot be written
 * (bad data) is logged and skipped, so that the others still get theirs; a record that is not an incident event is
 * parked on the group's dead-letter topic by the binder, and the next one is read.
 */
@Configuration
class IncidentEventsListener {

    private static final Logger log = LoggerFactory.getLogger(IncidentEventsListener.class);

    @Bean
    Consumer<IncidentEvent> onIncidentEvent(MongoTemplate mongo, IncidentEmails emails, MailRelay relay, Webhooks webhooks) {
        return event -> {
            try { // customers who take webhooks instead of emails
                int calls = webhooks.queue(event);
                if (calls > 0) {
                    log.info("Queued {} webhook call(s) for {} #{} ({})", calls, event.incidentId(), event.sequence(), event.type());
                }
            } catch (DataAccessException retry) {
                throw retry;
            } catch (RuntimeException badData) { // never at the cost of the emails
                log.error("No webhook calls for {} #{}: {}", event.incidentId(), event.sequence(), badData.toString(), badData);
            }
            int queued = 0;
            for (Subscriber subscriber : mongo.find(query(where("confirmed").is(true)), Subscriber.class)) {
                try {
                    if (emails.queue(event, subscriber)) {
                        queued++;
                    }
                } catch (DataAccessException retry) {
                    throw retry; // the database, not this subscriber: the event is delivered again (what is queued stays once)
                } catch (RuntimeException badData) { // one subscriber's data never stops the others' emails
                    log.error("No email for subscriber {} about {} #{}: {}", subscriber.id(), event.incidentId(), event.sequence(),
                            badData.toString(), badData);
                }
            }
            if (queued > 0) {
                log.info("Queued or updated {} email(s) for {} #{} ({})", queued, event.incidentId(), event.sequence(), event.type());
                relay.wake();
            }
        };
    }
}
