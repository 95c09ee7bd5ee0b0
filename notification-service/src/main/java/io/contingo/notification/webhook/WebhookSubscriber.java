package io.contingo.notification.webhook;

import java.time.Instant;
import java.util.List;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A customer who takes webhooks instead of emails: the HTTPS address they are posted to, the components followed
 * ({@code "*"}: all), and the secret that signs each body (shown to the customer once, when they subscribed; never on a
 * page again). Its id starts with {@code wh-}, apart from the email subscribers'.
 */
@Document("webhook_subscribers")
public record WebhookSubscriber(@Id String id, String url, String secret, List<String> components, Instant createdAt) {

    public static final String ID_PREFIX = "wh-";

    boolean follows(List<String> componentIds) {
        return components != null && (components.contains("*") || componentIds.stream().anyMatch(components::contains));
    }
}
