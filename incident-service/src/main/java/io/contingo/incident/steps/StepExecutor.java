package io.contingo.incident.steps;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.BasicQuery;
import org.springframework.data.mongodb.core.query.BasicUpdate;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import io.contingo.events.DrpCommand;
import io.contingo.events.DrpEvent;
import io.contingo.incident.component.SiteHealth;
import io.contingo.incident.drp.DrpSettings;
import io.contingo.incident.outbox.OutboxDocuments;
import io.contingo.incident.outbox.OutboxSignal;
import io.contingo.incident.outbox.OutboxSource;
import io.contingo.starter.text.ReadableDuration;
import tools.jackson.databind.json.JsonMapper;

/**
 * Carries out the orders of {@code drp-commands}: signed webhooks, the entry URL's switch, and waits for the target
 * site's health, each on a thread of its own; its outcome goes back on {@code drp-events} through the order's outbox.
 * An order is taken once ({@link StepOrder}); one whose holder died is taken again by the sweep.
 */
@Component
public class StepExecutor {

    private static final Logger log = LoggerFactory.getLogger(StepExecutor.class);
    private static final Duration LEASE = Duration.ofSeconds(15);
    static final String ACTOR = "contingo";

    private final MongoTemplate mongo;
    private final OutboxDocuments documents;
    private final OutboxSignal outbox;
    private final JsonMapper json;
    private final Clock clock;
    private final SiteHealth health;
    private final WebhookCall webhooks;
    private final String holder = "executor-" + ProcessHandle.current().pid() + "-" + Long.toHexString(System.nanoTime());
    private final Set<String> running = ConcurrentHashMap.newKeySet();

    StepExecutor(MongoTemplate mongo, OutboxSignal outbox, JsonMapper json, Clock clock, SiteHealth health, DrpSettings settings) {
        this.mongo = mongo;
        this.documents = new OutboxDocuments(mongo, StepOrder.class);
        this.outbox = outbox;
        this.json = json;
        this.clock = clock;
        this.health = health;
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
                .followRedirects(HttpClient.Redirect.NEVER).build();
        this.webhooks = new WebhookCall(client, settings.denyList(),
                settings.webhookSecret(), clock);
    }

    /** The orders of {@code drp-commands}, as the binder hands them over. */
    @Bean
    static Consumer<byte[]> onDrpCommand(org.springframework.beans.factory.ObjectProvider<StepExecutor> executor) {
        return payload -> executor.getObject().take(payload);
    }

    /** The orders' outcomes go out on {@code drp-events}. */
    @Bean
    static OutboxSource stepOrders(DrpSettings settings) {
        return new OutboxSource(StepOrder.class, settings.eventsTopic());
    }

    void take(byte[] payload) {
        DrpCommand command = json.readValue(payload, DrpCommand.class);
        Instant now = clock.instant();
        try {
            mongo.insert(new StepOrder(command, holder, now.plus(LEASE)));
        } catch (DuplicateKeyException taken) {
            return; // taken before: finished, running elsewhere, or left to the sweep when its holder died
        }
        start(command);
    }

    /** Takes again the orders whose holder died before finishing them. */
    @Scheduled(fixedDelay = 5_000, initialDelay = 5_000)
    void sweep() {
        Instant now = clock.instant();
        renewLeases(now);
        List<StepOrder> orphans = mongo.find(query(where("finishedAt").is(null).and("leaseUntil").lt(now)), StepOrder.class);
        for (StepOrder order : orphans) {
            boolean claimed = mongo.updateFirst(query(where("_id").is(order.outboxId()).and("finishedAt").is(null).and("leaseUntil").lt(now)),
                    new Update().set("holder", holder).set("leaseUntil", now.plus(LEASE)), StepOrder.class).getModifiedCount() == 1;
            if (claimed) {
                log.info("Taking again the order {} ({}), left unfinished", order.outboxId(), order.command().stepName());
                start(order.command());
            }
        }
    }

    private void renewLeases(Instant now) {
        for (String key : running) {
            mongo.updateFirst(query(where("_id").is(key).and("holder").is(holder)), new Update().set("leaseUntil", now.plus(LEASE)), StepOrder.class);
        }
    }

