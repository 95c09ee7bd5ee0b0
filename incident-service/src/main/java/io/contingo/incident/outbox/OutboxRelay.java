package io.contingo.incident.outbox;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.bson.Document;

import org.springframework.context.SmartLifecycle;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.springframework.stereotype.Component;

import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.UpdateOneModel;

import io.contingo.events.ContingoEvent;
import io.contingo.starter.relay.RelayLease;
import io.contingo.starter.relay.RelayLoop;
import tools.jackson.databind.json.JsonMapper;

/**
 * Publishes the events that documents hold in their outbox (incidents, component states: every
 * {@link OutboxSource}), in order, waiting for the broker's acknowledgement (acks=all), then removes them from the
 * document. A crash between the two publishes them again on the next round: consumers drop what they have
 * already applied. With several replicas, one at a time relays (a {@link RelayLease}), so that events are neither
 * published twice nor out of order; another takes over within {@link #LEASE_TERM} when it dies.
 */
@Component
class OutboxRelay implements OutboxSignal, SmartLifecycle {

    private final MongoTemplate mongo;
    private final EventProducer producer;
    private final List<OutboxSource> sources;
    private final JsonMapper json;
    private final ParkedEvents parked;
    private final RelayLoop loop = new RelayLoop("outbox-relay", Duration.ofMillis(500), this::relayPending);
    private final RelayLease lease;

    /** How long a replica that stopped renewing keeps the relay from the others. */
    static final Duration LEASE_TERM = Duration.ofSeconds(10);

    OutboxRelay(MongoTemplate mongo, EventProducer producer, List<OutboxSource> sources, JsonMapper json, ParkedEvents parked) {
        this.mongo = mongo;
        this.producer = producer;
        this.sources = List.copyOf(sources);
        this.json = json;
        this.parked = parked;
        this.lease = new RelayLease(mongo.getCollection("relay_leases"), "outbox-relay", LEASE_TERM, Clock.systemUTC());
    }

    @Override
    public void wake() {
        loop.wake();
    }

    @Override
    public void start() {
        producer.ensureTopics(sources.stream().flatMap(s -> s.topics().stream()).distinct().toList());
        loop.start();
    }

    @Override
    public void stop() {
        loop.stop(Duration.ofSeconds(5));
        lease.release();
    }

    @Override
    public boolean isRunning() {
        return loop.isRunning();
    }

    /**
     * One round: everything pending, source by source (incidents first), sent in waves ({@link #send}); then what
     * the broker acknowledged is removed from its document. A failed send ends the round's sending, and the round
     * fails after the removals, to be tried again: the events not acknowledged go out then, those acknowledged do
     * not.
     */
    void relayPending() {
        if (!lease.hold()) {
            return; // another replica relays
        }
        List<Pending> round = new ArrayList<>();
        for (OutboxSource source : sources) {
            for (OutboxDocument document : mongo.find(query(where("pendingEvents").is(true)), source.type())) {
                round.add(pending(document.outbox(), source, document.outboxId()));
            }
        }
        RuntimeException failure = send(round);
        sources.forEach(source -> remove(round, source.type()));
        if (failure != null) {
            throw failure;
        }
    }

