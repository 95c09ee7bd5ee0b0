package io.contingo.incident.incident;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;

import io.contingo.devstack.MongoWireServer;
import io.contingo.events.ComponentStatus;
import io.contingo.events.IncidentEvent;
import io.contingo.events.IncidentSnapshot;
import io.contingo.incident.catalog.Catalog.Placement;
import io.contingo.incident.catalog.CatalogSettings;

/**
 * Grouping and reopening on a MongoDB-wire server: a site's failures within the grouping window share one
 * incident, a later one opens another, and a component failing again soon after its incident resolved
 * reopens it.
 */
class IncidentsTests {

    private static final Instant T0 = Instant.parse("2026-11-26T09:00:00Z");
    private static final CatalogSettings.Site PRODUCTION = new CatalogSettings.Site("production", "Production", "active",
            URI.create("http://127.0.0.1:1"), List.of(component("prod-web"), component("prod-api"), component("prod-telephony")));

    private static MongoWireServer server;
    private static MongoClient client;
    private MongoTemplate mongo;
    private Incidents incidents;

    @BeforeAll
    static void startServer() {
        server = MongoWireServer.startInMemory();
        client = MongoClients.create(server.uri());
    }

    @AfterAll
    static void stopServer() {
        client.close();
        server.close();
    }

    @BeforeEach
    void freshDatabase() {
        mongo = new MongoTemplate(client, "incidents-" + System.nanoTime());
        incidents = new Incidents(mongo, () -> { }, new IncidentSettings(Duration.ofMinutes(2), Duration.ofHours(12),
                Duration.ofMinutes(1)));
    }

    @Test
    void failuresWithinTheGroupingWindowJoinOneIncident() {
        String first = out("prod-web", T0);
        String second = out("prod-api", T0.plusSeconds(90));

        assertThat(second).isEqualTo(first);
        assertThat(snapshot(first).components()).hasSize(2);
    }

    @Test
    void aFailureAfterTheGroupingWindowOpensANewIncident() {
        String first = out("prod-web", T0);
        String later = out("prod-api", T0.plusSeconds(180));

        assertThat(later).isNotEqualTo(first);
        assertThat(mongo.findAll(Incident.class)).hasSize(2).allMatch(Incident::isOpen);
    }

    @Test
    void aComponentFailingAgainBeforeItsIncidentResolvesRejoinsIt() {
        String first = out("prod-web", T0);
        incidents.componentRecovered(first, "prod-web", T0.plusSeconds(200));

        assertThat(out("prod-web", T0.plusSeconds(230))).isEqualTo(first); // still monitoring, past the grouping window
        assertThat(snapshot(first).components().getFirst().windows()).hasSize(2);
        assertThat(snapshot(first).status()).isEqualTo(IncidentSnapshot.Status.INVESTIGATING);
    }

    @Test
    void aQuietMonitoringPeriodResolvesAndReleasesTheSite() {
        String first = out("prod-web", T0);
        incidents.componentRecovered(first, "prod-web", T0.plusSeconds(60));

        assertThat(incidents.resolveQuiet(T0.plusSeconds(100))).isZero();
        assertThat(incidents.resolveQuiet(T0.plusSeconds(120))).isEqualTo(1);
        assertThat(snapshot(first).status()).isEqualTo(IncidentSnapshot.Status.RESOLVED);
        assertThat(mongo.findAll(SiteOutage.class)).isEmpty();
        assertThat(out("prod-api", T0.plusSeconds(130))).isNotEqualTo(first); // another component: a new incident
    }

    @Test
    void aComponentFailingAgainWithinTheReopenWindowReopensItsIncident() {
        String first = out("prod-web", T0);
        incidents.componentRecovered(first, "prod-web", T0.plusSeconds(60));
        incidents.resolveQuiet(T0.plusSeconds(120));

        String again = out("prod-web", T0.plusSeconds(3 * 3600));
        String joining = out("prod-api", T0.plusSeconds(3 * 3600 + 30));

        assertThat(again).isEqualTo(first);
        assertThat(joining).isEqualTo(first); // the reopened incident is the site's current one
        Incident reopened = incidents.find(first).orElseThrow();
        assertThat(reopened.isOpen()).isTrue();
        assertThat(reopened.outbox()).extracting(IncidentEvent::type).contains(IncidentEvent.Type.REOPENED);
        assertThat(reopened.snapshot().components().getFirst().windows()).hasSize(2);
    }

    @Test
    void aComponentFailingAgainAfterTheReopenWindowOpensANewIncident() {
        String first = out("prod-web", T0);
        incidents.componentRecovered(first, "prod-web", T0.plusSeconds(60));
        incidents.resolveQuiet(T0.plusSeconds(120));

        assertThat(out("prod-web", T0.plusSeconds(13 * 3600))).isNotEqualTo(first);
    }

    @Test
    void aRepeatedCallChangesNothingMore() {
        String first = out("prod-web", T0);
        long sequence = incidents.find(first).orElseThrow().sequence();

        assertThat(out("prod-web", T0.plusSeconds(5))).isEqualTo(first);
        assertThat(incidents.find(first).orElseThrow().sequence()).isEqualTo(sequence);
    }

    private String out(String componentId, Instant at) {
        CatalogSettings.Component component = PRODUCTION.components().stream().filter(c -> c.id().equals(componentId))
                .findFirst().orElseThrow();
        return incidents.componentOut(new Placement(PRODUCTION, component, 1), 3, ComponentStatus.MAJOR_OUTAGE, at);
    }

    private IncidentSnapshot snapshot(String id) {
        return incidents.find(id).orElseThrow().snapshot();
    }

    private static CatalogSettings.Component component(String id) {
        return new CatalogSettings.Component(id, id, "");
    }
}
