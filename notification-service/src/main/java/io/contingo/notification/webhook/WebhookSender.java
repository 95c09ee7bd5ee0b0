package io.contingo.notification.webhook;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

import io.contingo.starter.relay.RelayLoop;

/**
 * Posts the customers' webhook calls that are due, oldest first. Each body is signed with the subscriber's secret:
 * {@code X-Contingo-Signature: sha256=<hex HMAC-SHA256 of the body>}; {@code X-Contingo-Delivery} is the call's id (the
 * same on a retry, so a receiver can drop a repeat). A 2xx answer is SENT; anything else (an error status, no answer
 * within the timeout, an address refused now) is tried again after {@code first-retry-delay}, twice as long after each
 * next failure, and given up (FAILED, with the last error) after {@code attempts}. Redirects are not followed.
 */
@Component
class WebhookSender implements SmartLifecycle {

    static final String SIGNATURE = "X-Contingo-Signature";

    private static final Logger log = LoggerFactory.getLogger(WebhookSender.class);

    private final MongoTemplate mongo;
    private final WebhookSettings settings;
    private final WebhookAddresses addresses;
    private final HttpClient http;
    private final Clock clock = Clock.systemUTC();
    private final RelayLoop loop = new RelayLoop("customer-webhooks", Duration.ofSeconds(1), this::sendDue);

    WebhookSender(MongoTemplate mongo, WebhookSettings settings, WebhookAddresses addresses) {
        this.mongo = mongo;
        this.settings = settings;
        this.addresses = addresses;
        this.http = HttpClient.newBuilder().connectTimeout(settings.timeout()).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    void wake() {
        loop.wake();
    }

    private void sendDue() {
        for (WebhookCall call = take(); call != null && loop.isRunning(); call = take()) {
            send(call);
        }
    }

    /** The oldest due call, its due time moved past the call's timeout in the same write (a claim). */
    private WebhookCall take() {
        Instant now = clock.instant();
        return mongo.findAndModify(query(where("status").is(WebhookCall.Status.PENDING).and("nextAttemptAt").lte(now))
                        .with(Sort.by("nextAttemptAt")),
                new Update().set("nextAttemptAt", now.plus(settings.timeout().multipliedBy(3))).inc("attempts", 1),
                FindAndModifyOptions.options().returnNew(true), WebhookCall.class);
    }

    private void send(WebhookCall call) {
        WebhookSubscriber subscriber = mongo.findById(call.subscriberId(), WebhookSubscriber.class);
        if (subscriber == null) {
            mongo.remove(query(where("_id").is(call.id())), WebhookCall.class); // they left meanwhile
            return;
        }
        String problem = addresses.check(call.url()).map(p -> "The address is refused now (" + p + ")").orElse(null);
        if (problem == null) {
            try {
                HttpResponse<Void> response = http.send(HttpRequest.newBuilder(URI.create(call.url())).timeout(settings.timeout())
                        .header("Content-Type", "application/json").header("User-Agent", "Contingo-Webhooks")
                        .header("X-Contingo-Delivery", call.id()).header(SIGNATURE, sign(subscriber.secret(), call.body()))
                        .POST(HttpRequest.BodyPublishers.ofString(call.body(), StandardCharsets.UTF_8)).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() / 100 == 2) {
                    mongo.updateFirst(query(where("_id").is(call.id())), new Update().set("status", WebhookCall.Status.SENT)
                            .set("sentAt", clock.instant()).unset("lastError"), WebhookCall.class);
                    return;
                }
                problem = "HTTP " + response.statusCode();
            } catch (IOException | IllegalArgumentException e) {
                problem = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                problem = "Interrupted";
            }
        }
        boolean givenUp = call.attempts() >= settings.attempts();
        Duration delay = settings.firstRetryDelay().multipliedBy(1L << Math.min(call.attempts() - 1, 16));
        log.warn("Webhook call {} to {} failed (attempt {}): {}{}", call.id(), call.url(), call.attempts(), problem,
                givenUp ? ", given up" : ", next try in " + delay.toSeconds() + " s");
        mongo.updateFirst(query(where("_id").is(call.id())), new Update().set("lastError", problem)
                .set("status", givenUp ? WebhookCall.Status.FAILED : WebhookCall.Status.PENDING)
                .set("nextAttemptAt", clock.instant().plus(delay)), WebhookCall.class);
    }

    /** The signature header's value: {@code sha256=} and the hex HMAC-SHA256 of the body with the subscriber's secret. */
    static String sign(String secret, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }

    @Override
    public void start() {
        loop.start();
    }

    @Override
    public void stop() {
        loop.stop(Duration.ofSeconds(10));
    }

    @Override
    public boolean isRunning() {
        return loop.isRunning();
    }
}
