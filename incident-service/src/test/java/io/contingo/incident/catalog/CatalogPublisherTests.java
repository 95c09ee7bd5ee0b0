package io.contingo.incident.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.contingo.events.SiteDefined;
import io.contingo.incident.catalog.CatalogPublisher.Changes;
import io.contingo.incident.catalog.CatalogSettings.Site;

/** What the catalog topic is told at start-up: only what differs from what it holds. */
class CatalogPublisherTests {

    private final Clock clock = Clock.fixed(Instant.parse("2026-11-26T08:00:00Z"), ZoneOffset.UTC);
    private final Site production = new Site("production", "Production", "active", URI.create("http://localhost:8090"),
            List.of(new CatalogSettings.Component("prod-web", "Omnichannel web", ""), new CatalogSettings.Component("prod-api", "Customer API", "")));
    private final Site contingency = new Site("contingency", "Contingency", "standby", null,
            List.of(new CatalogSettings.Component("cont-web", "Omnichannel web (contingency)", "")));

    @Test
    void anEmptyTopicIsToldEverySite() {
        Changes changes = CatalogPublisher.changes(Map.of(), List.of(production, contingency), clock);

        assertThat(changes.written()).extracting(SiteDefined::siteId).containsExactly("production", "contingency");
        assertThat(changes.written().getFirst().components()).containsExactly(new SiteDefined.Component("prod-web", "Omnichannel web"),
                new SiteDefined.Component("prod-api", "Customer API"));
        assertThat(changes.removed()).isEmpty();
    }

    @Test
    void aTopicThatSaysTheSameIsLeftAlone() {
        Map<String, SiteDefined> published = Map.of(
                "production", CatalogPublisher.changes(Map.of(), List.of(production), clock).written().getFirst(),
                "contingency", CatalogPublisher.changes(Map.of(), List.of(contingency), clock).written().getFirst());

        assertThat(CatalogPublisher.changes(published, List.of(production, contingency), clock).none()).isTrue();
    }

    @Test
    void aChangedSiteIsWrittenAgainAndOneNoLongerConfiguredIsRemoved() {
        Map<String, SiteDefined> published = Map.of(
                "production", new SiteDefined("e1", "production", clock.instant(), "Production",
                        List.of(new SiteDefined.Component("prod-web", "Omnichannel web"))),
                "lab", new SiteDefined("e2", "lab", clock.instant(), "Lab", List.of()));

        Changes changes = CatalogPublisher.changes(published, List.of(production), clock);

        assertThat(changes.written()).extracting(SiteDefined::siteId).containsExactly("production");
        assertThat(changes.removed()).containsExactly("lab");
    }

    @Test
    void theCatalogsTranslationsArePublishedAndATranslationAddedIsAChange() {
        Site translated = new Site("production", "Production", "active", null,
                List.of(new CatalogSettings.Component("prod-web", "Omnichannel web", "", Map.of("es", "Web omnicanal"), Map.of())),
                Map.of("es", "Entorno de Producción"));
        Map<String, SiteDefined> untranslated = Map.of("production", new SiteDefined("e1", "production", clock.instant(), "Production",
                List.of(new SiteDefined.Component("prod-web", "Omnichannel web"))));

        Changes changes = CatalogPublisher.changes(untranslated, List.of(translated), clock);

        SiteDefined written = changes.written().getFirst();
        assertThat(written.nameIn("es")).isEqualTo("Entorno de Producción");
        assertThat(written.components().getFirst().nameIn("es")).isEqualTo("Web omnicanal");
    }
}
