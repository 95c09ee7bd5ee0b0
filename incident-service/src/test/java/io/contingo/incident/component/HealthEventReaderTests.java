package io.contingo.incident.component;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import io.contingo.events.HealthEvent;
import io.contingo.events.HealthStatus;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;

/** The health event reader's usual-shape path reads what the data binding reads, and leaves it everything else. */
class HealthEventReaderTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final ObjectReader BINDING = JSON.readerFor(HealthEvent.class).without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private final HealthEventReader reader = new HealthEventReader(JSON);

    @ParameterizedTest
    @ValueSource(strings = { "2026-01-05T08:00:00Z", "2026-01-05T08:00:00.1Z", "2026-01-05T08:00:00.123Z",
            "2024-02-29T23:59:59.123456789Z", "1999-12-31T00:00:00.000001Z" })
    void anEventAsHealthServiceWritesItIsReadInOnePassAsTheDataBindingReadsIt(String observedAt) {
        HealthEvent event = new HealthEvent("e-1", "prod-web-http", "prod-web", "production", "probe-1", HealthStatus.DOWN,
                Instant.parse(observedAt), 1_234L, "HTTP 503 \"Service Unavailable\" \u00e1\u00f1", Map.of("location", "madrid", "httpStatus", "503"));
        byte[] payload = JSON.writeValueAsBytes(event);

        assertThat(reader.readUsual(payload)).isEqualTo(event).isEqualTo(BINDING.readValue(payload));
    }

    @ParameterizedTest
    @ValueSource(strings = { "2026-01-05T08:00:00.1Z", "2026-01-05T08:00:00.12Z", "2026-01-05T08:00:00.1234Z",
            "2026-01-05T08:00:00.12345Z", "2026-01-05T08:00:00.1234567Z", "2026-01-05T08:00:00.12345678Z",
            "2026-01-05T08:00:00.000000001Z" })
    void anInstantWithAnyNumberOfFractionDigitsIsReadInOnePassAsTheDataBindingReadsIt(String observedAt) {
        HealthEvent event = new HealthEvent("e-1", "prod-web-http", "prod-web", "production", "probe-1", HealthStatus.UP,
                Instant.parse(observedAt), 12L, "HTTP 200", Map.of());
        // written as given, not as Jackson would write the instant (3, 6 or 9 digits)
        byte[] payload = JSON.writeValueAsString(event).replace(JSON.writeValueAsString(event.observedAt()), '"' + observedAt + '"')
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        assertThat(new String(payload, java.nio.charset.StandardCharsets.UTF_8)).contains('"' + observedAt + '"');

        assertThat(reader.readUsual(payload)).isEqualTo(event).isEqualTo(BINDING.readValue(payload));
    }

    @Test
    void nullsAndUnknownPropertiesAreReadAsTheDataBindingReadsThem() {
        String json = """
                {"eventId":"e-2","monitorId":"m","componentId":"c","siteId":"s","probeId":"p","status":"UP",
                 "observedAt":"2026-01-05T08:00:00Z","latencyMs":null,"detail":null,"attributes":null,
                 "extra":{"nested":[1,{"deep":true}]},"more":[null]}""";
        byte[] payload = json.getBytes(StandardCharsets.UTF_8);

        HealthEvent usual = reader.readUsual(payload);
        assertThat(usual).isNotNull().isEqualTo(BINDING.readValue(payload));
        assertThat(usual.attributes()).isEmpty();
        assertThat(usual.latencyMs()).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "\"observedAt\":\"2026-01-05T10:00:00+02:00\"", // an offset
            "\"observedAt\":1767600000.5",                  // seconds as a number
            "\"observedAt\":\"2026-02-30T08:00:00Z\"",      // no such day
            "\"observedAt\":\"2026-01-05T24:00:00Z\"",
            "\"observedAt\":\"2026-01-05T08:00:00.Z\"",
            "\"latencyMs\":\"12\"",                         // a number as text
            "\"latencyMs\":12.7",
            "\"eventId\":42",
            "\"status\":\"down\"",
            "\"status\":\"SIDEWAYS\"",
            "\"siteId\":null",
            "\"attributes\":{\"location\":7}",
            "\"attributes\":[\"location\"]",
            "\"detail\":\"first\",\"detail\":null",
    })
    void anyOtherShapeIsLeftToTheDataBindingWhoseAnswerIsGiven(String property) {
        String json = "{\"eventId\":\"e-3\",\"monitorId\":\"m\",\"componentId\":\"c\",\"siteId\":\"s\",\"probeId\":\"p\","
                + "\"status\":\"UP\",\"observedAt\":\"2026-01-05T08:00:00Z\",\"latencyMs\":5,\"detail\":\"ok\"," + property + "}";
        byte[] payload = json.getBytes(StandardCharsets.UTF_8);

        HealthEvent usual = reader.readUsual(payload);
        if (usual != null) { // read in one pass: must be what the data binding reads
            assertThat(usual).isEqualTo(BINDING.readValue(payload));
        }
        assertSameAnswer(payload);
    }

    @ParameterizedTest
    @ValueSource(strings = { "", "null", "[]", "{", "{\"eventId\":\"e\"}", "{\"eventId\":\"e\"} {}", "not json" })
    void brokenPayloadsGetTheDataBindingsError(String json) {
        byte[] payload = json.getBytes(StandardCharsets.UTF_8);

        assertThat(reader.readUsual(payload)).isNull();
        assertSameAnswer(payload);
    }

    @Test
    void theListenerRefusesTheJsonNullAsMalformedInsteadOfFailingThePoll() {
        assertThatThrownBy(() -> HealthEventsListener.parse(reader, "null".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(MalformedHealthEvent.class).hasMessageContaining("null");
    }

    private void assertSameAnswer(byte[] payload) {
        Object expected;
        try {
            expected = BINDING.readValue(payload);
        } catch (JacksonException e) {
            assertThatThrownBy(() -> reader.read(payload)).isInstanceOf(JacksonException.class).hasMessage(e.getMessage());
            return;
        }
        assertThat(reader.read(payload)).isEqualTo(expected);
    }
}
