package io.contingo.incident.incident;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.contingo.events.ComponentStatus;
import io.contingo.events.IncidentEvent;
import io.contingo.events.IncidentSnapshot;

/**
 * An incident's life: components join and recover, the last recovery starts monitoring, a quiet period
 * resolves it, a new failure reopens it; agents classify, note, declare and resolve; repeats change nothing.
 */
class IncidentTests {

    private static final Instant T0 = Instant.parse("2026-11-26T09:00:00Z");

    private static final Duration QUIET = Duration.ofSeconds(60);

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
    void theLastRecoveryStartsMonitoringAndAQuietPeriodResolves() {
        incident.componentOut("prod-api", "Customer API", ComponentStatus.MAJOR_OUTAGE, T0.plusSeconds(10));

        assertThat(incident.componentRecovered("prod-web", T0.plusSeconds(60))).isTrue();
        assertThat(incident.snapshot().status()).isEqualTo(IncidentSnapshot.Status.INVESTIGATING);
        assertThat(incident.componentRecovered("prod-web", T0.plusSeconds(61))).isFalse(); // repeated: nothing changes
        assertThat(incident.componentRecovered("prod-api", T0.plusSeconds(120))).isTrue();

        assertThat(incident.snapshot().status()).isEqualTo(IncidentSnapshot.Status.MONITORING);
        assertThat(incident.snapshot().updates().getLast().body()).contains("We are monitoring");
        assertThat(incident.isOpen()).isTrue();
        assertThat(incident.resolveIfQuiet(T0.plusSeconds(150), QUIET)).isFalse(); // 30 s quiet of 60
        assertThat(incident.resolveIfQuiet(T0.plusSeconds(180), QUIET)).isTrue();

        IncidentSnapshot snapshot = incident.snapshot();
        assertThat(incident.isOpen()).isFalse();
        assertThat(snapshot.status()).isEqualTo(IncidentSnapshot.Status.RESOLVED);
        assertThat(snapshot.resolvedAt()).isEqualTo(T0.plusSeconds(180));
        assertThat(incident.figures().timeToResolve()).hasSeconds(180);
        assertThat(snapshot.components()).allSatisfy(c -> assertThat(c.windows().getLast().end()).isNotNull());
        assertThat(snapshot.updates().getLast().body()).contains("The outage lasted 2 min");
        assertThat(incident.outbox()).extracting(IncidentEvent::type).containsExactly(IncidentEvent.Type.OPENED,
                IncidentEvent.Type.COMPONENTS_CHANGED, IncidentEvent.Type.COMPONENTS_CHANGED, IncidentEvent.Type.UPDATED,
                IncidentEvent.Type.RESOLVED);
        assertThat(incident.outbox()).extracting(IncidentEvent::sequence).containsExactly(1L, 2L, 3L, 4L, 5L);
        assertThat(incident.resolveIfQuiet(T0.plusSeconds(300), QUIET)).isFalse();
    }

    @Test
    void theResolutionSaysHowLongAtLeastOneServiceWasOutAfterAReopenToo() {
        // web out 09:00:00–09:03:00, resolved after a quiet minute; it fails again at 09:09:00 for 30 s
        incident.componentRecovered("prod-web", T0.plusSeconds(180));
        incident.resolveIfQuiet(T0.plusSeconds(240), QUIET);
        assertThat(incident.snapshot().updates().getLast().body()).endsWith("The outage lasted 3 min.");

        incident.reopen("prod-web", "Omnichannel web", ComponentStatus.MAJOR_OUTAGE, T0.plusSeconds(540));
        incident.componentOut("prod-api", "Customer API", ComponentStatus.MAJOR_OUTAGE, T0.plusSeconds(545)); // within web's window
        incident.componentRecovered("prod-api", T0.plusSeconds(560));
        incident.componentRecovered("prod-web", T0.plusSeconds(570));
        assertThat(incident.resolveIfQuiet(T0.plusSeconds(630), QUIET)).isTrue();

        // 3 min + 30 s of windows, not the 9.5 min from the first failure to the last recovery
        IncidentSnapshot snapshot = incident.snapshot();
        assertThat(snapshot.outage(T0.plusSeconds(3600))).hasSeconds(210);
        assertThat(snapshot.updates().getLast().body()).endsWith("The outage lasted 3 min.");
    }

