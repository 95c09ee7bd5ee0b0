package io.contingo.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.DatabindException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Each fixture under contracts/ reads into its record and writes back to the same JSON. */
class EventContractTests {

    private final JsonMapper json = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    @ParameterizedTest
    @CsvSource({
            "health-event.json, io.contingo.events.HealthEvent",
            "incident-event.json, io.contingo.events.IncidentEvent",
            "component-status-changed.json, io.contingo.events.ComponentStatusChanged",
            "site-defined.json, io.contingo.events.SiteDefined",
            "drp-command.json, io.contingo.events.DrpCommand",
            "drp-event.json, io.contingo.events.DrpEvent",
            "report-published.json, io.contingo.events.ReportPublished",
            "agent-paged.json, io.contingo.events.AgentPaged" })
    void fixtureRoundTripsThroughItsRecord(String fixture, Class<? extends ContingoEvent> type) throws IOException {
        JsonNode expected = json.readTree(read(fixture));

        ContingoEvent event = json.treeToValue(expected, type);
        JsonNode written = json.readTree(json.writeValueAsString(event));

        assertThat(written).isEqualTo(expected);
    }

    @Test
    void healthEventFixtureCarriesTheEnvelopeAndKey() throws IOException {
        HealthEvent event = json.readValue(read("health-event.json"), HealthEvent.class);

        assertThat(event.aggregateId()).isEqualTo("prod-web");
        assertThat(event.status()).isEqualTo(HealthStatus.DOWN);
        assertThat(event.observedAt()).isEqualTo(Instant.parse("2026-11-26T09:15:30.250Z"));
        assertThat(event.attributes()).containsEntry("httpStatus", "503");
    }

    @Test
    void incidentEventFixtureCarriesAWholeSnapshot() throws IOException {
        IncidentEvent event = json.readValue(read("incident-event.json"), IncidentEvent.class);

        assertThat(event.aggregateId()).isEqualTo("inc-20261126-0915-production");
        assertThat(event.incident().components()).singleElement()
                .satisfies(c -> assertThat(c.windows()).singleElement().satisfies(w -> assertThat(w.end()).isNull()));
        assertThat(event.incident().updates()).hasSize(1);
        assertThat(event.incident().severity()).isEqualTo(IncidentSnapshot.Severity.SEV2);
        assertThat(event.incident().in("es").updates().getFirst().body()).startsWith("Estamos investigando");
    }

    @Test
    void anIncidentEventWrittenBeforeTranslationsReadsWithTheDefaultTexts() throws IOException {
        JsonNode older = json.readTree(read("incident-event.json"));
        tools.jackson.databind.node.ObjectNode incident = (tools.jackson.databind.node.ObjectNode) older.get("incident");
        incident.remove(List.of("names", "siteNames"));
        ((tools.jackson.databind.node.ObjectNode) incident.get("updates").get(0)).remove("bodies");
        ((tools.jackson.databind.node.ObjectNode) incident.get("components").get(0)).remove("names");

        IncidentSnapshot spanish = json.treeToValue(older, IncidentEvent.class).incident().in("es");

        assertThat(spanish.name()).isEqualTo("Production site outage");
        assertThat(spanish.components().getFirst().name()).isEqualTo("Omnichannel web");
        assertThat(spanish.updates().getFirst().body()).startsWith("We are investigating");
    }

    @Test
    void siteDefinedFixtureNamesTheSiteAndItsComponentsKeyedBySite() throws IOException {
        SiteDefined site = json.readValue(read("site-defined.json"), SiteDefined.class);

        assertThat(site.aggregateId()).isEqualTo("production");
        assertThat(site.components()).extracting(SiteDefined.Component::id).containsExactly("prod-web", "prod-api", "prod-telephony");
        SiteDefined again = new SiteDefined("other-event", "production", Instant.now(), "Production", site.components(), site.names());
        assertThat(site.sameDefinition(again)).as("another event saying the same").isTrue();
        assertThat(site.sameDefinition(new SiteDefined("e", "production", Instant.now(), "Production", site.components().subList(0, 2),
                site.names())))
                .as("a component less").isFalse();
        assertThat(site.components().getFirst().nameIn("es")).isEqualTo("Web omnicanal");
        assertThat(site.components().getFirst().nameIn("de")).as("untranslated: the default name").isEqualTo("Omnichannel web");
        assertThat(site.nameIn("es")).isEqualTo("Entorno de Producción");
        assertThat(site.sameDefinition(new SiteDefined("e", "production", Instant.now(), "Production", site.components(), Map.of())))
                .as("a translation less").isFalse();
        // a reader of an event written before translations were published gets the default names
        SiteDefined older = json.readValue("""
                {"eventId":"e","siteId":"production","occurredAt":"2026-11-26T08:00:00Z","name":"Production",
                 "components":[{"id":"prod-web","name":"Omnichannel web"}]}""", SiteDefined.class);
        assertThat(older.nameIn("es")).isEqualTo("Production");
        assertThat(older.components().getFirst().nameIn("es")).isEqualTo("Omnichannel web");
    }

    @Test
    void aTolerantReaderIgnoresFieldsItDoesNotKnow() {
        String withExtra = """
                {"eventId":"e1","monitorId":"m","componentId":"c","siteId":"s","probeId":"p",
                 "status":"UP","observedAt":"2026-11-26T09:00:00Z","newFieldFromAFutureProducer":42}""";

        HealthEvent event = json.readValue(withExtra, HealthEvent.class);

        assertThat(event.status()).isEqualTo(HealthStatus.UP);
        assertThat(event.attributes()).isEmpty();
    }

    @Test
    void anEventWithoutARequiredFieldIsRefusedNamingTheField() {
        String noComponent = """
                {"eventId":"e1","monitorId":"m","siteId":"s","probeId":"p","status":"UP","observedAt":"2026-11-26T09:00:00Z"}""";

        assertThatThrownBy(() -> json.readValue(noComponent, HealthEvent.class))
                .isInstanceOf(DatabindException.class)
                .hasMessageContaining("componentId is required");
    }

    @Test
    void deadLetterTopicsSitBesideTheirSource() {
        assertThat(Topics.deadLetter(Topics.HEALTH_EVENTS)).isEqualTo("health-events.dlq");
        assertThat(Topics.ALL).contains(Topics.HEALTH_EVENTS, Topics.INCIDENT_EVENTS, Topics.COMPONENT_STATUS);
    }

    private static byte[] read(String fixture) throws IOException {
        try (InputStream in = EventContractTests.class.getResourceAsStream("/contracts/" + fixture)) {
            assertThat(in).as("fixture %s", fixture).isNotNull();
            return in.readAllBytes();
        }
    }
}
