package io.contingo.notification.paging;

import java.time.Instant;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

import io.contingo.notification.webhookqueue.WebhookQueue;

/**
 * One webhook call of a page, waiting, done or given up: id {@code pageId/webhook/n}, so that a page delivered twice
 * by Kafka posts once. {@code nextAttemptAt} is when it is due; a relay that takes it moves that on first, so that two
 * instances do not post it together.
 */
@Document("page_webhooks")
record PageWebhook(
        @Id String id,
        String url,
        String kind,
        String body,
        Status status,
        int attempts,
        Instant nextAttemptAt,
        String lastError,
        Instant createdAt,
        Instant sentAt) implements WebhookQueue.Call {

    enum Status { PENDING, SENT, FAILED }
}