    @Test
    void theEngineWritesItsTextsInEveryLanguageWithTheCatalogsNames() {
        Incident spanish = Incident.open("inc-5", "production", new EngineTexts.Name("Production", Map.of("es", "Producción")), 3,
                "prod-web", new EngineTexts.Name("Omnichannel web", Map.of("es", "Web omnicanal")), ComponentStatus.MAJOR_OUTAGE, T0);
        spanish.componentOut("prod-api", new EngineTexts.Name("Customer API", Map.of("es", "API de clientes")),
                ComponentStatus.MAJOR_OUTAGE, T0.plusSeconds(5));
        spanish.componentRecovered("prod-web", T0.plusSeconds(60));
        spanish.postUpdate("agent", IncidentSnapshot.Status.IDENTIFIED, "A storage controller failed.", T0.plusSeconds(70));

        IncidentSnapshot snapshot = spanish.snapshot();
        assertThat(snapshot.name()).isEqualTo("Production site outage");
        IncidentSnapshot es = snapshot.in("es");
        assertThat(es.name()).isEqualTo("Caída del entorno de Producción");
        assertThat(es.siteName()).isEqualTo("Producción");
        assertThat(es.components()).extracting(IncidentSnapshot.AffectedComponent::name).containsExactly("Web omnicanal", "API de clientes");
        assertThat(es.updates()).extracting(IncidentSnapshot.Update::body).containsExactly(
                "Estamos investigando una interrupción que afecta a Web omnicanal. Publicaremos una actualización en cuanto sepamos más.",
                "El servicio API de clientes también se ve afectado. Nuestro equipo está trabajando en ello.",
                "Web omnicanal se ha recuperado. Seguimos trabajando en API de clientes.",
                "A storage controller failed."); // an agent's update stays as the agent wrote it
        assertThat(snapshot.updates().getFirst().bodies()).containsOnlyKeys(EngineTexts.languages());
        assertThat(EngineTexts.languages()).containsExactly("de", "es", "pt");
    }

    @Test
    void theEngineWritesPortugueseAndGermanToo() {
        Incident incident = Incident.open("inc-6", "production",
                new EngineTexts.Name("Production", Map.of("pt", "Produção", "de", "Produktion")), 3, "prod-web",
                new EngineTexts.Name("Omnichannel web", Map.of("pt", "Web omnicanal", "de", "Omnichannel-Web")),
                ComponentStatus.MAJOR_OUTAGE, T0);
        incident.componentOut("prod-telephony", new EngineTexts.Name("Telephony", Map.of("pt", "Telefonia", "de", "Telefonie")),
                ComponentStatus.MAJOR_OUTAGE, T0.plusSeconds(5));
        incident.componentRecovered("prod-web", T0.plusSeconds(60));
        incident.componentRecovered("prod-telephony", T0.plusSeconds(90));

        IncidentSnapshot snapshot = incident.snapshot();
        assertThat(snapshot.names()).containsEntry("pt", "Falha no centro de Produção")
                .containsEntry("de", "Ausfall im Rechenzentrum Produktion");
        IncidentSnapshot pt = snapshot.in("pt");
        assertThat(pt.siteName()).isEqualTo("Produção");
        assertThat(pt.updates()).extracting(IncidentSnapshot.Update::body).containsExactly(
                "Estamos a investigar uma interrupção que afeta Web omnicanal. Publicaremos uma atualização assim que soubermos mais.",
                "O serviço Telefonia também está afetado. A nossa equipa está a trabalhar na resolução.",
                "O serviço Web omnicanal recuperou. Continuamos a trabalhar em Telefonia.",
                "Todos os serviços afetados voltaram a funcionar. Estamos a acompanhá-los para garantir que continuam assim.");
        IncidentSnapshot de = snapshot.in("de");
        assertThat(de.components()).extracting(IncidentSnapshot.AffectedComponent::name).containsExactly("Omnichannel-Web", "Telefonie");
        assertThat(de.updates()).extracting(IncidentSnapshot.Update::body).containsExactly(
                "Wir untersuchen eine Störung, die Omnichannel-Web betrifft. Sobald wir mehr wissen, melden wir uns mit Neuigkeiten.",
                "Der Dienst Telefonie ist ebenfalls betroffen. Unser Team arbeitet daran.",
                "Der Dienst Omnichannel-Web funktioniert wieder. Wir arbeiten weiter an Telefonie.",
                "Alle betroffenen Dienste funktionieren wieder. Wir beobachten sie, um sicherzugehen, dass es so bleibt.");
    }

