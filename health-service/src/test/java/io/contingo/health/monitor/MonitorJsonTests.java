package io.contingo.health.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.contingo.health.monitor.MonitorCatalog.InvalidMonitorException;

/** A monitor's JSON, in the API and the database, keeps its flat shape whatever the type's record holds. */
class MonitorJsonTests {

    /** As the monitors were written before each type had a record of its own: every default, one shape for all. */
    private static final String STORED_PUSH = """
            {"id":"nightly","componentId":"prod-api","siteId":"production","type":"push","method":"GET","followRedirects":false,\
            "expectedStatus":0,"queryType":"A","interval":"10s","timeout":"3s","retries":0,"period":"1h","grace":"5m"}""";
    private static final String STORED_TCP = """
            {"id":"redis","componentId":"cache","siteId":"production","type":"tcp","method":"GET","followRedirects":false,\
            "expectedStatus":0,"host":"cache.internal","port":6379,"send":"PING\\r\\n","expect":"+PONG","queryType":"A",\
            "interval":"30s","timeout":"1s","retries":2,"degradedLatency":"200ms"}""";

    @Test
    void eachTypeReadsIntoItsRecordAndWritesBackTheSameDocument() {
        MonitorDefinition push = MonitorJson.read(STORED_PUSH);
        MonitorDefinition tcp = MonitorJson.read(STORED_TCP);

        assertThat(push).isEqualTo(new PushMonitor(new MonitorBasics("nightly", "prod-api", "production", Duration.ofSeconds(10),
                Duration.ofSeconds(3), 0), Duration.ofHours(1), Duration.ofMinutes(5)));
        assertThat(tcp).isInstanceOfSatisfying(TcpMonitor.class, m -> {
            assertThat(m.tcpTarget()).hasToString("cache.internal:6379");
            assertThat(m.send()).isEqualTo("PING\r\n");
            assertThat(m.degradedLatency()).hasMillis(200);
        });
        assertThat(MonitorJson.write(push)).isEqualTo(STORED_PUSH);
        assertThat(MonitorJson.write(tcp)).isEqualTo(STORED_TCP);
    }

    @Test
    void aFieldOfAnotherTypeIsRefusedWhenGivenAndLeftBehindWhenStored() {
        String withUrl = STORED_PUSH.replace("\"period\"", "\"url\":\"http://10.0.0.1/\",\"method\":\"POST\",\"period\"");

        assertThatThrownBy(() -> MonitorJson.read(withUrl)).isInstanceOfSatisfying(InvalidMonitorException.class, e ->
                assertThat(e.problems()).isEqualTo(Map.of(
                        "url", List.of("is not used by a push monitor (monitor 'nightly' has type: push)"),
                        "method", List.of("is not used by a push monitor (monitor 'nightly' has type: push)"))));
        assertThat(MonitorJson.stored(withUrl)).as("a document an older version let through still reads")
                .isEqualTo(MonitorJson.read(STORED_PUSH));
    }

    @Test
    void theFieldsOfATypeAreThoseOfItsRecord() {
        assertThat(MonitorType.PUSH.fields()).containsExactly("type", "id", "componentId", "siteId", "interval", "timeout", "retries",
                "period", "grace");
        assertThat(MonitorType.TCP.fields()).contains("url", "host", "port", "send", "expect", "degradedLatency")
                .doesNotContain("queryName", "period", "headers");
    }
}
