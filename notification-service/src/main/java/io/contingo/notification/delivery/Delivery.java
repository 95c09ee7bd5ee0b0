package io.contingo.notification.delivery;

import java.time.Instant;
import java.util.List;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * One email for one subscriber about an incident: the delivery log and the outbox in one. The first email of an
 * incident to a subscriber has the id {@code incidentId/subscriberId/first}; while it waits to be sent it takes
 * in the incident's newer snapshots (see {@link IncidentEmails}). Later ones have the id
 * {@code eventId/subscriberId}. Either way the id is unique, so an event delivered twice by Kafka never makes a
 * second email.
 *
 * @param sequence         the sequence of the event that queued it (orders emails due at the same time)
 * @param snapshotSequence the sequence of the incident snapshot the email was written from
 * @param components       the ids of the affected components the subscriber follows that the email names
 * @param messageId        the {@code Message-ID} header, fixed when the delivery is created: an email sent again (after
 *                         a crash mid-send, or by an administrator) carries the same one, so mail stores fold the two
 * @param claimedUntil     while SENDING: when the claim lapses, and another round (of any instance) may send it again
 */
@Document("deliveries")
public record Delivery(
        @Id String id,
        String incidentId,
        long sequence,
        long snapshotSequence,
        List<String> components,
        String kind,
        String subscriberId,
        String recipient,
        String subject,
        String text,
        String html,
        Status status,
        int attempts,
        Instant nextAttemptAt,
        String lastError,
        Instant createdAt,
        Instant sentAt,
        String messageId,
        Instant claimedUntil) {

    /** A new {@code Message-ID} in the domain of the sender's address ({@code <random@domain>}). */
    static String newMessageId(String from) {
        int at = from.lastIndexOf('@');
        String domain = at < 0 ? "contingo.local" : from.substring(at + 1).replaceAll("[>\\s]", "");
        return "<" + java.util.UUID.randomUUID() + "@" + (domain.isEmpty() ? "contingo.local" : domain) + ">";
    }

    public enum Status {
        /** Waiting to be sent (first try, or again after a failure). */
        PENDING,
        /** Being handed to the SMTP server; sent again when the claim lapses (the instance died mid-send). */
        SENDING,
        /** Accepted by the SMTP server. */
        SENT,
        /**
         * Left by earlier versions when the service stopped mid-send (they did not send it again): now sent again with
         * its Message-ID at start-up.
         */
        UNCONFIRMED
    }
}
