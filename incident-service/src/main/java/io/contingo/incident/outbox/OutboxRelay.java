package io.contingo.incident.outbox;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.time.Duration;
import java.util.List;
import java.util.function.Function;

import org.bson.Document;

import org.springframework.context.SmartLifecycle;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Update;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.springframework.stereotype.Component;

import io.contingo.events.ContingoEvent;
import io.contingo.incident.component.ComponentState;
import io.contingo.incident.incident.Incident;
import io.contingo.starter.relay.RelayLoop;
import tools.jackson.databind.json.JsonMapper;

/**
 * Publishes the events that incidents and component states hold in their outbox, in order, waiting for the
 * broker's acknowledgement (acks=all), then removes them from the document. A crash between the two
 * publishes them again on the next round: consumers drop what they have already applied.
 */
@Component
class OutboxRelay implements OutboxSignal, SmartLifecycle {

    private final MongoTemplate mongo;
    private final EventProducer producer;
    private final OutboxSettings topics;
    private final JsonMapper json;
    private final RelayLoop loop = new RelayLoop("outbox-relay", Duration.ofMillis(500), this::relayPending);

    OutboxRelay(MongoTemplate mongo, EventProducer producer, OutboxSettings topics, JsonMapper json) {
        this.mongo = mongo;
        this.producer = producer;
        this.topics = topics;
        this.json = json;
    }

    @Override
    public void wake() {
        loop.wake();
    }

    @Override
    public void start() {
        producer.ensureTopics(List.of(topics.incidentEventsTopic(), topics.componentStatusTopic()));
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

    /** One round: everything pending, incidents first. */
    void relayPending() {
        for (Incident incident : mongo.find(query(where("pendingEvents").is(true)), Incident.class)) {
            relay(incident, Incident::outbox, topics.incidentEventsTopic(), Incident.class, incident.id());
        }
        for (ComponentState state : mongo.find(query(where("pendingEvents").is(true)), ComponentState.class)) {
            relay(state, ComponentState::outbox, topics.componentStatusTopic(), ComponentState.class, state.componentId());
        }
    }

    private <T, E extends ContingoEvent> void relay(T document, Function<T, List<E>> outbox, String topic, Class<T> type,
            String id) {
        List<E> pending = outbox.apply(document);
        for (E event : pending) {
            ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, event.aggregateId(), json.writeValueAsBytes(event));
            record.headers().add("contentType", "application/json".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            producer.send(record);
        }
        List<String> sentIds = pending.stream().map(ContingoEvent::eventId).toList();
        // Removed in place, by the collection's name so that the document's version does not change: an agent's
        // form read before the relay ran stays valid. A writer that read the document before this removal puts
        // the sent events back; they go out once more and consumers drop them by sequence.
        String collection = mongo.getCollectionName(type);
        mongo.updateFirst(query(where("_id").is(id)),
                new Update().pull("outbox", new Document("eventId", new Document("$in", sentIds))), collection);
        mongo.updateFirst(query(where("_id").is(id).and("outbox").size(0)), new Update().set("pendingEvents", false), collection);
    }
}
