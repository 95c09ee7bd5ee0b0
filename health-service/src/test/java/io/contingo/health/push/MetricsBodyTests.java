package io.contingo.health.push;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.json.JsonMapper;

/** What an agent may post as readings, and the words that refuse anything else. */
class MetricsBodyTests {

    private static final Instant AT = Instant.parse("2026-11-26T10:00:00Z");

    private final JsonMapper json = JsonMapper.builder().build();

    private MetricsSample read(String body) {
        return MetricsBody.read(json, "host", AT, body.getBytes(StandardCharsets.UTF_8));
    }

    private void refused(String body, String why) {
        assertThatThrownBy(() -> read(body)).isInstanceOf(MetricsBody.RefusedException.class).hasMessage(why);
    }

    @Test
    void everyReadingIsTaken() {
        MetricsSample sample = read("{\"disk\":42,\"inodes\":3.5,\"load\":0.52,\"cpu\":7,\"memory\":61,\"swap\":0,"
                + "\"clockDrift\":-0.25,\"uptime\":273600,\"process\":false,\"processName\":\"post\\u0007gres\","
                + "\"replicationLag\":12}");

        assertThat(sample.monitorId()).isEqualTo("host");
        assertThat(sample.receivedAt()).isEqualTo(AT);
        assertThat(sample.values()).hasSize(9).containsEntry("disk", 42.0).containsEntry("clockDrift", -0.25)
                .containsEntry("replicationLag", 12.0).containsEntry("uptime", 273_600.0);
        assertThat(sample.process()).isFalse();
        assertThat(sample.processName()).as("control characters become a space").isEqualTo("post gres");
    }

    @Test
    void theExampleInTheMessagesIsValid() {
        assertThat(MetricsBody.read(json, "host", AT, MetricsBody.EXAMPLE.getBytes(StandardCharsets.UTF_8)).values())
                .containsEntry("cpu", 7.5);
    }

    @Test
    void unknownReadingsAreRefusedByName() {
        refused("{\"disk\":42,\"temperature\":60,\"Load\":1}", "unknown readings: temperature, Load; known: disk, inodes, "
                + "load, cpu, memory, swap, clockDrift, uptime, process, replicationLag, processName");
    }

    @Test
    void readingsOfTheWrongKindAreRefusedTogether() {
        refused("{\"disk\":\"97%\",\"load\":null,\"process\":\"yes\",\"memory\":101,\"uptime\":-1,\"clockDrift\":-3}",
                "disk must be a number; load must be a number; memory must be a percentage from 0 to 100; "
                        + "uptime must not be negative; process must be true or false");
        refused("{\"load\":1,\"processName\":42}", "processName must be text of at most 64 characters");
        refused("{\"load\":1,\"processName\":\"" + "x".repeat(65) + "\"}", "processName must be text of at most 64 characters");
    }

    @Test
    void aBodyThatIsNotAnObjectOfReadingsIsRefused() {
        refused("", "a metrics monitor takes a JSON body of readings, e.g. " + MetricsBody.EXAMPLE);
        refused("[42]", "the body must be a JSON object of readings, e.g. " + MetricsBody.EXAMPLE);
        refused("{}", "the body has no readings; known: disk, inodes, load, cpu, memory, swap, clockDrift, uptime, "
                + "process, replicationLag, processName");
        refused("{\"processName\":\"nginx\"}", "the body has no readings; known: disk, inodes, load, cpu, memory, swap, "
                + "clockDrift, uptime, process, replicationLag, processName");
        assertThatThrownBy(() -> read("{\"disk\":42,\"disk\":43}")).hasMessageStartingWith("the body is not valid JSON: ")
                .hasMessageContaining("disk");
        assertThatThrownBy(() -> read("{\"disk\":")).hasMessageStartingWith("the body is not valid JSON: ");
        assertThatThrownBy(() -> read("{\"disk\":1e400}")).hasMessage("disk must be a finite number");
    }
}
