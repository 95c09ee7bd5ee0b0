package io.contingo.incident.incident;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.data.mongodb.core.MongoTemplate;

import io.contingo.events.ComponentStatus;
import io.contingo.incident.InMemoryMongo;

/**
 * What paging needs of an incident: a line added to its timeline from outside (a page) is added once and survives an
 * agent's change read before it, without making that agent's form stale; and a reopened incident waits for an
 * acknowledgement again, while MTTA keeps the first.
 */
class TimelineAndAcknowledgementTests {

    private static final Instant T0 = Instant.parse("2026-11-26T09:00:00Z");

    @RegisterExtension
    static final InMemoryMongo MONGO = new InMemoryMongo();

    @Test
    void aLineLoggedOnceIsThereOnceAndSurvivesAnAgentsChangeReadBeforeIt() {
        MongoTemplate mongo = MONGO.freshDatabase("incidents");
        Incidents incidents = new Incidents(mongo, () -> { },
                new IncidentSettings(Duration.ofMinutes(2), Duration.ofHours(12), Duration.ofMinutes(1)));
        Incident opened = Incident.open("inc-1", "production", "Production", 3, "prod-web", "Omnichannel web",
                ComponentStatus.MAJOR_OUTAGE, T0);
        incidents.declare(opened);
        Incident agentsCopy = incidents.find("inc-1").orElseThrow(); // an agent opens the incident's page
        long version = agentsCopy.version();

        Activity page = new Activity(T0.plusSeconds(5), null, Activity.Kind.PAGED, "Paged agent (level 1 on call for Production) by email",
                "inc-1/0/production/1");
        assertThat(incidents.logOnce("inc-1", page)).isTrue();
        assertThat(incidents.logOnce("inc-1", page)).as("a second try (a restart, another instance)").isFalse();

        agentsCopy.addNote("agent", "Looking at the load balancer.", T0.plusSeconds(30));
        incidents.saveAgentChange(agentsCopy, version); // not stale: the page did not change the version

        assertThat(incidents.find("inc-1").orElseThrow().figures().activity())
                .extracting(Activity::kind).containsExactly(Activity.Kind.OPENED, Activity.Kind.PAGED, Activity.Kind.NOTE);
    }

    @Test
    void aReopenedIncidentWaitsForAnAcknowledgementAgainAndMttaKeepsTheFirst() {
        Incident incident = Incident.open("inc-2", "production", "Production", 3, "prod-web", "Omnichannel web",
                ComponentStatus.MAJOR_OUTAGE, T0);
        assertThat(incident.awaitsAcknowledgement()).isTrue();
        assertThat(incident.acknowledge("agent", T0.plusSeconds(60))).isTrue();
        assertThat(incident.awaitsAcknowledgement()).isFalse();
        incident.resolveByHand("agent", "Fixed.", T0.plusSeconds(600));

        assertThat(incident.reopen("prod-web", "Omnichannel web", ComponentStatus.MAJOR_OUTAGE, T0.plusSeconds(900))).isTrue();
        assertThat(incident.opening()).isEqualTo(1);
        assertThat(incident.awaitsAcknowledgement()).isTrue();
        assertThat(incident.acknowledge("admin", T0.plusSeconds(960))).isTrue();
        assertThat(incident.acknowledge("agent", T0.plusSeconds(990))).isFalse();

        assertThat(incident.awaitsAcknowledgement()).isFalse();
        assertThat(incident.figures().timeToAcknowledge()).isEqualTo(Duration.ofSeconds(60));
        assertThat(incident.figures().activity()).filteredOn(a -> a.kind() == Activity.Kind.ACKNOWLEDGED)
                .extracting(Activity::actor).containsExactly("agent", "admin");
    }
}
