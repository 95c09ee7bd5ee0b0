package io.contingo.notification.delivery;

import java.time.Instant;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * One email for one subscriber about one incident event: the delivery log and the outbox in one. Its id
 * ({@code eventId/subscriberId}) is unique, so an event delivered twice by Kafka never makes a second email.
 */
@Document("deliveries")
public record Delivery(
        @Id String id,
        String incidentId,
        long sequence,
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
        Instant sentAt) {

    public enum Status {
        /** Waiting to be sent (first try, or again after a failure). */
        PENDING,
        /** Being handed to the SMTP server. */
        SENDING,
        /** Accepted by the SMTP server. */
        SENT,
        /** The service stopped while handing it over: it may have gone out, so it is not sent again. */
        UNCONFIRMED
    }
}
