package io.contingo.notification.subscription;

import java.time.Instant;
import java.util.List;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A subscription waiting for its address to be confirmed. Its id is the SHA-256 of the token the confirmation link
 * carries, so the token itself is stored nowhere; the link works once ({@code usedAt}) and until {@code expiresAt}.
 */
@Document("subscription-requests")
record SubscriptionRequest(@Id String id, String email, List<String> components, String locale, String timeZone,
        Instant createdAt, Instant expiresAt, Instant usedAt) {
}
