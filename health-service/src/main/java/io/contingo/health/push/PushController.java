package io.contingo.health.push;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import io.contingo.events.HealthStatus;
import io.contingo.health.monitor.BackupMonitor;
import io.contingo.health.monitor.MetricsMonitor;
import io.contingo.health.monitor.MonitorCatalog;
import io.contingo.health.monitor.PushedMonitor;
import io.contingo.health.monitor.StoredMonitor;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.servlet.http.HttpServletRequest;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code POST /api/push/{token}}: the job behind a push or backup monitor says it is alive, or that it failed
 * ({@code ?status=down&msg=...}), or reports a backup (a JSON body). {@code POST /api/push/{token}/metrics}: a
 * host's agent posts its readings to a metrics monitor. Open to anyone holding a token: machines call them. An
 * unknown token is 404, always the same answer.
 */
@RestController
class PushController {

    /** The longest message kept from a job; longer ones are cut. */
    static final int MESSAGE_LIMIT = 200;

    private static final Logger log = LoggerFactory.getLogger(PushController.class);

    /**
     * A backup job's report.
     *
     * @param kind       full, incremental or log
     * @param finishedAt when the backup finished; the time of the push when left out, never later than it
     * @param ok         whether the backup succeeded
     */
    record BackupReport(String kind, Long sizeBytes, Instant finishedAt, Boolean ok) {
    }

    private final MonitorCatalog monitors;
    private final PushTokens tokens;
    private final PushStates states;
    private final MetricsSamples samples;
    private final ApplicationEventPublisher events;
    private final JsonMapper json;
    private final Clock clock = Clock.systemUTC();

    /** The body is read as bytes, whatever its type, so that a heartbeat sent as an empty form is taken too. */
    PushController(MonitorCatalog monitors, PushTokens tokens, PushStates states, MetricsSamples samples,
            ApplicationEventPublisher events, JsonMapper json) {
        this.json = json;
        this.monitors = monitors;
        this.tokens = tokens;
        this.states = states;
        this.samples = samples;
        this.events = events;
    }

