package io.contingo.notification.webhook;

import java.time.Instant;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

import io.contingo.notification.webhookqueue.WebhookQueue;

/**
 * One payload for one webhook subscriber, waiting, posted or given up: id {@code eventId/subscriberId}, so that an event
 * delivered twice posts once. While a relay posts it, {@code nextAttemptAt} is moved past the call's timeout first, so
 * that two instances never post it together, and one that died mid-call leaves it due again.
 */
@Document("webhook_calls")
public record WebhookCall(
        @Id String id,
        String subscriberId,
        String url,
        String kind,
        String body,
        Status status,
        int attempts,
        Instant nextAttemptAt,
        String lastError,
        Instant createdAt,
        Instant sentAt) implements WebhookQueue.Call {

    public enum Status { PENDING, SENT, FAILED }
}