    private void start(DrpCommand command) {
        if (!running.add(command.orderKey())) {
            return;
        }
        Thread.ofVirtual().name("drp-step-" + command.orderKey()).start(() -> {
            try {
                finish(command, execute(command));
            } catch (RuntimeException e) {
                log.warn("The order {} could not be finished: {}; the sweep takes it again", command.orderKey(), e.getMessage());
            } finally {
                running.remove(command.orderKey());
            }
        });
    }

    private DrpEvent.StepOutcome execute(DrpCommand command) {
        Instant start = clock.instant();
        Duration timeout = Duration.ofSeconds(Math.max(1, command.timeoutSeconds()));
        return switch (command.kind()) {
            case WEBHOOK -> webhook(command, start, timeout);
            case SWITCH_ENTRY -> {
                Map<String, String> s = command.settings();
                WebhookCall.Answer answer = webhooks.call("POST", s.get("url"), "{\"site\":\"" + s.get("site") + "\"}", timeout,
                        command.orderKey(), command.drill());
                yield outcome(command, start, answer.ok(200), answer.ok(200)
                        ? "The entry URL points to " + s.get("site") + " (" + answer.words() + ")" : "The entry URL was not switched: " + answer.words());
            }
            case WAIT_FOR_HEALTH -> waitForHealth(command, start, timeout);
            default -> outcome(command, start, false, "A " + command.kind() + " step is not carried out by the executor");
        };
    }

    private DrpEvent.StepOutcome webhook(DrpCommand command, Instant start, Duration timeout) {
        Map<String, String> s = command.settings();
        int tries = 1 + Integer.parseInt(s.getOrDefault("retries", "0"));
        Integer expected = s.containsKey("expectedStatus") ? Integer.valueOf(s.get("expectedStatus")) : null;
        WebhookCall.Answer answer = null;
        for (int i = 0; i < tries; i++) {
            if (i > 0 && !pause(Duration.ofMillis(Math.min(10_000, 500L << (i - 1))))) {
                break;
            }
            answer = webhooks.call(s.getOrDefault("method", "POST"), s.get("url"), s.get("body"), timeout, command.orderKey(), command.drill());
            if (answer.ok(expected) || answer.problem() != null && answer.problem().startsWith("Refused")) {
                break;
            }
        }
        boolean ok = answer.ok(expected);
        String tried = tries > 1 ? " (" + tries + " tries)" : "";
        return outcome(command, start, ok, ok ? answer.words()
                : answer.words() + (answer.problem() == null ? ", expected " + (expected == null ? "2xx" : expected) : "") + (ok ? "" : tried));
    }

    private DrpEvent.StepOutcome waitForHealth(DrpCommand command, Instant start, Duration timeout) {
        Instant deadline = start.plus(timeout);
        while (true) {
            Map<String, SiteHealth.Status> statuses = health.of(command.components());
            List<String> notUp = statuses.values().stream().filter(st -> !st.isUp())
                    .map(st -> st.componentId() + " is " + st.status().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ')).sorted().toList();
            if (notUp.isEmpty()) {
                return outcome(command, start, true, "All " + statuses.size() + " components up after "
                        + ReadableDuration.of(Duration.between(start, clock.instant())));
            }
            if (!clock.instant().isBefore(deadline) || !pause(Duration.ofMillis(500))) {
                return outcome(command, start, false, "Not up within " + ReadableDuration.of(timeout) + ": " + String.join(", ", notUp));
            }
        }
    }

    private DrpEvent.StepOutcome outcome(DrpCommand command, Instant start, boolean ok, String detail) {
        return new DrpEvent.StepOutcome(command.stepIndex(), command.attempt(), ok, detail, ACTOR, start, clock.instant());
    }

    private void finish(DrpCommand command, DrpEvent.StepOutcome outcome) {
        StepOrder order = mongo.findById(command.orderKey(), StepOrder.class);
        if (order == null || order.version() == null) {
            return;
        }
        long version = order.version();
        order.finish(outcome);
        BasicQuery current = new BasicQuery(OutboxDocuments.versioned(order.outboxId(), version).append("finishedAt", null));
        if (mongo.updateFirst(current, new BasicUpdate(documents.update(order, version, order.recordedSinceStored())), StepOrder.class)
                .getMatchedCount() == 1) {
            outbox.wake();
        }
    }

    private static boolean pause(Duration pause) {
        try {
            Thread.sleep(pause);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
