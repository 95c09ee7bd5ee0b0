package io.contingo.health.probe;

import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import io.contingo.events.HealthEvent;
import io.contingo.events.HealthStatus;
import io.contingo.health.monitor.MonitorDefinition;

/** Runs one HTTP check and says what it saw as a {@link HealthEvent}. */
final class HttpCheck {

    private final HttpClient client;
    private final Clock clock;
    private final String probeId;

    HttpCheck(HttpClient client, Clock clock, String probeId) {
        this.client = client;
        this.clock = clock;
        this.probeId = probeId;
    }

    HealthEvent run(MonitorDefinition monitor) {
        Instant observedAt = clock.instant();
        long started = System.nanoTime();
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("url", monitor.url().toString());
        HttpRequest request = HttpRequest.newBuilder(monitor.url())
                .timeout(monitor.timeout())
                .method(monitor.method(), HttpRequest.BodyPublishers.noBody())
                .header("User-Agent", "Contingo-Probe/" + probeId)
                .build();
        try {
            HttpResponse<Void> response = client.send(request, HttpResponse.BodyHandlers.discarding());
            long latency = elapsedMillis(started);
            int code = response.statusCode();
            attributes.put("httpStatus", String.valueOf(code));
            if (!statusMatches(monitor, code)) {
                String expected = monitor.expectedStatus() == 0 ? "2xx" : String.valueOf(monitor.expectedStatus());
                return event(monitor, HealthStatus.DOWN, observedAt, latency, "HTTP " + code + ", expected " + expected, attributes);
            }
            if (monitor.degradedLatency() != null && latency > monitor.degradedLatency().toMillis()) {
                return event(monitor, HealthStatus.DEGRADED, observedAt, latency,
                        "HTTP " + code + " in " + latency + " ms, over the " + monitor.degradedLatency().toMillis() + " ms budget", attributes);
            }
            return event(monitor, HealthStatus.UP, observedAt, latency, "HTTP " + code + " in " + latency + " ms", attributes);
        } catch (HttpConnectTimeoutException e) {
            return event(monitor, HealthStatus.DOWN, observedAt, null,
                    "Could not connect within " + monitor.timeout().toMillis() + " ms", attributes);
        } catch (HttpTimeoutException e) {
            return event(monitor, HealthStatus.DOWN, observedAt, null,
                    "No answer within " + monitor.timeout().toMillis() + " ms", attributes);
        } catch (ConnectException e) {
            return event(monitor, HealthStatus.DOWN, observedAt, null, "Connection refused", attributes);
        } catch (IOException e) {
            return event(monitor, HealthStatus.DOWN, observedAt, null, "Request failed: " + e.getMessage(), attributes);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return event(monitor, HealthStatus.DOWN, observedAt, null, "Check interrupted", attributes);
        }
    }

    private static boolean statusMatches(MonitorDefinition monitor, int code) {
        return monitor.expectedStatus() == 0 ? code >= 200 && code < 300 : code == monitor.expectedStatus();
    }

    private HealthEvent event(MonitorDefinition monitor, HealthStatus status, Instant observedAt, Long latency,
            String detail, Map<String, String> attributes) {
        return new HealthEvent(UUID.randomUUID().toString(), monitor.id(), monitor.componentId(), monitor.siteId(),
                probeId, status, observedAt, latency, detail, attributes);
    }

    private static long elapsedMillis(long startedNanos) {
        return Duration.ofNanos(System.nanoTime() - startedNanos).toMillis();
    }
}