    /**
     * Sends a round's events in waves: the first pending event of every document, then the second, and so on.
     * The sends of a wave are in flight together and all acknowledged before the next wave starts, so a
     * document's events (one key) are never in flight together and keep their order even when the broker fails
     * part of a wave. A send refused at once (no metadata for its topic) stops the wave from sending more, and a
     * failed wave ends the round. An event the broker can never take (over its size limit) is parked instead
     * ({@link ParkedEvents}) and counts as taken, so that it never holds up the others. Returns the first failure, or null.
     */
    private RuntimeException send(List<Pending> round) {
        for (int wave = 0; ; wave++) {
            List<Pending> sending = new ArrayList<>();
            List<CompletableFuture<?>> acknowledgements = new ArrayList<>();
            for (Pending pending : round) {
                if (wave < pending.records.size()) {
                    CompletableFuture<?> acknowledgement = producer.sendAsync(pending.records.get(wave));
                    sending.add(pending);
                    acknowledgements.add(acknowledgement);
                    if (acknowledgement.isCompletedExceptionally() && !neverSendable(acknowledgement)) {
                        break;
                    }
                }
            }
            if (sending.isEmpty()) {
                return null;
            }
            RuntimeException failure = null;
            for (int i = 0; i < sending.size(); i++) {
                Pending pending = sending.get(i);
                try {
                    EventProducer.await(pending.records.get(wave), acknowledgements.get(i));
                    pending.acknowledged++;
                } catch (RuntimeException e) {
                    RuntimeException notTaken = ParkedEvents.neverSendable(e) ? park(pending, wave, e) : e;
                    if (notTaken == null) {
                        pending.acknowledged++;
                    } else {
                        failure = failure == null ? notTaken : failure;
                    }
                }
            }
            if (failure != null) {
                return failure;
            }
        }
    }

    /** Parks the wave's event of a document; returns why it could not be kept, or null once it is. */
    private RuntimeException park(Pending pending, int wave, RuntimeException refusal) {
        try {
            parked.park(pending.records.get(wave), pending.eventIds.get(wave), pending.type, pending.id, refusal);
            return null;
        } catch (RuntimeException notKept) {
            return notKept;
        }
    }

    private static boolean neverSendable(CompletableFuture<?> failed) {
        try {
            failed.join();
            return false;
        } catch (java.util.concurrent.CompletionException | java.util.concurrent.CancellationException e) {
            return ParkedEvents.neverSendable(e);
        }
    }

    /** The events of one document, as records to send, and how many of them (the first) the broker has taken. */
    private static final class Pending {

        final List<ProducerRecord<String, byte[]>> records;
        final List<String> eventIds;
        final Class<?> type;
        final Object id;
        int acknowledged;

        Pending(List<ProducerRecord<String, byte[]>> records, List<String> eventIds, Class<?> type, Object id) {
            this.records = records;
            this.eventIds = eventIds;
            this.type = type;
            this.id = id;
        }
    }

    private Pending pending(List<? extends ContingoEvent> outbox, OutboxSource source, Object id) {
        List<ProducerRecord<String, byte[]>> records = new ArrayList<>(outbox.size());
        for (ContingoEvent event : outbox) {
            ProducerRecord<String, byte[]> record = new ProducerRecord<>(source.topicOf(event), event.aggregateId(), json.writeValueAsBytes(event));
            record.headers().add("contentType", "application/json".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            records.add(record);
        }
        return new Pending(records, outbox.stream().map(ContingoEvent::eventId).toList(), source.type(), id);
    }

    /**
     * Removes the sent events from the documents of one collection, in one round trip, and marks those left
     * without events. In place, without a version check or change: an agent's form read before the relay ran
     * stays valid, and writers append their new events to the stored outbox ({@link OutboxDocuments}), so what
     * is removed here stays removed.
     */
    private void remove(List<Pending> sent, Class<?> type) {
        List<UpdateOneModel<Document>> removals = new ArrayList<>();
        for (Pending pending : sent) {
            if (pending.type == type && pending.acknowledged > 0) {
                List<String> taken = pending.eventIds.subList(0, pending.acknowledged);
                removals.add(new UpdateOneModel<>(new Document("_id", pending.id), new Document("$pull",
                        new Document("outbox", new Document("eventId", new Document("$in", taken))))));
                removals.add(new UpdateOneModel<>(new Document("_id", pending.id).append("outbox", new Document("$size", 0)),
                        new Document("$set", new Document("pendingEvents", false))));
            }
        }
        if (!removals.isEmpty()) {
            mongo.getCollection(mongo.getCollectionName(type)).bulkWrite(removals, new BulkWriteOptions().ordered(true));
        }
    }
}
