package io.contingo.incident.component;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.data.mongodb.core.MongoTemplate;

import io.contingo.events.ComponentStatus;
import io.contingo.events.HealthEvent;
import io.contingo.events.HealthStatus;
import io.contingo.incident.InMemoryMongo;
import io.contingo.incident.catalog.CatalogSettings;
import io.contingo.incident.catalog.TestCatalogs;
import io.contingo.incident.incident.Incident;
import io.contingo.incident.incident.IncidentSettings;
import io.contingo.incident.incident.TestIncidents;

/**
 * The engine's memory of component states on a MongoDB-wire server: what an event changed and has not been
 * written yet survives the component being forgotten meanwhile, and each consumer thread's memory is its own.
 */
class HandlingHealthEventsTests {

    private static final Instant T0 = Instant.parse("2026-11-27T09:00:00Z");
    private static final CatalogSettings CATALOG = new CatalogSettings(
            new CatalogSettings.Page("contingo", "Contingo", URI.create("http://127.0.0.1:1/"), null, ZoneId.of("UTC")),
            List.of(new CatalogSettings.Site("production", "Production", "active", URI.create("http://127.0.0.1:1"),
                    List.of(new CatalogSettings.Component("prod-web", "Web", ""), new CatalogSettings.Component("prod-api", "API", "")))));

    @RegisterExtension
    static final InMemoryMongo MONGO = new InMemoryMongo();
    private MongoTemplate mongo;
    private SteadyStates steady;
    /** Run before each look-up of a component in the catalog, once. */
    private Runnable onLookup = () -> { };

    @BeforeEach
    void freshDatabase() {
        mongo = MONGO.freshDatabase("handling");
        steady = new SteadyStates(new ComponentStates(mongo));
    }

    @Test
    void aChangeNotWrittenYetSurvivesItsComponentBeingForgottenMidPoll() {
        HandlingHealthEvents handling = threeLocationsUp();
        // one location of three fails: its monitor's track changes, the component's status not yet (no quorum),
        // so the change waits for the end of the poll; while it is applied, someone forgets prod-web (as an
        // agent's maintenance window does)
        onLookup = () -> steady.forget("prod-web");

        twoLocationsDown(handling);

        ComponentState web = mongo.findById("prod-web", ComponentState.class);
        assertThat(web.tracks()).filteredOn(t -> t.confirmed() == HealthStatus.DOWN).as("both failures").hasSize(2);
        assertThat(web.status()).as("two locations of three agree: out").isEqualTo(ComponentStatus.MAJOR_OUTAGE);
        assertThat(mongo.findAll(Incident.class)).singleElement().satisfies(i -> assertThat(i.id()).isEqualTo(web.incidentId()));
    }

    @Test
    void aMaintenanceWindowStartedMidPollIsSeenBeforeTheNextEventDecidesAnIncident() {
        HandlingHealthEvents handling = threeLocationsUp();
        // while the poll's first failure is applied (not written yet), an agent's maintenance window starts
        onLookup = () -> handling.startMaintenance("prod-web", "mnt-1", T0.plusSeconds(29));

        twoLocationsDown(handling);

        ComponentState web = mongo.findById("prod-web", ComponentState.class);
        assertThat(web.status()).isEqualTo(ComponentStatus.UNDER_MAINTENANCE);
        assertThat(web.tracks()).filteredOn(t -> t.confirmed() == HealthStatus.DOWN).as("both failures recorded").hasSize(2);
        assertThat(mongo.findAll(Incident.class)).as("no incident during maintenance").isEmpty();
    }

