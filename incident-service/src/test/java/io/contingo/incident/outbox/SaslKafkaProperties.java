package io.contingo.incident.outbox;

import java.util.Map;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;

/** Spring's Kafka properties bound as from a configuration that asks for SASL in {@code spring.kafka.properties}. */
public final class SaslKafkaProperties {

    public static final String SECURITY_PROTOCOL = "SASL_PLAINTEXT";

    private SaslKafkaProperties() {
    }

    public static KafkaProperties bound() {
        return new Binder(new MapConfigurationPropertySource(Map.of(
                "spring.kafka.bootstrap-servers", "127.0.0.1:1",
                "spring.kafka.properties.security.protocol", SECURITY_PROTOCOL,
                "spring.kafka.properties.sasl.mechanism", "PLAIN")))
                .bind("spring.kafka", KafkaProperties.class).get();
    }
}
