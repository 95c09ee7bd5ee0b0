package io.contingo.notification.subscription;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.stereotype.Component;

import io.contingo.notification.subscriber.SubscriptionSettings;

/**
 * At most {@code perClientPerHour} subscription requests from one client address and {@code perAddressPerHour} for
 * one email address in any hour (a sliding window). Each request is one document in MongoDB, so every instance
 * counts the same; email addresses are kept only as their SHA-256.
 */
@Component
class SubscribeRateLimit {

    static final Duration WINDOW = Duration.ofHours(1);

    @Document("subscribe-attempts")
    record Attempt(@Id String id, String key, Instant at) {
    }

    private final MongoTemplate mongo;
    private final SubscriptionSettings settings;
    private final Clock clock = Clock.systemUTC();

    SubscribeRateLimit(MongoTemplate mongo, SubscriptionSettings settings) {
        this.mongo = mongo;
        this.settings = settings;
    }

    /** Counts a request from this client; false when it is one too many. */
    boolean fromClient(String clientAddress) {
        return allowed("client:" + clientAddress, settings.perClientPerHour());
    }

    /** Counts a request for this email address; false when it is one too many. */
    boolean forAddress(String email) {
        return allowed("address:" + Tokens.sha256(SubscriptionManagement.normalised(email)), settings.perAddressPerHour());
    }

    private boolean allowed(String key, int limit) {
        Instant now = clock.instant();
        mongo.remove(query(where("key").is(key).and("at").lt(now.minus(WINDOW))), Attempt.class);
        mongo.insert(new Attempt(UUID.randomUUID().toString(), key, now));
        return mongo.count(query(where("key").is(key).and("at").gte(now.minus(WINDOW))), Attempt.class) <= limit;
    }
}
