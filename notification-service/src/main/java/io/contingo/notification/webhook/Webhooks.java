package io.contingo.notification.webhook;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

import io.contingo.events.ComponentStatusChanged;
import io.contingo.events.IncidentEvent;
import io.contingo.events.IncidentSnapshot;

/**
 * Customers' webhooks: subscribing (the address checked by {@link WebhookAddresses}, a random secret made and
 * returned once), leaving, and the calls an incident's event or a component's status change makes for each webhook
 * subscriber who follows a component it touches, queued under a unique id for the {@link WebhookSender}.
 */
@Component
public class Webhooks {

    /** A new webhook subscriber, with the secret that signs its calls: the only time it is given out. */
    public record Created(WebhookSubscriber subscriber, String secret) {
    }

    /** The address was refused; {@code problem} names why (FORMAT, SCHEME, UNKNOWN_HOST, REFUSED). */
    public static final class RefusedAddress extends RuntimeException {
        private final String problem;

        RefusedAddress(String problem) {
            super("The webhook address is refused: " + problem);
            this.problem = problem;
        }

        public String problem() {
            return problem;
        }
    }

    private static final Logger log = LoggerFactory.getLogger(Webhooks.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final MongoTemplate mongo;
    private final WebhookAddresses addresses;
    private final StatuspagePayloads payloads;
    private final WebhookSender sender;
    private final Clock clock = Clock.systemUTC();

    Webhooks(MongoTemplate mongo, WebhookAddresses addresses, StatuspagePayloads payloads, WebhookSender sender) {
        this.mongo = mongo;
        this.addresses = addresses;
        this.payloads = payloads;
        this.sender = sender;
    }

    /** Why this address cannot take webhooks (FORMAT, SCHEME, UNKNOWN_HOST, REFUSED), if it cannot. */
    public Optional<String> problemWith(String url) {
        return addresses.check(url).map(Enum::name);
    }

    /** Subscribes the address to the components ({@code "*"}: all). */
    public Created subscribe(String url, List<String> components) {
        problemWith(url).ifPresent(problem -> {
            throw new RefusedAddress(problem);
        });
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        String secret = "whsec_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        byte[] id = new byte[12];
        RANDOM.nextBytes(id);
        WebhookSubscriber subscriber = new WebhookSubscriber(WebhookSubscriber.ID_PREFIX + HexFormat.of().formatHex(id), url.trim(),
                secret, components.contains("*") ? List.of("*") : List.copyOf(components), clock.instant());
        mongo.insert(subscriber);
        log.info("Webhook subscriber {} subscribed to {}", subscriber.id(), subscriber.components());
        return new Created(subscriber, secret);
    }

    public Optional<WebhookSubscriber> find(String id) {
        return id == null || !id.startsWith(WebhookSubscriber.ID_PREFIX) ? Optional.empty()
                : Optional.ofNullable(mongo.findById(id, WebhookSubscriber.class));
    }

    /** Removes the webhook subscriber and drops their calls still waiting; false when there was none. */
    public boolean unsubscribe(String id) {
        boolean removed = mongo.remove(query(where("_id").is(id)), WebhookSubscriber.class).getDeletedCount() > 0;
        mongo.remove(query(where("subscriberId").is(id).and("status").is(WebhookCall.Status.PENDING)), WebhookCall.class);
        return removed;
    }

    /** Queues an incident payload for each webhook subscriber following one of its components; how many were new. */
    public int queue(IncidentEvent event) {
        if (event.type() == IncidentEvent.Type.DETAILS_CHANGED) {
            return 0;
        }
        List<String> components = event.incident().components().stream().map(IncidentSnapshot.AffectedComponent::componentId).toList();
        int queued = 0;
        for (WebhookSubscriber subscriber : mongo.findAll(WebhookSubscriber.class)) {
            if (subscriber.follows(components)
                    && insert(event.eventId(), subscriber, "incident", payloads.incident(event, subscriber.id()))) {
                queued++;
            }
        }
        return queued;
    }

    /** Queues a component payload for each webhook subscriber following the component; how many were new. */
    public int queue(ComponentStatusChanged change) {
        int queued = 0;
        for (WebhookSubscriber subscriber : mongo.findAll(WebhookSubscriber.class)) {
            if (subscriber.follows(List.of(change.componentId()))
                    && insert(change.eventId(), subscriber, "component", payloads.component(change, subscriber.id()))) {
                queued++;
            }
        }
        return queued;
    }

    private boolean insert(String eventId, WebhookSubscriber subscriber, String kind, String body) {
        Instant now = clock.instant();
        try {
            mongo.insert(new WebhookCall(eventId + "/" + subscriber.id(), subscriber.id(), subscriber.url(), kind, body,
                    WebhookCall.Status.PENDING, 0, now, null, now, null));
            sender.wake();
            return true;
        } catch (DuplicateKeyException alreadyQueued) {
            return false; // the same event delivered again: its call is queued or made already
        }
    }
}
