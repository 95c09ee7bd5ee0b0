package io.contingo.incident.statuspage;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.junit.jupiter.api.Test;

import io.contingo.incident.outbox.SaslKafkaProperties;

class PublicViewTests {

    @Test
    void itsConsumerTakesSpringsKafkaPropertiesSecurityIncluded() {
        PublicView view = new PublicView(null, null, null, null, null, SaslKafkaProperties.bound());

        assertThat(view.consumerProperties())
                .containsEntry(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, SaslKafkaProperties.SECURITY_PROTOCOL)
                .containsEntry(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, List.of("127.0.0.1:1"))
                .containsEntry(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    }
}