    /**
     * The token is checked before anything of the request is read: an unknown token is 404 whatever the body. The
     * body is read only for a known token, at most {@link MetricsBody#LIMIT} bytes of it (413 past that);
     * {@code status} and {@code msg} come from the query.
     */
    @PostMapping("/api/push/{token}")
    @Operation(summary = "A job says it is alive or failed, or reports a backup", parameters = {
            @Parameter(name = "status", in = ParameterIn.QUERY, description = "up (the default) or down"),
            @Parameter(name = "msg", in = ParameterIn.QUERY, description = "with status=down: what failed")},
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = false, description =
                    "a backup monitor's report, at most 4096 bytes", content = @Content(schema = @Schema(implementation = BackupReport.class))))
    ResponseEntity<Map<String, Object>> push(@PathVariable String token, @Parameter(hidden = true) HttpServletRequest request)
            throws IOException {
        PushedMonitor monitor = pushedMonitor(token);
        if (monitor == null) {
            return unknownToken();
        }
        byte[] body = body(request);
        if (body == null) {
            return tooLarge();
        }
        String status = request.getParameter("status");
        String msg = request.getParameter("msg");
        if (monitor instanceof MetricsMonitor) {
            return badRequest("monitor '" + monitor.id() + "' is a metrics monitor: post its readings as JSON to this URL"
                    + " followed by /metrics, e.g. " + MetricsBody.EXAMPLE);
        }
        Instant now = clock.instant();
        PushState state;
        if (monitor instanceof BackupMonitor) {
            BackupReport report = backupReport(body);
            if (report == null) {
                return badRequest("a backup monitor takes a JSON body: {\"kind\":\"full\",\"sizeBytes\":123,"
                        + "\"finishedAt\":\"2026-01-01T02:00:00Z\",\"ok\":true}");
            }
            if (report.kind() == null || !BackupMonitor.KINDS.contains(report.kind())) {
                return badRequest("kind must be full, incremental or log");
            }
            if (report.ok() == null) {
                return badRequest("ok must be true or false");
            }
            if (report.sizeBytes() != null && report.sizeBytes() < 0) {
                return badRequest("sizeBytes must not be negative");
            }
            Instant finishedAt = report.finishedAt() == null || report.finishedAt().isAfter(now) ? now : report.finishedAt();
            state = states.update(monitor.id(), s -> s.backedUp(now, report.kind(), report.sizeBytes(), finishedAt, report.ok()));
        } else {
            HealthStatus pushed;
            if (status == null || status.equalsIgnoreCase("up")) {
                pushed = HealthStatus.UP;
            } else if (status.equalsIgnoreCase("down")) {
                pushed = HealthStatus.DOWN;
            } else {
                return badRequest("status must be up or down");
            }
            String message = pushed == HealthStatus.DOWN ? plainText(msg) : null;
            state = states.update(monitor.id(), s -> s.pushed(now, pushed, message));
        }
        log.debug("Push to monitor {}: {}", monitor.id(), state.lastPushStatus());
        events.publishEvent(new PushReceived(monitor.id()));
        return ResponseEntity.status(HttpStatus.ACCEPTED)
                .body(Map.of("monitorId", monitor.id(), "status", state.lastPushStatus().name().toLowerCase(Locale.ROOT)));
    }

    /** The pushed monitor a token belongs to; null when there is none (or it was deleted). */
    private PushedMonitor pushedMonitor(String token) {
        return tokens.monitorOf(token).flatMap(monitors::find).map(StoredMonitor::definition)
                .filter(PushedMonitor.class::isInstance).map(PushedMonitor.class::cast).orElse(null);
    }

    /**
     * A host's readings for a metrics monitor (see {@link MetricsBody}), kept as the monitor's latest sample and
     * judged at once. 413 for a body over {@link MetricsBody#LIMIT} bytes; 400 naming each unknown or bad reading,
     * or saying which URL a push or backup monitor takes.
     */
    @PostMapping("/api/push/{token}/metrics")
    ResponseEntity<Map<String, Object>> metrics(@PathVariable String token, HttpServletRequest request) throws IOException {
        PushedMonitor monitor = pushedMonitor(token);
        if (monitor == null) {
            return unknownToken();
        }
        if (!(monitor instanceof MetricsMonitor)) {
            return badRequest("monitor '" + monitor.id() + "' is a " + monitor.type().written()
                    + " monitor: post to its push URL without /metrics");
        }
        byte[] body = body(request);
        if (body == null) {
            return tooLarge();
        }
        MetricsSample sample;
        try {
            sample = MetricsBody.read(json, monitor.id(), clock.instant(), body);
        } catch (MetricsBody.RefusedException e) {
            return badRequest(e.getMessage());
        }
        samples.save(sample);
        log.debug("Readings for monitor {}: {}", monitor.id(), sample.values().keySet());
        events.publishEvent(new PushReceived(monitor.id()));
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(Map.of("monitorId", monitor.id(),
                "readings", sample.values().size() + (sample.process() == null ? 0 : 1)));
    }

    /**
     * The body as bytes, whatever its type (so {@code curl -d} without a type works), read only up to one byte past
     * {@link MetricsBody#LIMIT}; null when it is larger. Once it is read, the request's parameters are the query's.
     */
    private static byte[] body(HttpServletRequest request) throws IOException {
        if (request.getContentLengthLong() > MetricsBody.LIMIT) {
            return null;
        }
        byte[] body = request.getInputStream().readNBytes(MetricsBody.LIMIT + 1);
        return body.length > MetricsBody.LIMIT ? null : body;
    }

    private static ResponseEntity<Map<String, Object>> tooLarge() {
        return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE)
                .body(Map.of("error", "the body is larger than " + MetricsBody.LIMIT + " bytes"));
    }

    private static ResponseEntity<Map<String, Object>> unknownToken() {
        return ResponseEntity.status(HttpStatus.NOT_FOUND).body(Map.of("error", "unknown push URL"));
    }

    /** The body as a backup report; null when there is none or it is not JSON of that shape. */
    private BackupReport backupReport(byte[] body) {
        if (body == null || body.length == 0) {
            return null;
        }
        try {
            return json.readValue(body, BackupReport.class);
        } catch (JacksonException e) {
            return null;
        }
    }

    /** A job's message as one line of plain text: no control characters, at most {@link #MESSAGE_LIMIT} characters. */
    static String plainText(String message) {
        if (message == null || message.isBlank()) {
            return null;
        }
        String text = message.replaceAll("\\p{Cntrl}+", " ").strip();
        return text.length() <= MESSAGE_LIMIT ? text : text.substring(0, MESSAGE_LIMIT - 1) + "…";
    }

    private static ResponseEntity<Map<String, Object>> badRequest(String why) {
        return ResponseEntity.badRequest().body(Map.of("error", why));
    }
}
