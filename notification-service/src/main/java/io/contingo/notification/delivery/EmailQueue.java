package io.contingo.notification.delivery;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * Queues an email for the {@link MailRelay} as a {@link Delivery} with a unique id, due now: a second queuing with
 * the same id (the event delivered again, a restart, another instance) changes nothing, so it is sent once. Also the
 * one place that knows the managers ({@link DrpSettings#managers()}): the same email to each, id {@code key/address}.
 */
@Component
class EmailQueue {

    private final MongoTemplate mongo;
    private final DrpSettings settings;
    private final NotificationSettings notification;
    private final Clock clock = Clock.systemUTC();

    EmailQueue(MongoTemplate mongo, DrpSettings settings, NotificationSettings notification) {
        this.mongo = mongo;
        this.settings = settings;
        this.notification = notification;
    }

    /** True when it was queued now, false when an email with this id was already queued or sent. */
    boolean queue(String id, long sequence, String kind, String subscriberId, String recipient, MailComposer.Mail mail) {
        Instant now = clock.instant();
        try {
            mongo.insert(new Delivery(id, null, sequence, sequence, List.of(), kind, subscriberId, recipient,
                    mail.subject(), mail.text(), mail.html(), Delivery.Status.PENDING, 0, now, null, now, null,
                    Delivery.newMessageId(notification.from()), null));
            return true;
        } catch (DuplicateKeyException alreadyQueued) {
            return false; // the same event delivered again, or by another instance: its email is already queued or sent
        }
    }

    /** The same email to each manager, id {@code key/address} (lower case); how many were new. */
    int queueToManagers(String key, long sequence, String kind, MailComposer.Mail mail) {
        int queued = 0;
        for (String manager : settings.managers()) {
            String address = manager.trim();
            if (queue(key + "/" + address.toLowerCase(Locale.ROOT), sequence, kind, null, address, mail)) {
                queued++;
            }
        }
        return queued;
    }

    /** Whether {@code contingo.notification.drp.managers} names anyone. */
    boolean anyManager() {
        return !settings.managers().isEmpty();
    }
}
