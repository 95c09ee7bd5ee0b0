package io.contingo.incident.incident;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import io.contingo.events.ComponentStatus;
import io.contingo.events.IncidentEvent;
import io.contingo.events.IncidentSnapshot;

/** An incident's life: components join, recover, and the last recovery resolves it; repeats change nothing. */
class IncidentTests {

    private static final Instant T0 = Instant.parse("2026-11-26T09:00:00Z");

    private final Incident incident = Incident.open("inc-1", "production", "Production", 3,
            "prod-web", "Omnichannel web", ComponentStatus.MAJOR_OUTAGE, T0);

    @Test
    void opensInvestigatingWithAnOpenWindowAndAnEventInItsOutbox() {
        IncidentSnapshot snapshot = incident.snapshot();

        assertThat(snapshot.name()).isEqualTo("Production site outage");
        assertThat(snapshot.status()).isEqualTo(IncidentSnapshot.Status.INVESTIGATING);
        assertThat(snapshot.impact()).isEqualTo(IncidentSnapshot.Impact.MAJOR);
        assertThat(snapshot.components()).singleElement().satisfies(c -> assertThat(c.windows()).singleElement()
                .satisfies(w -> assertThat(w.end()).isNull()));
        assertThat(incident.outbox()).singleElement().satisfies(e -> {
            assertThat(e.type()).isEqualTo(IncidentEvent.Type.OPENED);
            assertThat(e.sequence()).isEqualTo(1);
        });
    }

    @Test
    void aComponentAlreadyOutIsNotAddedTwice() {
        assertThat(incident.componentOut("prod-web", "Omnichannel web", ComponentStatus.MAJOR_OUTAGE, T0.plusSeconds(5))).isFalse();
        assertThat(incident.componentOut("prod-api", "Customer API", ComponentStatus.MAJOR_OUTAGE, T0.plusSeconds(5))).isTrue();

        assertThat(incident.snapshot().components()).hasSize(2);
        assertThat(incident.sequence()).isEqualTo(2);
    }

    @Test
    void theWholeSiteOutIsCritical() {
        incident.componentOut("prod-api", "Customer API", ComponentStatus.MAJOR_OUTAGE, T0);
        incident.componentOut("prod-telephony", "Telephony", ComponentStatus.MAJOR_OUTAGE, T0);

        assertThat(incident.snapshot().impact()).isEqualTo(IncidentSnapshot.Impact.CRITICAL);
    }

    @Test
    void theLastRecoveryResolvesAndClosesTheWindow() {
        incident.componentOut("prod-api", "Customer API", ComponentStatus.MAJOR_OUTAGE, T0.plusSeconds(10));

        assertThat(incident.componentRecovered("prod-web", T0.plusSeconds(60))).isTrue();
        assertThat(incident.isOpen()).isTrue();
        assertThat(incident.componentRecovered("prod-web", T0.plusSeconds(61))).isFalse(); // repeated: nothing changes
        assertThat(incident.componentRecovered("prod-api", T0.plusSeconds(120))).isTrue();

        IncidentSnapshot snapshot = incident.snapshot();
        assertThat(incident.isOpen()).isFalse();
        assertThat(snapshot.status()).isEqualTo(IncidentSnapshot.Status.RESOLVED);
        assertThat(snapshot.resolvedAt()).isEqualTo(T0.plusSeconds(120));
        assertThat(snapshot.components()).allSatisfy(c -> assertThat(c.windows().getLast().end()).isNotNull());
        assertThat(snapshot.updates().getLast().body()).contains("2 min 0 s");
        assertThat(incident.outbox()).extracting(IncidentEvent::sequence).containsExactly(1L, 2L, 3L, 4L);
        assertThat(incident.outbox().getLast().type()).isEqualTo(IncidentEvent.Type.RESOLVED);
    }

    @Test
    void rootCauseAndCorrectiveActionsTravelInTheSnapshotWithoutAPublicUpdate() {
        incident.recordRootCause("A storage controller failed.", T0.plusSeconds(30));
        incident.addCorrectiveAction(new IncidentSnapshot.CorrectiveAction("Replace the controller", "Operations",
                java.time.LocalDate.of(2026, 12, 1), IncidentSnapshot.Phase.IMMEDIATE, false), T0.plusSeconds(40));

        IncidentSnapshot snapshot = incident.snapshot();
        assertThat(snapshot.rootCause()).isEqualTo("A storage controller failed.");
        assertThat(snapshot.correctiveActions()).singleElement().satisfies(a -> assertThat(a.owner()).isEqualTo("Operations"));
        assertThat(snapshot.updates()).hasSize(1); // nothing new on the status page
        assertThat(incident.outbox()).extracting(IncidentEvent::type)
                .containsExactly(IncidentEvent.Type.OPENED, IncidentEvent.Type.DETAILS_CHANGED, IncidentEvent.Type.DETAILS_CHANGED);
    }

    @Test
    void anAgentsUpdateChangesThePublicStatusButCannotResolve() {
        incident.postUpdate(IncidentSnapshot.Status.IDENTIFIED, "A failed storage controller.", T0.plusSeconds(60));

        assertThat(incident.snapshot().status()).isEqualTo(IncidentSnapshot.Status.IDENTIFIED);
        assertThat(incident.snapshot().updates().getLast().body()).isEqualTo("A failed storage controller.");
        assertThat(incident.outbox().getLast().type()).isEqualTo(IncidentEvent.Type.UPDATED);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> incident.postUpdate(IncidentSnapshot.Status.RESOLVED, "done", T0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(incident.acknowledge("agent", T0.plusSeconds(90))).isTrue();
        assertThat(incident.acknowledge("agent2", T0.plusSeconds(95))).isFalse();
        assertThat(incident.timeToAcknowledge()).hasSeconds(90);
    }

    @Test
    void aComponentFailingAgainWhileTheIncidentIsOpenGetsASecondWindow() {
        incident.componentOut("prod-api", "Customer API", ComponentStatus.MAJOR_OUTAGE, T0);
        incident.componentRecovered("prod-web", T0.plusSeconds(30));
        incident.componentOut("prod-web", "Omnichannel web", ComponentStatus.MAJOR_OUTAGE, T0.plusSeconds(90));

        assertThat(incident.snapshot().components().getFirst().windows()).hasSize(2);
    }
}
