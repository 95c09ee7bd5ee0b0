package io.contingo.health.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import io.contingo.events.SiteDefined;
import tools.jackson.databind.json.JsonMapper;

/** The contract's fixture fed through the reader of {@code site-catalog}: a site and its components, then its removal. */
class KnownSitesTests {

    private final KnownSites sites = new KnownSites(JsonMapper.builder().build(), "127.0.0.1:9", "site-catalog");

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

    private static byte[] fixture(String name) throws IOException {
        try (InputStream in = KnownSitesTests.class.getResourceAsStream("/contracts/" + name)) {
            return in.readAllBytes();
        }
    }
}
