package io.contingo.notification.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;

import io.contingo.devstack.TestInfrastructure;
import tools.jackson.databind.json.JsonMapper;

/** The catalog read from a broker that asks for a SASL login, given only in Spring's {@code spring.kafka.*} settings. */
class SiteCatalogTests {

    @Test
    void onABrokerThatAsksForALoginTheCatalogIsReadWithTheLoginOfSpringsKafkaSettings() throws IOException {
        Map<String, Object> login = TestInfrastructure.saslKafkaClientProperties();
        String topic = "site-catalog-sasl-" + System.nanoTime();
        TestInfrastructure.publish(login, topic, "production", fixture("site-defined.json"));
        KafkaProperties kafka = new KafkaProperties();
        login.forEach((key, value) -> kafka.getProperties().put(key, String.valueOf(value)));

        SiteCatalog catalog = new SiteCatalog(JsonMapper.builder().build(), kafka, topic);

        assertThat(catalog.componentsOf(List.of("production", "nowhere")))
                .satisfies(c -> assertThat(c.ids()).contains("prod-api"))
                .satisfies(c -> assertThat(c.unknownSites()).containsExactly("nowhere"));
    }

    private static String fixture(String name) throws IOException {
        try (InputStream in = SiteCatalogTests.class.getResourceAsStream("/contracts/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
