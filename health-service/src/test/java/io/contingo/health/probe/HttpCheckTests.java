package io.contingo.health.probe;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.contingo.devstack.DemoSite;
import io.contingo.devstack.FreePorts;
import io.contingo.events.HealthEvent;
import io.contingo.events.HealthStatus;
import io.contingo.health.monitor.MonitorDefinition;

/** One HTTP check against a real local demo site, in each of its moods. */
class HttpCheckTests {

    private static DemoSite site;
    private final HttpCheck check = new HttpCheck(HttpClient.newHttpClient(),
            Clock.fixed(Instant.parse("2026-11-26T09:00:00Z"), ZoneOffset.UTC), "probe-test");

    @BeforeAll
    static void startSite() throws Exception {
        site = DemoSite.start("Production", FreePorts.next());
    }

    @AfterAll
    static void stopSite() {
        site.close();
    }

    @AfterEach
    void siteUp() {
        site.setMode(DemoSite.Mode.UP);
    }

    @Test
    void anExpectedAnswerIsUpWithItsLatency() {
        HealthEvent event = check.run(monitor(site.baseUrl() + "/api/health", 0));

        assertThat(event.status()).isEqualTo(HealthStatus.UP);
        assertThat(event.componentId()).isEqualTo("prod-api");
        assertThat(event.probeId()).isEqualTo("probe-test");
        assertThat(event.latencyMs()).isNotNull().isGreaterThanOrEqualTo(0);
        assertThat(event.attributes()).containsEntry("httpStatus", "200");
    }

    @Test
    void anErrorStatusIsDownAndSaysWhatWasExpected() {
        site.setMode(DemoSite.Mode.DOWN);

        HealthEvent event = check.run(monitor(site.baseUrl() + "/api/health", 0));

        assertThat(event.status()).isEqualTo(HealthStatus.DOWN);
        assertThat(event.detail()).isEqualTo("HTTP 503, expected 2xx");
    }

    @Test
    void anUnexpectedStatusIsDownEvenWhenItIsASuccess() {
        HealthEvent event = check.run(monitor(site.baseUrl() + "/api/health", 204));

        assertThat(event.status()).isEqualTo(HealthStatus.DOWN);
        assertThat(event.detail()).isEqualTo("HTTP 200, expected 204");
    }

    @Test
    void aHangingTargetIsDownWhenItsTimeoutRunsOut() {
        site.setMode(DemoSite.Mode.HANG);

        HealthEvent event = check.run(monitor(site.baseUrl() + "/web/", 0));

        assertThat(event.status()).isEqualTo(HealthStatus.DOWN);
        assertThat(event.detail()).isEqualTo("No answer within 300 ms");
        assertThat(event.latencyMs()).isNull();
    }

    @Test
    void aClosedPortIsDown() {
        HealthEvent event = check.run(monitor("http://127.0.0.1:" + FreePorts.next() + "/", 0));

        assertThat(event.status()).isEqualTo(HealthStatus.DOWN);
        assertThat(event.detail()).isEqualTo("Connection refused");
    }

    private static MonitorDefinition monitor(String url, int expectedStatus) {
        return new MonitorDefinition("prod-api-http", "prod-api", "production", URI.create(url), "GET", expectedStatus,
                Duration.ofSeconds(1), Duration.ofMillis(300), null);
    }
}
