package io.contingo.notification.paging;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

import io.contingo.starter.relay.RelayLoop;

/**
 * Posts the pages' webhooks that are due, one at a time: a 2xx answer is SENT; anything else (an error status, no
 * answer within {@code webhook-timeout}) is tried again after {@code first-retry-delay}, twice as long after each next
 * failure, and given up (FAILED, with the last error) after {@code webhook-attempts}. Each call is taken with one
 * atomic write that moves its due time past the call's timeout, so that two instances never post it together.
 */
@Component
class WebhookRelay implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(WebhookRelay.class);

    private final MongoTemplate mongo;
    private final PagingSettings settings;
    private final Clock clock = Clock.systemUTC();
    private final HttpClient http;
    private final RelayLoop loop = new RelayLoop("page-webhooks", Duration.ofSeconds(1), this::sendDue);

    WebhookRelay(MongoTemplate mongo, PagingSettings settings) {
        this.mongo = mongo;
        this.settings = settings;
        this.http = HttpClient.newBuilder().connectTimeout(settings.webhookTimeout()).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    void wake() {
        loop.wake();
    }

    /** Every call due now, each taken before it is made. */
    void sendDue() {
        for (PageWebhook call = take(); call != null; call = take()) {
            send(call);
        }
    }

    private PageWebhook take() {
        Instant now = clock.instant();
        return mongo.findAndModify(query(where("status").is(PageWebhook.Status.PENDING).and("nextAttemptAt").lte(now)),
                new Update().set("nextAttemptAt", now.plus(settings.webhookTimeout()).plusSeconds(30)),
                FindAndModifyOptions.options().returnNew(false), PageWebhook.class);
    }

    private void send(PageWebhook call) {
        String error;
        try {
            HttpResponse<Void> response = http.send(HttpRequest.newBuilder(URI.create(call.url())).timeout(settings.webhookTimeout())
                    .header("Content-Type", "application/json").header("User-Agent", "Contingo paging")
                    .POST(HttpRequest.BodyPublishers.ofString(call.body())).build(), HttpResponse.BodyHandlers.discarding());
            if (response.statusCode() / 100 == 2) {
                mongo.updateFirst(query(where("_id").is(call.id())), new Update().set("status", PageWebhook.Status.SENT)
                        .set("attempts", call.attempts() + 1).set("sentAt", clock.instant()).unset("lastError"), PageWebhook.class);
                return;
            }
            error = "HTTP " + response.statusCode();
        } catch (IOException | IllegalArgumentException e) {
            error = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            error = "interrupted";
        }
        int attempts = call.attempts() + 1;
        boolean givenUp = attempts >= settings.webhookAttempts();
        Duration wait = settings.firstRetryDelay().multipliedBy(1L << Math.min(attempts - 1, 10));
        mongo.updateFirst(query(where("_id").is(call.id())), new Update()
                .set("status", givenUp ? PageWebhook.Status.FAILED : PageWebhook.Status.PENDING)
                .set("attempts", attempts).set("lastError", error).set("nextAttemptAt", clock.instant().plus(wait)), PageWebhook.class);
        if (givenUp) {
            log.warn("Webhook {} of a page given up after {} attempts: {}", call.id(), attempts, error);
        } else {
            log.info("Webhook {} of a page failed ({}); next attempt in {}", call.id(), error, wait);
        }
    }

    @Override
    public void start() {
        loop.start();
    }

    @Override
    public void stop() {
        loop.stop(Duration.ofSeconds(5));
    }

    @Override
    public boolean isRunning() {
        return loop.isRunning();
    }
}
