package io.contingo.incident.incident;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.data.mongodb.core.query.UpdateDefinition;

import com.mongodb.client.result.UpdateResult;

import io.contingo.events.ComponentStatus;
import io.contingo.events.IncidentEvent;
import io.contingo.events.IncidentSnapshot;
import io.contingo.incident.InMemoryMongo;
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

    @RegisterExtension
    static final InMemoryMongo MONGO = new InMemoryMongo();
    private final IncidentSettings settings = new IncidentSettings(Duration.ofMinutes(2), Duration.ofHours(12), Duration.ofMinutes(1));
    private String database;
    private MongoTemplate mongo;
    private Incidents incidents;

    @BeforeEach
    void freshDatabase() {
        mongo = MONGO.freshDatabase("incidents");
        database = mongo.getDb().getName();
        incidents = new Incidents(mongo, () -> { }, settings);
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

    @Test
    void aComponentJoiningAnIncidentChangedMeanwhileReadsItAgainAndNothingIsLost() {
        String first = out("prod-web", T0);
        // a consumer of another partition adds prod-api between this one's read of the incident and its write
        Incidents racing = new Incidents(racingWith(() -> out("prod-api", T0.plusSeconds(30))), () -> { }, settings);

        String joined = racing.componentOut(placement("prod-telephony"), 3, ComponentStatus.MAJOR_OUTAGE, T0.plusSeconds(31));

        assertThat(joined).isEqualTo(first);
        assertThat(snapshot(first).components()).extracting(IncidentSnapshot.AffectedComponent::componentId)
                .containsExactlyInAnyOrder("prod-web", "prod-api", "prod-telephony");
    }

    @Test
    void aRecoveryOfAnIncidentChangedMeanwhileIsAppliedToWhatIsStored() {
        String first = out("prod-web", T0);
        out("prod-api", T0.plusSeconds(10));
        Incidents racing = new Incidents(racingWith(() -> incidents.componentRecovered(first, "prod-api", T0.plusSeconds(60))),
                () -> { }, settings);

        racing.componentRecovered(first, "prod-web", T0.plusSeconds(61));

        assertThat(snapshot(first).components()).allSatisfy(c -> assertThat(c.windows()).allSatisfy(w -> assertThat(w.end()).isNotNull()));
        assertThat(snapshot(first).status()).as("both recovered: monitoring").isEqualTo(IncidentSnapshot.Status.MONITORING);
    }

    @Test
    void anIncidentStepDoesNotPutBackWhatTheRelayPublishedMeanwhile() {
        String first = out("prod-web", T0);
        // the relay publishes OPENED and removes it between this consumer's read of the incident and its write
        Incidents racing = new Incidents(racingWith(() -> mongo.updateFirst(query(where("_id").is(first)),
                new Update().set("outbox", List.of()), mongo.getCollectionName(Incident.class))), () -> { }, settings);

        racing.componentOut(placement("prod-api"), 3, ComponentStatus.MAJOR_OUTAGE, T0.plusSeconds(30));

        Incident stored = incidents.find(first).orElseThrow();
        assertThat(stored.outbox()).extracting(IncidentEvent::type, IncidentEvent::sequence)
                .as("only the event of this step, still to publish").containsExactly(tuple(IncidentEvent.Type.COMPONENTS_CHANGED, 2L));
        assertThat(stored.snapshot().components()).hasSize(2);
    }

    @Test
    void aFailureWhileAnotherConsumerReopensTheSitesIncidentJoinsTheReopening() {
        String first = out("prod-web", T0);
        incidents.componentRecovered(first, "prod-web", T0.plusSeconds(60));
        incidents.resolveQuiet(T0.plusSeconds(120));
        // prod-api fails on another consumer after this one claimed the site to reopen, before it saved the reopening
        Incidents reopening = new Incidents(racingWith(() -> out("prod-api", T0.plusSeconds(3 * 3600 + 1))), () -> { }, settings);

        String again = reopening.componentOut(placement("prod-web"), 3, ComponentStatus.MAJOR_OUTAGE, T0.plusSeconds(3 * 3600));

        assertThat(again).isEqualTo(first);
        assertThat(mongo.findAll(Incident.class)).as("one incident for the site").hasSize(1);
        assertThat(snapshot(first).components()).filteredOn(c -> c.windows().getLast().end() == null)
                .extracting(IncidentSnapshot.AffectedComponent::componentId).containsExactlyInAnyOrder("prod-web", "prod-api");
    }

    @Test
    void aReopeningBetweenAResolutionAndItsReleaseKeepsItsClaim() {
        String first = out("prod-web", T0);
        incidents.componentRecovered(first, "prod-web", T0.plusSeconds(60));
        MongoTemplate releasing = new MongoTemplate(MONGO.client(), database) {
            private boolean raced;

            @Override
            public com.mongodb.client.result.DeleteResult remove(Query query, Class<?> entityClass) {
                if (!raced && entityClass == SiteOutage.class) {
                    raced = true;
                    out("prod-web", T0.plusSeconds(121)); // fails again just after the resolution was saved
                }
                return super.remove(query, entityClass);
            }
        };
        new Incidents(releasing, () -> { }, settings).resolveQuiet(T0.plusSeconds(120));

        assertThat(incidents.find(first).orElseThrow().isOpen()).as("reopened").isTrue();
        assertThat(mongo.findAll(SiteOutage.class)).extracting(SiteOutage::incidentId).containsExactly(first);
        assertThat(out("prod-api", T0.plusSeconds(150))).as("the site's current incident").isEqualTo(first);
    }

    /** A template on the same database that runs {@code meanwhile} just before its first update of an incident. */
    private MongoTemplate racingWith(Runnable meanwhile) {
        return new MongoTemplate(MONGO.client(), database) {
            private boolean raced;

            @Override
            public UpdateResult updateFirst(Query query, UpdateDefinition update, String collectionName) {
                if (!raced && collectionName.equals(getCollectionName(Incident.class))) {
                    raced = true;
                    meanwhile.run();
                }
                return super.updateFirst(query, update, collectionName);
            }
        };
    }

    private String out(String componentId, Instant at) {
        return incidents.componentOut(placement(componentId), 3, ComponentStatus.MAJOR_OUTAGE, at);
    }

    private static Placement placement(String componentId) {
        CatalogSettings.Component component = PRODUCTION.components().stream().filter(c -> c.id().equals(componentId))
                .findFirst().orElseThrow();
        return new Placement(PRODUCTION, component, 1);
    }

    private IncidentSnapshot snapshot(String id) {
        return incidents.find(id).orElseThrow().snapshot();
    }

    private static CatalogSettings.Component component(String id) {
        return new CatalogSettings.Component(id, id, "");
    }
}
