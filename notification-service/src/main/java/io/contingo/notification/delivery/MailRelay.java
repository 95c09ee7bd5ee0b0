package io.contingo.notification.delivery;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
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
 * Sends queued emails. Each one is claimed (PENDING → SENDING) in one atomic write before it goes to the SMTP
 * server and marked SENT after, so two instances never send the same one. A failed send goes back to PENDING
 * with a growing delay (5 s, 10 s, 20 s... up to {@code maxRetryDelay}) and never blocks the others. An email
 * found SENDING at start-up was interrupted mid-send: it may have gone out, so it is marked UNCONFIRMED and
 * not sent again (at most once). A customer's email (one with a subscriber) carries the RFC 8058 one-click
 * unsubscribe headers.
 */
@Component
class MailRelay implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(MailRelay.class);
    private static final Duration FIRST_RETRY = Duration.ofSeconds(5);

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
        long interrupted = mongo.updateMulti(query(where("status").is(Delivery.Status.SENDING)),
                new Update().set("status", Delivery.Status.UNCONFIRMED)
                        .set("lastError", "The service stopped while sending: not sent again, to avoid a duplicate"),
                Delivery.class).getModifiedCount();
        if (interrupted > 0) {
            log.warn("{} email(s) were being sent when the service last stopped: marked UNCONFIRMED", interrupted);
        }
        loop.start();
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
                query(where("status").is(Delivery.Status.PENDING).and("nextAttemptAt").lte(now))
                        .with(Sort.by("nextAttemptAt", "sequence")),
                new Update().set("status", Delivery.Status.SENDING).inc("attempts", 1),
                FindAndModifyOptions.options().returnNew(true), Delivery.class);
        if (delivery == null) {
            return false;
        }
        try {
            mail.send(message(delivery));
            mongo.updateFirst(query(where("_id").is(delivery.id())),
                    new Update().set("status", Delivery.Status.SENT).set("sentAt", clock.instant()).unset("lastError"),
                    Delivery.class);
        } catch (MailException | MessagingException e) {
            Duration delay = retryDelay(delivery.attempts());
            log.warn("Email {} to {} failed (attempt {}), next try in {} s: {}", delivery.id(), delivery.recipient(),
                    delivery.attempts(), delay.toSeconds(), e.getMessage());
            mongo.updateFirst(query(where("_id").is(delivery.id())),
                    new Update().set("status", Delivery.Status.PENDING).set("nextAttemptAt", clock.instant().plus(delay))
                            .set("lastError", String.valueOf(e.getMessage())),
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
        if (delivery.subscriberId() != null) { // a customer's email: one-click unsubscribe (RFC 8058)
            message.setHeader("List-Unsubscribe", links.listUnsubscribeHeader(delivery.subscriberId()));
            message.setHeader("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        }
        return message;
    }
}
