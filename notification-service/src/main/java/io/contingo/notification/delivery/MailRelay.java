package io.contingo.notification.delivery;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.mail.MailException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;

import io.contingo.notification.subscriber.SubscriberLinks;
import io.contingo.starter.relay.RelayLoop;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

/**
 * Sends queued emails. Each one is claimed (PENDING → SENDING, until {@code claimTimeout} from now) in one atomic write
 * before it goes to the SMTP server and marked SENT after, so two instances never send the same one at once. A failed
 * send goes back to PENDING with a growing delay (5 s, 10 s, 20 s... up to {@code maxRetryDelay}) and never blocks the
 * others. An email whose claim lapsed (its instance died mid-send) is claimed and sent again, with the Message-ID it was
 * given when it was queued: losing a customer's notice is worse than a duplicate, and mail stores fold a duplicate by its
 * Message-ID. A customer's email (one with a subscriber) carries the RFC 8058 one-click unsubscribe headers.
 */
@Component
class MailRelay implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(MailRelay.class);
    private static final Duration FIRST_RETRY = Duration.ofSeconds(5);
    private static final String INTERRUPTED = "The service stopped while sending: sent again with the same Message-ID";

    private final MongoTemplate mongo;
    private final JavaMailSender mail;
    private final NotificationSettings settings;
    private final Clock clock = Clock.systemUTC();
    private final RelayLoop loop = new RelayLoop("mail-relay", Duration.ofSeconds(1), this::sendDue);

    private final SubscriberLinks links;

    MailRelay(MongoTemplate mongo, JavaMailSender mail, NotificationSettings settings, SubscriberLinks links) {
        this.mongo = mongo;
        this.mail = mail;
        this.settings = settings;
        this.links = links;
    }

    void wake() {
        loop.wake();
    }

    @Override
    public void start() {
        // left by earlier versions, which did not send an interrupted email again: send it now (one claimed by a
        // running instance has a claim, and waits for it to lapse in sendNext)
        long interrupted = mongo.updateMulti(new Query(new Criteria().orOperator(where("status").is(Delivery.Status.UNCONFIRMED),
                        where("status").is(Delivery.Status.SENDING).and("claimedUntil").exists(false))),
                new Update().set("status", Delivery.Status.PENDING).set("nextAttemptAt", clock.instant())
                        .set("lastError", INTERRUPTED),
                Delivery.class).getModifiedCount();
        if (interrupted > 0) {
            log.warn("{} email(s) were being sent when the service last stopped: sent again with the same Message-ID", interrupted);
        }
        loop.start();
    }

    /**
     * An administrator's "send again" of an email that went (or may have gone) out: queued again, due now, with the same
     * content and Message-ID. False when it is not SENT or UNCONFIRMED (waiting or being sent already, or gone).
     */
    boolean resend(String id) {
        boolean queued = mongo.updateFirst(query(where("_id").is(id).and("status").in(Delivery.Status.SENT, Delivery.Status.UNCONFIRMED)),
                new Update().set("status", Delivery.Status.PENDING).set("nextAttemptAt", clock.instant()).unset("lastError"),
                Delivery.class).getModifiedCount() > 0;
        if (queued) {
            wake();
        }
        return queued;
    }

    @Override
    public void stop() {
        loop.stop(Duration.ofSeconds(10)); // let a send in progress finish and be recorded
    }

    @Override
    public boolean isRunning() {
        return loop.isRunning();
    }

    /** One round: everything that is due, oldest first, until a send fails or nothing is due. */
    private void sendDue() {
        while (loop.isRunning() && sendNext()) {
            // next one
        }
    }

    /** Claims and sends the oldest due email; false when none is due. */
    boolean sendNext() {
        Instant now = clock.instant();
        Delivery delivery = mongo.findAndModify(
                new Query(new Criteria().orOperator(where("status").is(Delivery.Status.PENDING).and("nextAttemptAt").lte(now),
                        // claimed by an instance that died mid-send: it may not have gone out
                        where("status").is(Delivery.Status.SENDING).and("claimedUntil").lte(now)))
                        .with(Sort.by("nextAttemptAt", "sequence")),
                new Update().set("status", Delivery.Status.SENDING).set("claimedUntil", now.plus(settings.claimTimeout())).inc("attempts", 1),
                FindAndModifyOptions.options().returnNew(true), Delivery.class);
        if (delivery == null) {
            return false;
        }
        try {
            mail.send(message(delivery));
            mongo.updateFirst(query(where("_id").is(delivery.id())),
                    new Update().set("status", Delivery.Status.SENT).set("sentAt", clock.instant()).unset("lastError").unset("claimedUntil"),
                    Delivery.class);
        } catch (MailException | MessagingException e) {
            Duration delay = retryDelay(delivery.attempts());
            log.warn("Email {} to {} failed (attempt {}), next try in {} s: {}", delivery.id(), delivery.recipient(),
                    delivery.attempts(), delay.toSeconds(), e.getMessage());
            mongo.updateFirst(query(where("_id").is(delivery.id())),
                    new Update().set("status", Delivery.Status.PENDING).set("nextAttemptAt", clock.instant().plus(delay))
                            .set("lastError", String.valueOf(e.getMessage())).unset("claimedUntil"),
                    Delivery.class);
            return false; // the SMTP server is likely down: don't hammer it with the rest right now
        }
        return true;
    }

    private Duration retryDelay(int attempts) {
        Duration delay = FIRST_RETRY.multipliedBy(1L << Math.min(attempts - 1, 16));
        return delay.compareTo(settings.maxRetryDelay()) > 0 ? settings.maxRetryDelay() : delay;
    }

    private MimeMessage message(Delivery delivery) throws MessagingException {
        MimeMessage message = mail.createMimeMessage();
        MimeMessageHelper helper = new MimeMessageHelper(message, true, StandardCharsets.UTF_8.name());
        helper.setFrom(settings.from());
        helper.setTo(delivery.recipient());
        helper.setSubject(delivery.subject());
        helper.setText(delivery.text(), delivery.html());
        message.setHeader("X-Contingo-Delivery", delivery.id());
        // kept by JavaMailSenderImpl when it saves the message: the same on every send of this delivery
        message.setHeader("Message-ID", delivery.messageId() != null ? delivery.messageId()
                : "<" + UUID.nameUUIDFromBytes(delivery.id().getBytes(StandardCharsets.UTF_8)) + "@contingo.local>"); // queued before ids
        if (delivery.subscriberId() != null) { // a customer's email: one-click unsubscribe (RFC 8058)
            message.setHeader("List-Unsubscribe", links.listUnsubscribeHeader(delivery.subscriberId()));
            message.setHeader("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        }
        return message;
    }
}
