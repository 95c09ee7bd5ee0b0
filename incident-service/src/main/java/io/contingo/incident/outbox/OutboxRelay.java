package io.contingo.incident.outbox;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.springframework.stereotype.Component;

import io.contingo.events.ContingoEvent;
import io.contingo.incident.component.ComponentState;
import io.contingo.incident.incident.Incident;
import tools.jackson.databind.json.JsonMapper;

/**
 * Publishes the events that incidents and component states hold in their outbox, in order, waiting for the
 * broker's acknowledgement (acks=all), then removes them from the document. A crash between the two
 * publishes them again on the next round: consumers drop what they have already applied.
 */
@Component
class OutboxRelay implements OutboxSignal, SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);
    private final MongoTemplate mongo;
    private final EventProducer producer;
    private final OutboxSettings topics;
    private final JsonMapper json;
    private final Semaphore wakeUp = new Semaphore(0);
    private volatile Thread worker;

    OutboxRelay(MongoTemplate mongo, EventProducer producer, OutboxSettings topics, JsonMapper json) {
        this.mongo = mongo;
        this.producer = producer;
        this.topics = topics;
        this.json = json;
    }

    @Override
    public void wake() {
        wakeUp.release();
    }

    @Override
    public void start() {
        producer.ensureTopics(List.of(topics.incidentEventsTopic(), topics.componentStatusTopic()));
        Thread thread = Thread.ofPlatform().name("outbox-relay").daemon().unstarted(this::run);
        worker = thread; // before start(): the loop runs while worker is set
        thread.start();
    }

    @Override
    public void stop() {
        Thread running = worker;
        worker = null;
        if (running != null) {
            running.interrupt();
            try {
                running.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return worker != null;
    }

    /** Runs until stopped; nothing but {@link #stop()} ends it, so pending events are never left behind. */
    private void run() {
        while (worker != null) {
            try {
                relayPending();
                wakeUp.tryAcquire(500, TimeUnit.MILLISECONDS);
                wakeUp.drainPermits();
            } catch (InterruptedException e) {
                Thread.interrupted(); // stop() clears worker first; any other interrupt is not a reason to quit
            } catch (RuntimeException e) {
                log.warn("Outbox relay round failed, will try again in a second: {}", e.getMessage());
                pause();
            }
        }
    }

    private void pause() {
        try {
            Thread.sleep(1_000); // back off while the broker or the database is unreachable
        } catch (InterruptedException e) {
            Thread.interrupted();
        }
    }

    /** One round: everything pending, incidents first. */
    void relayPending() {
        for (Incident incident : mongo.find(query(where("pendingEvents").is(true)), Incident.class)) {
            relay(incident, Incident::outbox, topics.incidentEventsTopic(), Incident.class, incident.id(), Incident::published);
        }
        for (ComponentState state : mongo.find(query(where("pendingEvents").is(true)), ComponentState.class)) {
            relay(state, ComponentState::outbox, topics.componentStatusTopic(), ComponentState.class, state.componentId(),
                    ComponentState::published);
        }
    }

    private <T, E extends ContingoEvent> void relay(T document, Function<T, List<E>> outbox, String topic, Class<T> type,
            String id, Remover<T> remover) {
        List<E> pending = outbox.apply(document);
        for (E event : pending) {
            ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, event.aggregateId(), json.writeValueAsBytes(event));
            record.headers().add("contentType", "application/json".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            producer.send(record);
        }
        List<String> sentIds = pending.stream().map(ContingoEvent::eventId).toList();
        for (int attempt = 0; attempt < 5; attempt++) {
            T current = mongo.findById(id, type);
            if (current == null || !remover.remove(current, sentIds)) {
                return;
            }
            try {
                mongo.save(current);
                return;
            } catch (OptimisticLockingFailureException changedMeanwhile) {
                // the engine wrote the document meanwhile: read it again and remove the sent events from that
            }
        }
    }

    @FunctionalInterface
    private interface Remover<T> {
        boolean remove(T document, List<String> eventIds);
    }
}
