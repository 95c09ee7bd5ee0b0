package io.contingo.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.contingo.events.IncidentSnapshot.AffectedComponent;
import io.contingo.events.IncidentSnapshot.Update;
import io.contingo.events.IncidentSnapshot.Window;

/** How long an outage lasted, and an incident read in the reader's language. */
class IncidentSnapshotTests {

    private static final Instant T = Instant.parse("2026-11-26T09:15:00Z");

    @Test
    void overlappingWindowsOfSeveralComponentsCountOnce() {
        IncidentSnapshot incident = incident(
                component("web", window(0, 180)), // 09:15:00 – 09:18:00
                component("api", window(10, 170)), // inside web's
                component("tel", window(20, 200))); // ends 20 s after web's

        assertThat(incident.outage(at(3600))).isEqualTo(Duration.ofSeconds(200));
    }

    @Test
    void aReopenedIncidentCountsItsWindowsNotTheTimeBetweenThem() {
        // 3 min down, resolved, 6 min later it fails again for 30 s: 3.5 min of outage, not the 9.5 between first and last
        IncidentSnapshot incident = incident(component("web", window(0, 180), window(540, 570)));

        assertThat(incident.outage(at(3600))).isEqualTo(Duration.ofSeconds(210));
    }

    @Test
    void anOpenWindowCountsUpToNow() {
        IncidentSnapshot incident = incident(component("web", window(0, 60)), component("api", new Window(at(30), null)));

        assertThat(incident.outage(at(100))).isEqualTo(Duration.ofSeconds(100));
    }

    @Test
    void aWindowLeftOpenInAResolvedIncidentCountsUpToTheResolution() {
        IncidentSnapshot incident = incident(component("web", new Window(at(0), null))); // resolved at 600 s

        assertThat(incident.outage(at(3600))).isEqualTo(Duration.ofSeconds(600));
    }

    @Test
    void noWindowsIsNoOutage() {
        assertThat(incident().outage(at(100))).isEqualTo(Duration.ZERO);
    }

    @Test
    void aReaderGetsTheTextsInTheirLanguageAndTheDefaultWhereThereIsNoTranslation() {
        IncidentSnapshot incident = new IncidentSnapshot("inc-1", "Production site outage", "production", "Production",
                IncidentSnapshot.Status.INVESTIGATING, IncidentSnapshot.Impact.MAJOR, T, null,
                List.of(new AffectedComponent("web", "Omnichannel web", ComponentStatus.MAJOR_OUTAGE, List.of(), Map.of("es", "Web omnicanal"))),
                List.of(new Update("u1", IncidentSnapshot.Status.INVESTIGATING, "We are investigating.", T,
                                Map.of("es", "Estamos investigando.")),
                        new Update("u2", IncidentSnapshot.Status.IDENTIFIED, "Written by an agent.", T)),
                null, List.of(), IncidentSnapshot.Severity.SEV2, null,
                Map.of("es", "Caída del entorno de Producción"), Map.of("es", "Producción"));

        IncidentSnapshot spanish = incident.in("es");
        assertThat(spanish.name()).isEqualTo("Caída del entorno de Producción");
        assertThat(spanish.siteName()).isEqualTo("Producción");
        assertThat(spanish.components()).extracting(AffectedComponent::name).containsExactly("Web omnicanal");
        assertThat(spanish.updates()).extracting(Update::body).containsExactly("Estamos investigando.", "Written by an agent.");

        IncidentSnapshot german = incident.in("de"); // a language the engine does not write yet
        assertThat(german.name()).isEqualTo("Production site outage");
        assertThat(german.updates()).extracting(Update::body).containsExactly("We are investigating.", "Written by an agent.");
        assertThat(incident.in("en")).isEqualTo(incident);
    }

    private static IncidentSnapshot incident(AffectedComponent... components) {
        return new IncidentSnapshot("inc-1", "Outage", "production", "Production", IncidentSnapshot.Status.RESOLVED,
                IncidentSnapshot.Impact.MAJOR, T, at(600), List.of(components), List.of(), null, List.of(),
                IncidentSnapshot.Severity.SEV2, null);
    }

    private static AffectedComponent component(String id, Window... windows) {
        return new AffectedComponent(id, id, ComponentStatus.MAJOR_OUTAGE, List.of(windows));
    }

    private static Window window(int fromSecond, int toSecond) {
        return new Window(at(fromSecond), at(toSecond));
    }

    private static Instant at(int second) {
        return T.plusSeconds(second);
    }
}
