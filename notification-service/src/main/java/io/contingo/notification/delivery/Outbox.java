package io.contingo.notification.delivery;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * For other parts of the service: queue an email written elsewhere (a subscription's confirmation), and drop what is
 * still waiting for a subscriber who left. Sent by the {@link MailRelay} like every other email.
 */
@Component
public class Outbox {

    private final EmailQueue queue;
    private final MailRelay relay;
    private final MongoTemplate mongo;

    Outbox(EmailQueue queue, MailRelay relay, MongoTemplate mongo) {
        this.queue = queue;
        this.relay = relay;
        this.mongo = mongo;
    }

    /**
     * Queues an email due now under a unique id; {@code subscriberId} null for an address that is not (yet) a
     * subscriber, whose email then carries no unsubscribe headers. False when this id was queued before.
     */
    public boolean queue(String id, String kind, String subscriberId, String recipient, String subject, String text, String html) {
        boolean queued = queue.queue(id, 0, kind, subscriberId, recipient, new MailComposer.Mail(subject, text, html));
        relay.wake();
        return queued;
    }

    /** Drops the emails still waiting for this subscriber (they left); how many. */
    public long dropPending(String subscriberId) {
        return mongo.remove(query(where("subscriberId").is(subscriberId).and("status").is(Delivery.Status.PENDING)), Delivery.class)
                .getDeletedCount();
    }
}