    @Test
    void theEngineWritesTheContractFixturesIncident() throws java.io.IOException {
        Incident opened = Incident.open("inc-20261126-0915-production", "production",
                new EngineTexts.Name("Production", Map.of("es", "Producción", "pt", "Produção", "de", "Produktion")), 3, "prod-web",
                new EngineTexts.Name("Omnichannel web", Map.of("es", "Web omnicanal", "pt", "Web omnicanal", "de", "Omnichannel-Web")),
                ComponentStatus.MAJOR_OUTAGE, Instant.parse("2026-11-26T09:15:40.250Z"));
        tools.jackson.databind.json.JsonMapper json = tools.jackson.databind.json.JsonMapper.builder().build();

        try (var fixture = getClass().getResourceAsStream("/contracts/incident-event.json")) {
            assertThat(json.readTree(json.writeValueAsString(opened.snapshot())))
                    .isEqualTo(json.readTree(fixture.readAllBytes()).get("incident"));
        }
    }

    @Test
    void aFailureDuringMonitoringGoesBackToInvestigating() {
        incident.componentRecovered("prod-web", T0.plusSeconds(60));
        incident.componentOut("prod-web", "Omnichannel web", ComponentStatus.MAJOR_OUTAGE, T0.plusSeconds(80));

        assertThat(incident.snapshot().status()).isEqualTo(IncidentSnapshot.Status.INVESTIGATING);
        assertThat(incident.snapshot().updates().getLast().body()).contains("failing again");
        assertThat(incident.resolveIfQuiet(T0.plusSeconds(3600), QUIET)).isFalse();
    }

    @Test
    void reopeningAddsAWindowAndAnEventWithTheNextSequence() {
        incident.componentRecovered("prod-web", T0.plusSeconds(60));
        incident.resolveIfQuiet(T0.plusSeconds(120), QUIET);

        assertThat(incident.reopen("prod-web", "Omnichannel web", ComponentStatus.PARTIAL_OUTAGE, T0.plusSeconds(3600))).isTrue();

        IncidentSnapshot snapshot = incident.snapshot();
        assertThat(incident.isOpen()).isTrue();
        assertThat(snapshot.resolvedAt()).isNull();
        assertThat(snapshot.status()).isEqualTo(IncidentSnapshot.Status.INVESTIGATING);
        assertThat(snapshot.components().getFirst().windows()).hasSize(2);
        assertThat(incident.figures().reopenCount()).isEqualTo(1);
        assertThat(incident.outbox().getLast().type()).isEqualTo(IncidentEvent.Type.REOPENED);
        assertThat(incident.outbox().getLast().sequence()).isEqualTo(4);
        assertThat(incident.reopen("prod-web", "Omnichannel web", ComponentStatus.PARTIAL_OUTAGE, T0.plusSeconds(3601))).isFalse();
    }

    @Test
    void severityFollowsTheShareOfTheSiteOutUnlessAnAgentSetsIt() {
        Incident partial = Incident.open("inc-2", "production", "Production", 4, "prod-web", "Omnichannel web",
                ComponentStatus.PARTIAL_OUTAGE, T0);
        assertThat(partial.snapshot().severity()).isEqualTo(IncidentSnapshot.Severity.SEV3);
        partial.componentOut("prod-api", "Customer API", ComponentStatus.PARTIAL_OUTAGE, T0);
        assertThat(partial.snapshot().severity()).isEqualTo(IncidentSnapshot.Severity.SEV2); // half the site
        partial.componentOut("prod-telephony", "Telephony", ComponentStatus.MAJOR_OUTAGE, T0);
        assertThat(partial.snapshot().severity()).isEqualTo(IncidentSnapshot.Severity.SEV2);
        partial.componentOut("prod-db", "Database", ComponentStatus.MAJOR_OUTAGE, T0);
        assertThat(partial.snapshot().severity()).isEqualTo(IncidentSnapshot.Severity.SEV1);

        partial.classify("agent", IncidentSnapshot.Severity.SEV3, IncidentSnapshot.Impact.MINOR, T0.plusSeconds(60));
        partial.componentOut("prod-web", "Omnichannel web", ComponentStatus.MAJOR_OUTAGE, T0.plusSeconds(70));
        assertThat(partial.snapshot().severity()).isEqualTo(IncidentSnapshot.Severity.SEV3);
        assertThat(partial.snapshot().impact()).isEqualTo(IncidentSnapshot.Impact.MINOR);
        assertThat(partial.figures().activity()).anySatisfy(a -> assertThat(a.text()).isEqualTo("Severity SEV3, impact minor"));
    }

