package io.contingo.notification.webhook;

import java.util.Map;
import java.util.Optional;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

import io.contingo.notification.webhookqueue.WebhookQueue;

/**
 * Posts the customers' webhook calls ({@link WebhookCall}) through a {@link WebhookQueue}: each signed with the
 * subscriber's secret ({@code X-Contingo-Timestamp}, and {@code X-Contingo-Signature: sha256=<hex HMAC-SHA256 of
 * "<timestamp>.<body>">}), with {@code X-Contingo-Delivery} the call's id (the same on a retry, so a receiver can drop
 * a repeat). Before each call the address is checked again ({@link WebhookAddresses}) and the call connects only to
 * the addresses that check allowed. A call whose subscriber left meanwhile is dropped.
 */
@Component
class WebhookSender extends WebhookQueue<WebhookCall> {

    private final MongoTemplate mongo;
    private final WebhookAddresses addresses;

    WebhookSender(MongoTemplate mongo, WebhookSettings settings, WebhookAddresses addresses) {
        super("customer-webhooks", mongo, WebhookCall.class,
                new Retries(settings.attempts(), settings.firstRetryDelay(), settings.timeout()), "Contingo-Webhooks");
        this.mongo = mongo;
        this.addresses = addresses;
    }

    @Override
    protected Optional<Post> prepare(WebhookCall call) throws Refused {
        WebhookSubscriber subscriber = mongo.findById(call.subscriberId(), WebhookSubscriber.class);
        if (subscriber == null) {
            return Optional.empty(); // they left meanwhile
        }
        WebhookAddresses.Checked checked = addresses.judge(call.url());
        if (checked.problem() != null) {
            throw new Refused("The address is refused now (" + checked.problem() + ")");
        }
        return Optional.of(new Post(checked.addresses(), subscriber.secret(), Map.of("X-Contingo-Delivery", call.id())));
    }
}
