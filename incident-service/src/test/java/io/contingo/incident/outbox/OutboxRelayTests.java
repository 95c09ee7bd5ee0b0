package io.contingo.incident.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.data.mongodb.core.MongoTemplate;

import io.contingo.events.ComponentStatusChanged;
import io.contingo.incident.InMemoryMongo;
import io.contingo.incident.component.ComponentState;
import io.contingo.incident.component.TestComponentStates;
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
        OutboxRelay relay = new OutboxRelay(mongo, producer, List.of(new OutboxSource(ComponentState.class, "component-status")), json);

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

        RecordingProducer(String refusing) {
            super(neverConnecting()); // sendAsync is answered here
            this.refusing = refusing;
        }

        @Override
        public CompletableFuture<?> sendAsync(ProducerRecord<String, byte[]> record) {
            ComponentStatusChanged event = json.readValue(record.value(), ComponentStatusChanged.class);
            String name = event.componentId() + ":" + event.sequence();
            sent.add(name);
            return name.equals(refusing) ? CompletableFuture.failedFuture(new IllegalStateException("refused (test)"))
                    : CompletableFuture.completedFuture(null);
        }
    }
}