    @Test
    void anAgentDeclaresAndResolvesAnIncidentByHand() {
        Incident declared = Incident.declare("inc-3", "Calls drop after 30 s", "production", "Production", 3,
                List.of(new DeclaredComponent("prod-telephony", "Telephony", ComponentStatus.PARTIAL_OUTAGE)),
                IncidentSnapshot.Impact.MINOR, IncidentSnapshot.Severity.SEV3, "Customers report dropped calls.", "agent", T0);

        assertThat(declared.figures().declaredBy()).isEqualTo("agent");
        assertThat(declared.snapshot().updates()).singleElement()
                .satisfies(u -> assertThat(u.body()).isEqualTo("Customers report dropped calls."));
        declared.resolveByHand("agent", "A carrier fixed its trunk.", T0.plusSeconds(600));

        assertThat(declared.snapshot().status()).isEqualTo(IncidentSnapshot.Status.RESOLVED);
        assertThat(declared.snapshot().components().getFirst().windows().getFirst().end()).isEqualTo(T0.plusSeconds(600));
        assertThat(declared.outbox()).extracting(IncidentEvent::type).containsExactly(IncidentEvent.Type.OPENED,
                IncidentEvent.Type.RESOLVED);
        assertThatThrownBy(() -> declared.resolveByHand("agent", "again", T0.plusSeconds(700))).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aPartialOutageThatBecomesMajorRaisesTheIncident() {
        Incident partial = Incident.open("inc-4", "production", "Production", 2, "prod-web", "Omnichannel web",
                ComponentStatus.PARTIAL_OUTAGE, T0);
        assertThat(partial.snapshot().severity()).isEqualTo(IncidentSnapshot.Severity.SEV2);
        assertThat(partial.snapshot().impact()).isEqualTo(IncidentSnapshot.Impact.MINOR);

        assertThat(partial.componentOut("prod-web", "Omnichannel web", ComponentStatus.MAJOR_OUTAGE, T0.plusSeconds(10))).isTrue();

        assertThat(partial.snapshot().components().getFirst().status()).isEqualTo(ComponentStatus.MAJOR_OUTAGE);
        assertThat(partial.snapshot().components().getFirst().windows()).hasSize(1); // the same outage, worse
        assertThat(partial.snapshot().severity()).isEqualTo(IncidentSnapshot.Severity.SEV1);
        assertThat(partial.snapshot().impact()).isEqualTo(IncidentSnapshot.Impact.MAJOR);
        assertThat(partial.outbox().getLast().type()).isEqualTo(IncidentEvent.Type.COMPONENTS_CHANGED);
        assertThat(partial.componentOut("prod-web", "Omnichannel web", ComponentStatus.PARTIAL_OUTAGE, T0.plusSeconds(20)))
                .as("better again: the incident keeps the worst").isFalse();
    }

    @Test
    void agentsCorrectTheAffectedServices() {
        incident.setComponent("agent", "prod-telephony", "Telephony", ComponentStatus.PARTIAL_OUTAGE, T0.plusSeconds(30));
        incident.setComponent("agent", "prod-web", "Omnichannel web", ComponentStatus.PARTIAL_OUTAGE, T0.plusSeconds(40));

        assertThat(incident.snapshot().components()).extracting(IncidentSnapshot.AffectedComponent::componentId)
                .containsExactly("prod-web", "prod-telephony");
        assertThat(incident.snapshot().components().getFirst().status()).isEqualTo(ComponentStatus.PARTIAL_OUTAGE);
        assertThat(incident.snapshot().components().getFirst().windows()).hasSize(1); // still the same outage
        assertThat(incident.removeComponent("agent", "prod-telephony", T0.plusSeconds(50))).isTrue();
        assertThat(incident.removeComponent("agent", "prod-telephony", T0.plusSeconds(51))).isFalse();
        assertThatThrownBy(() -> incident.removeComponent("agent", "prod-web", T0.plusSeconds(60))).isInstanceOf(IllegalStateException.class);
        assertThat(incident.outbox()).extracting(IncidentEvent::type).containsExactly(IncidentEvent.Type.OPENED,
                IncidentEvent.Type.COMPONENTS_CHANGED, IncidentEvent.Type.COMPONENTS_CHANGED, IncidentEvent.Type.COMPONENTS_CHANGED);
    }

    @Test
    void notesAndAssignmentStayInTheInternalTimeline() {
        incident.assign("lead", "maria", T0.plusSeconds(5));
        incident.addNote("maria", "Storage team paged.", T0.plusSeconds(10));

        assertThat(incident.figures().assignee()).isEqualTo("maria");
        assertThat(incident.figures().activity()).extracting(Activity::kind).containsSubsequence(Activity.Kind.ASSIGNED,
                Activity.Kind.NOTE);
        assertThat(incident.snapshot().updates()).hasSize(1);
        assertThat(incident.snapshot().toString()).doesNotContain("Storage team paged", "maria");
    }

    @Test
    void rootCauseAndCorrectiveActionsTravelInTheSnapshotWithoutAPublicUpdate() {
        incident.recordRootCause("agent", "A storage controller failed.", T0.plusSeconds(30));
        incident.addCorrectiveAction("agent", new IncidentSnapshot.CorrectiveAction("Replace the controller", "Operations",
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
        assertThat(incident.figures().timeToAcknowledge()).hasSeconds(90);
        assertThat(incident.snapshot().acknowledgedAt()).isEqualTo(T0.plusSeconds(90));
        assertThat(incident.figures().assignee()).isEqualTo("agent");
    }

    @Test
    void aComponentFailingAgainWhileTheIncidentIsOpenGetsASecondWindow() {
        incident.componentOut("prod-api", "Customer API", ComponentStatus.MAJOR_OUTAGE, T0);
        incident.componentRecovered("prod-web", T0.plusSeconds(30));
        incident.componentOut("prod-web", "Omnichannel web", ComponentStatus.MAJOR_OUTAGE, T0.plusSeconds(90));

        assertThat(incident.snapshot().components().getFirst().windows()).hasSize(2);
    }

    /**
     * Every event carries the whole incident and a broker takes records of about 1 MB: an incident holds a bounded
     * number of updates, actions and windows, so that even the largest one fits in a record.
     */
    @Test
    void whatAnIncidentHoldsIsBoundedSoThatItsEventsAlwaysFitARecord() {
        // ten services flapping for hours: the engine's updates and each service's windows stop growing
        String[] ids = new String[10];
        for (int c = 0; c < ids.length; c++) {
            ids[c] = "svc-" + c;
        }
        Instant at = T0;
        for (int flap = 0; flap < 300; flap++) {
            for (String id : ids) {
                incident.componentOut(id, "Service " + id, ComponentStatus.MAJOR_OUTAGE, at = at.plusSeconds(1));
                incident.componentRecovered(id, at = at.plusSeconds(1));
            }
        }
        IncidentSnapshot flapped = incident.snapshot();
        assertThat(flapped.updates()).hasSize(Incident.ENGINE_UPDATES);
        assertThat(flapped.components()).allSatisfy(c -> assertThat(c.windows()).hasSizeLessThanOrEqualTo(Incident.MAX_WINDOWS));
        // the capped windows still cover the whole time each service was out: from its first failure to its last recovery
        assertThat(flapped.components().get(1).windows().getLast().end()).isNotNull();

        // agents then write as much as they may, in three-byte characters
        String longest = "€".repeat(2_000);
        while (incident.hasRoomForUpdate()) {
            incident.postUpdate("agent", IncidentSnapshot.Status.IDENTIFIED, longest, at = at.plusSeconds(1));
        }
        assertThatThrownBy(() -> incident.postUpdate("agent", IncidentSnapshot.Status.IDENTIFIED, "one more", T0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("resolve it and declare a new incident");
        while (incident.hasRoomForAction()) {
            incident.addCorrectiveAction("agent", new IncidentSnapshot.CorrectiveAction("€".repeat(500), "€".repeat(100), null,
                    IncidentSnapshot.Phase.SHORT_TERM, false), at);
        }
        assertThatThrownBy(() -> incident.addCorrectiveAction("agent", new IncidentSnapshot.CorrectiveAction("one more", null, null,
                IncidentSnapshot.Phase.SHORT_TERM, false), T0)).isInstanceOf(IllegalArgumentException.class);
        incident.recordRootCause("agent", "€".repeat(4_000), at);
        incident.resolveByHand("agent", longest, at.plusSeconds(1));

        IncidentSnapshot largest = incident.snapshot();
        assertThat(largest.updates()).hasSize(Incident.MAX_UPDATES);
        assertThat(largest.updates().getLast().status()).isEqualTo(IncidentSnapshot.Status.RESOLVED);
        assertThat(largest.correctiveActions()).hasSize(Incident.MAX_ACTIONS);
        int bytes = tools.jackson.databind.json.JsonMapper.builder().build().writeValueAsBytes(incident.outbox().getLast()).length;
        assertThat(bytes).as("the largest incident's event").isLessThan(1_000_000);
    }
}
