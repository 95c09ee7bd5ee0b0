package io.contingo.incident.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.data.mongodb.core.MongoTemplate;

import io.contingo.events.ComponentStatusChanged;
import io.contingo.incident.InMemoryMongo;
import io.contingo.incident.component.ComponentState;
import io.contingo.incident.component.TestComponentStates;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import tools.jackson.databind.json.JsonMapper;

/**
 * The relay's round on a MongoDB-wire server, with a producer that fails one chosen record: a document's events
 * are never in flight together, what the broker took is removed and stays removed, and what it did not take goes
 * out, in order, on the next round.
 */
class OutboxRelayTests {

    private static final Instant T0 = Instant.parse("2026-11-27T09:00:00Z");
    @RegisterExtension
    static final InMemoryMongo MONGO = new InMemoryMongo();
    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void aRecordTheBrokerRefusesStopsTheRoundAndWhatItTookIsNotSentAgain() {
        MongoTemplate mongo = MONGO.freshDatabase("relay");
        mongo.insert(TestComponentStates.withAnnouncedChanges("prod-web", 3, T0));
        mongo.insert(TestComponentStates.withAnnouncedChanges("prod-api", 2, T0));
        RecordingProducer producer = new RecordingProducer("prod-web:2");
        OutboxRelay relay = relay(mongo, producer, new SimpleMeterRegistry());

        assertThatThrownBy(relay::relayPending).hasMessageContaining("refused (test)");

        // waves: every document's first event, then the second ones, until the refusal stops the round
        assertThat(producer.sent).containsExactly("prod-web:1", "prod-api:1", "prod-web:2");
        assertThat(outbox(mongo, "prod-web")).as("the refused one and the one after it").containsExactly(2L, 3L);
        assertThat(outbox(mongo, "prod-api")).as("not sent after the refusal").containsExactly(2L);

        producer.sent.clear();
        producer.refusing = null;
        relay.relayPending();

        assertThat(producer.sent).containsExactly("prod-web:2", "prod-api:2", "prod-web:3");
        assertThat(outbox(mongo, "prod-api")).isEmpty();
        assertThat(outbox(mongo, "prod-web")).isEmpty();
        assertThat(mongo.getCollection("component_states").countDocuments(new org.bson.Document("pendingEvents", true))).isZero();
    }

    @Test
    void anEventTheBrokerCanNeverTakeIsParkedAndTheOthersGoOn() {
        MongoTemplate mongo = MONGO.freshDatabase("relay-parked");
        mongo.insert(TestComponentStates.withAnnouncedChanges("prod-web", 3, T0));
        mongo.insert(TestComponentStates.withAnnouncedChanges("prod-api", 2, T0));
        RecordingProducer producer = new RecordingProducer("prod-web:2");
        producer.refusal = new KafkaException("Send failed", new RecordTooLargeException("The message is 2097252 bytes when serialized"));
        SimpleMeterRegistry metrics = new SimpleMeterRegistry();
        OutboxRelay relay = relay(mongo, producer, metrics);

        relay.relayPending();

        assertThat(producer.sent).containsExactly("prod-web:1", "prod-api:1", "prod-web:2", "prod-api:2", "prod-web:3");
        assertThat(outbox(mongo, "prod-web")).isEmpty();
        assertThat(outbox(mongo, "prod-api")).isEmpty();
        org.bson.Document kept = mongo.getCollection(ParkedEvents.COLLECTION).find().first();
        assertThat(kept).isNotNull();
        assertThat(kept.getString("topic")).isEqualTo("component-status");
        assertThat(kept.getString("key")).isEqualTo("prod-web");
        assertThat(kept.getString("reason")).contains("RecordTooLargeException", "2097252 bytes");
        assertThat(json.readValue(kept.getString("payload"), ComponentStatusChanged.class).sequence()).isEqualTo(2);
        assertThat(metrics.counter(ParkedEvents.METRIC, "topic", "component-status").count()).isEqualTo(1.0);

        // parked once: a later round has nothing left to send or park
        producer.sent.clear();
        relay.relayPending();
        assertThat(producer.sent).isEmpty();
        assertThat(mongo.getCollection(ParkedEvents.COLLECTION).countDocuments()).isEqualTo(1);
    }

    @Test
    void anEventParkedByARoundThatFailedBeforeRemovingItIsNotParkedOrCountedTwice() {
        MongoTemplate mongo = MONGO.freshDatabase("relay-parked-again");
        mongo.insert(TestComponentStates.withAnnouncedChanges("prod-web", 1, T0));
        String eventId = mongo.findById("prod-web", ComponentState.class).outbox().getFirst().eventId();
        mongo.getCollection(ParkedEvents.COLLECTION).insertOne(new org.bson.Document("_id", eventId).append("reason", "earlier round"));
        RecordingProducer producer = new RecordingProducer("prod-web:1");
        producer.refusal = new KafkaException("Send failed", new RecordTooLargeException("too large"));
        SimpleMeterRegistry metrics = new SimpleMeterRegistry();

        relay(mongo, producer, metrics).relayPending();

        assertThat(outbox(mongo, "prod-web")).isEmpty();
        assertThat(mongo.getCollection(ParkedEvents.COLLECTION).countDocuments()).isEqualTo(1);
        assertThat(metrics.find(ParkedEvents.METRIC).counter()).isNull();
    }

    private OutboxRelay relay(MongoTemplate mongo, EventProducer producer, SimpleMeterRegistry metrics) {
        return new OutboxRelay(mongo, producer, List.of(new OutboxSource(ComponentState.class, "component-status")), json,
                new ParkedEvents(mongo, metrics, java.time.Clock.fixed(T0, java.time.ZoneOffset.UTC)));
    }

    private static List<Long> outbox(MongoTemplate mongo, String componentId) {
        return mongo.findById(componentId, ComponentState.class).outbox().stream().map(ComponentStatusChanged::sequence).toList();
    }

    private static KafkaProperties neverConnecting() {
        KafkaProperties kafka = new KafkaProperties();
        kafka.setBootstrapServers(List.of("127.0.0.1:1"));
        return kafka;
    }

    /** Takes every record at once but the one named "component:sequence", which it refuses at once. */
    private final class RecordingProducer extends EventProducer {

        final List<String> sent = new ArrayList<>();
        String refusing;
        RuntimeException refusal = new IllegalStateException("refused (test)");

        RecordingProducer(String refusing) {
            super(neverConnecting()); // sendAsync is answered here
            this.refusing = refusing;
        }

        @Override
        public CompletableFuture<?> sendAsync(ProducerRecord<String, byte[]> record) {
            ComponentStatusChanged event = json.readValue(record.value(), ComponentStatusChanged.class);
            String name = event.componentId() + ":" + event.sequence();
            sent.add(name);
            return name.equals(refusing) ? CompletableFuture.failedFuture(refusal)
                    : CompletableFuture.completedFuture(null);
        }
    }
}
