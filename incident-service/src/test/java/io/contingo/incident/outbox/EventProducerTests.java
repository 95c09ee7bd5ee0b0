package io.contingo.incident.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.junit.jupiter.api.Test;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;

import io.contingo.devstack.TestInfrastructure;
import io.contingo.starter.kafka.TopicReader;

/** The hand-built Kafka clients connect as Spring's {@code spring.kafka.*} properties say, security included. */
class EventProducerTests {

    private final KafkaProperties kafka = SaslKafkaProperties.bound();

    @Test
    void theProducerAndTheAdminClientTakeSpringsKafkaProperties() {
        try (EventProducer producer = new EventProducer(kafka)) {
            assertThat(producer.producerProperties())
                    .containsEntry(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, SaslKafkaProperties.SECURITY_PROTOCOL)
                    .containsEntry(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, List.of("127.0.0.1:1"))
                    .containsEntry(ProducerConfig.ACKS_CONFIG, "all");
            assertThat(producer.adminProperties())
                    .containsEntry(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, SaslKafkaProperties.SECURITY_PROTOCOL)
                    .containsEntry(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, List.of("127.0.0.1:1"));
        }
    }

    /**
     * A record over the size limit, refused by the producer itself or (with a producer that lets it through) by the
     * real broker, is a failure that no retry mends: the relay parks such an event.
     */
    @Test
    void aRecordOverTheSizeLimitIsNeverSendableWhoeverRefusesIt() {
        KafkaProperties real = new KafkaProperties();
        real.setBootstrapServers(List.of(TestInfrastructure.kafkaBootstrapServers()));
        String topic = "oversized-" + ProcessHandle.current().pid();
        ProducerRecord<String, byte[]> oversized = new ProducerRecord<>(topic, "prod-web", new byte[2 * 1024 * 1024]);
        try (EventProducer producer = new EventProducer(real)) {
            producer.ensureTopics(List.of(topic));
            assertThatThrownBy(() -> producer.send(oversized)).satisfies(e -> assertThat(ParkedEvents.neverSendable(e)).isTrue());
            producer.send(new ProducerRecord<>(topic, "prod-web", new byte[100])); // the producer goes on
        }
        real.getProducer().getProperties().put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, String.valueOf(8 * 1024 * 1024));
        try (EventProducer producer = new EventProducer(real)) {
            assertThatThrownBy(() -> producer.send(oversized)).as("the broker's own limit")
                    .satisfies(e -> assertThat(ParkedEvents.neverSendable(e)).as(e.toString()).isTrue());
        }
        assertThat(ParkedEvents.neverSendable(new IllegalStateException("Kafka did not acknowledge a record",
                new org.apache.kafka.common.errors.TimeoutException("broker away")))).as("a broker away is retried").isFalse();
    }

    @Test
    void topicsAreCreatedReplicatedAsConfiguredOrAsTheBrokerSays() {
        try (EventProducer cluster = new EventProducer(kafka, (short) 3, "2"); EventProducer plain = new EventProducer(kafka)) {
            org.apache.kafka.clients.admin.NewTopic replicated = cluster.newTopic("incident-events");
            assertThat(replicated.replicationFactor()).isEqualTo((short) 3);
            assertThat(replicated.configs()).containsEntry("min.insync.replicas", "2");
            assertThat(replicated.numPartitions()).isEqualTo(3);
            org.apache.kafka.clients.admin.NewTopic byBroker = plain.newTopic("incident-events");
            assertThat(byBroker.replicationFactor()).as("the broker's default.replication.factor").isEqualTo((short) -1);
            assertThat(byBroker.configs() == null || !byBroker.configs().containsKey("min.insync.replicas")).isTrue();
        }
    }

    @Test
    void theCatalogsTopicReaderConnectsWithSpringsSecuritySettings() {
        // SASL without a login configured: only a consumer that got the setting refuses to start
        assertThatThrownBy(() -> new TopicReader(kafka.buildConsumerProperties(), "site-catalog").close())
                .isInstanceOf(KafkaException.class)
                .rootCause().hasMessageContaining("JAAS");
    }
}