    @Test
    void quietResultsInMemoryAreStoredWhenThePartitionsAreRevoked() {
        HandlingHealthEvents handling = handling(3);
        handling.seedComponents();
        // two failures of three: the first starts the monitor's track (stored), the second is a quiet step of its
        // streak, kept in this thread's memory only
        handling.handle(List.of(event("probe-a", HealthStatus.DOWN, T0)));
        handling.handle(List.of(event("probe-a", HealthStatus.DOWN, T0.plusSeconds(30))));
        assertThat(mongo.findById("prod-web", ComponentState.class).tracks()).singleElement().as("the second not written yet")
                .satisfies(t -> assertThat(t.lastObservedAt()).isEqualTo(T0));

        steady.onPartitionsRevokedBeforeCommit("onHealthEvent-in-0", null, List.of());

        assertThat(steady.remembered("prod-web")).isNull();
        assertThat(mongo.findById("prod-web", ComponentState.class).tracks()).singleElement()
                .satisfies(t -> assertThat(t.lastObservedAt()).isEqualTo(T0.plusSeconds(30)));
        // the thread (or instance) the partition goes to goes on from there: the third failure confirms it
        steady = new SteadyStates(new ComponentStates(mongo));
        handling(3).handle(List.of(event("probe-a", HealthStatus.DOWN, T0.plusSeconds(60))));
        assertThat(mongo.findById("prod-web", ComponentState.class).status()).isEqualTo(ComponentStatus.MAJOR_OUTAGE);
    }

    @Test
    void aThreadsRebalanceForgetsItsOwnMemoryOnly() throws Exception {
        ComponentState web = ComponentState.operational("prod-web", "production", "Web", T0);
        ComponentState api = ComponentState.operational("prod-api", "production", "API", T0);
        steady.remember(web);
        try (var other = Executors.newSingleThreadExecutor()) {
            CompletableFuture.runAsync(() -> {
                steady.remember(api);
                steady.onPartitionsAssigned("onHealthEvent-in-0", null, List.of(), false);
                assertThat(steady.remembered("prod-api")).isNull();
            }, other).get();
            assertThat(steady.remembered("prod-web")).as("this thread's memory").isSameAs(web);

            CompletableFuture.runAsync(() -> steady.remember(api), other).get();
            steady.forget("prod-api");
            assertThat(CompletableFuture.supplyAsync(() -> steady.remembered("prod-api"), other).get())
                    .as("forgotten in every thread's memory").isNull();
        }
    }

    private HandlingHealthEvents handling() {
        return handling(1);
    }

    /** Thresholds of one result; prod-web seen UP from three locations, and stored so. */
    private HandlingHealthEvents threeLocationsUp() {
        HandlingHealthEvents handling = handling();
        handling.seedComponents();
        handling.handle(List.of(event("probe-a", HealthStatus.UP, T0), event("probe-b", HealthStatus.UP, T0),
                event("probe-c", HealthStatus.UP, T0)));
        return handling;
    }

    /** One poll: two of the three locations fail, one after the other (a quorum with the second). */
    private static void twoLocationsDown(HandlingHealthEvents handling) {
        handling.handle(List.of(event("probe-a", HealthStatus.DOWN, T0.plusSeconds(30)),
                event("probe-b", HealthStatus.DOWN, T0.plusSeconds(31))));
    }

    private HandlingHealthEvents handling(int failureThreshold) {
        Runnable lookedUp = () -> {
            Runnable once = onLookup;
            onLookup = () -> { };
            once.run();
        };
        var catalog = TestCatalogs.of(CATALOG, lookedUp);
        var incidents = TestIncidents.on(mongo, () -> { }, new IncidentSettings(Duration.ofMinutes(2), Duration.ofHours(12),
                Duration.ofMinutes(5)));
        return new HandlingHealthEvents(mongo, catalog, incidents, new ThresholdSettings(failureThreshold, 1, Quorum.valueOf("majority")), () -> { },
                Clock.fixed(T0, ZoneOffset.UTC), steady, new ComponentStates(mongo), new BackupReadings(mongo));
    }

    private static HealthEvent event(String location, HealthStatus status, Instant at) {
        return new HealthEvent(UUID.randomUUID().toString(), "prod-web-http", "prod-web", "production", location, status, at, 12L,
                "HTTP 503, expected 2xx", Map.of(HealthEvent.LOCATION, location));
    }
}
