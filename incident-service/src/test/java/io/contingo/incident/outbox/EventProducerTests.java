package io.contingo.incident.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.KafkaException;
import org.junit.jupiter.api.Test;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;

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

    @Test
    void theCatalogsTopicReaderConnectsWithSpringsSecuritySettings() {
        // SASL without a login configured: only a consumer that got the setting refuses to start
        assertThatThrownBy(() -> new TopicReader(kafka.buildConsumerProperties(), "site-catalog").close())
                .isInstanceOf(KafkaException.class)
                .rootCause().hasMessageContaining("JAAS");
    }
}
