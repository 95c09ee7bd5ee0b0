package io.contingo.health.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;

import io.contingo.devstack.TestInfrastructure;
import io.contingo.events.SiteDefined;
import tools.jackson.databind.json.JsonMapper;

/** The contract's fixture fed through the reader of {@code site-catalog}: a site and its components, then its removal. */
class KnownSitesTests {

    private final KnownSites sites = new KnownSites(JsonMapper.builder().build(), kafka(Map.of("bootstrap.servers", "127.0.0.1:9")), "site-catalog");

    /** Spring's Kafka settings as {@code spring.kafka.properties.*} holding these client properties. */
    private static KafkaProperties kafka(Map<String, Object> clientProperties) {
        KafkaProperties kafka = new KafkaProperties();
        clientProperties.forEach((key, value) -> kafka.getProperties().put(key, String.valueOf(value)));
        return kafka;
    }

    @Test
    void onABrokerThatAsksForALoginTheCatalogIsReadWithTheLoginOfSpringsKafkaSettings() throws IOException {
        Map<String, Object> login = TestInfrastructure.saslKafkaClientProperties();
        String topic = "site-catalog-sasl-" + System.nanoTime();
        TestInfrastructure.publish(login, topic, "production", new String(fixture("site-defined.json"), StandardCharsets.UTF_8));
        KnownSites follower = new KnownSites(JsonMapper.builder().build(), kafka(login), topic);
        follower.start();
        try {
            await().atMost(Duration.ofSeconds(30)).until(follower::known);
            assertThat(follower.component("prod-api")).map(KnownSites.Placement::siteId).contains("production");
        } finally {
            follower.stop();
        }
    }

    @Test
    void theFixturesSiteAndComponentsAreKnownAndATombstoneRemovesThem() throws IOException {
        sites.apply(new ConsumerRecord<>("site-catalog", 0, 0, "production", fixture("site-defined.json")));

        assertThat(sites.sites()).extracting(SiteDefined::siteId).containsExactly("production");
        assertThat(sites.component("prod-api")).contains(new KnownSites.Placement("production", "Production", "prod-api", "Customer API"));
        assertThat(sites.component("cont-api")).isEmpty();

        sites.apply(new ConsumerRecord<>("site-catalog", 0, 1, "production", null));

        assertThat(sites.sites()).isEmpty();
        assertThat(sites.component("prod-api")).isEmpty();
    }

    @Test
    void beforeTheTopicHasBeenReadNoComponentCanBeJudged() throws IOException {
        sites.apply(new ConsumerRecord<>("site-catalog", 0, 0, "production", fixture("site-defined.json")));

        assertThat(sites.known()).as("not read to its end yet").isFalse();
        assertThatThrownBy(() -> sites.problems("prod-webb", "production")).isInstanceOf(KnownSites.NotKnownYetException.class)
                .hasMessageStartingWith("The sites and components are not known yet");
    }

    @Test
    void readAgainAfterALostConnectionTheOldCatalogIsAnsweredUntilTheNewOneIsReadThenReplacedWhole() throws IOException {
        sites.apply(new ConsumerRecord<>("site-catalog", 0, 0, "production", fixture("site-defined.json")));
        sites.readToEnd();
        assertThat(sites.known()).isTrue();

        // meanwhile the site was removed and its tombstone compacted away: the topic no longer names it at all
        sites.restart();
        sites.apply(new ConsumerRecord<>("site-catalog", 0, 7, "contingency",
                new String(fixture("site-defined.json"), java.nio.charset.StandardCharsets.UTF_8)
                        .replace("\"production\"", "\"contingency\"").replace("prod-", "cont-").getBytes(java.nio.charset.StandardCharsets.UTF_8)));

        assertThat(sites.known()).as("still answered from while read again").isTrue();
        assertThat(sites.sites()).extracting(SiteDefined::siteId).containsExactly("production");

        sites.readToEnd();

        assertThat(sites.sites()).extracting(SiteDefined::siteId).containsExactly("contingency");
        assertThat(sites.component("prod-api")).isEmpty();
        assertThat(sites.component("cont-api")).map(KnownSites.Placement::siteId).contains("contingency");
    }

    private static byte[] fixture(String name) throws IOException {
        try (InputStream in = KnownSitesTests.class.getResourceAsStream("/contracts/" + name)) {
            return in.readAllBytes();
        }
    }
}
