package io.contingo.health.admin;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import io.contingo.events.HealthEvent;
import io.contingo.health.catalog.KnownSites.NotKnownYetException;
import io.contingo.health.monitor.MonitorCatalog;
import io.contingo.health.monitor.MonitorCatalog.InvalidMonitorException;
import io.contingo.health.monitor.MonitorCatalog.MonitorExistsException;
import io.contingo.health.monitor.MonitorCatalog.MonitorNotFoundException;
import io.contingo.health.monitor.MonitorDefinition;
import io.contingo.health.monitor.MonitorJson;
import io.contingo.health.monitor.MonitorJson.UnreadableMonitorException;
import io.contingo.health.monitor.MonitorType;
import io.contingo.health.monitor.StoredMonitor;
import io.contingo.health.monitor.WrittenMonitor;
import io.contingo.health.probe.LatestResults;
import io.contingo.health.probe.LatestResults.LatestResult;
import io.contingo.health.probe.ProbeScheduler;
import io.contingo.health.probe.ResultHistory;
import io.contingo.health.probe.ResultHistory.PastResult;
import io.contingo.health.push.PushTokens;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * {@code /api/monitors} (ADMIN): the monitors, their latest result, and their administration. A monitor is
 * written as JSON with the fields of the monitors file in camelCase and durations as there ({@code "10s"}).
 * A refused request changes nothing and answers with a problem detail ({@code application/problem+json}) whose
 * {@code fields} list says which field is wrong and why.
 */
@RestController
@RequestMapping("/api/monitors")
class MonitorApiController {

    /** Bodies larger than this are refused: a monitor takes a few hundred bytes. */
    static final int MAX_BODY_CHARS = 64 * 1024;
    /** How soon a client may try again while the sites and components are not known. */
    static final int RETRY_AFTER_SECONDS = 5;
    /** The most past results one request returns. */
    static final int MAX_HISTORY = 1000;

    /**
     * One monitor and its latest result.
     *
     * @param definition the monitor as it is written to change it (PUT takes it back)
     * @param target     what it checks: the URL, {@code host:port}, the DNS question or what is pushed
     * @param pushUrl    for push and backup monitors, where their job posts (holds the monitor's secret token)
     * @param paused     no checks until resumed
     * @param latest     the latest result, null before the first
     */
    record MonitorView(String id, String componentId, String siteId, MonitorType type, String target, String url,
            String pushUrl, long intervalMs, long timeoutMs, boolean paused, String updatedBy,
            @Schema(type = "object") Map<String, Object> definition, LatestResult latest) {
    }

    private final MonitorCatalog catalog;
    private final LatestResults latestResults;
    private final PushTokens pushTokens;
    private final ProbeScheduler scheduler;
    private final ResultHistory resultHistory;

    MonitorApiController(MonitorCatalog catalog, LatestResults latestResults, PushTokens pushTokens, ProbeScheduler scheduler,
            ResultHistory resultHistory) {
        this.resultHistory = resultHistory;
        this.catalog = catalog;
        this.latestResults = latestResults;
        this.pushTokens = pushTokens;
        this.scheduler = scheduler;
    }

    @GetMapping
    @Operation(summary = "Every monitor, with its latest result")
    List<MonitorView> monitors() {
        List<StoredMonitor> all = catalog.all();
        Map<String, LatestResult> latest = latestResults.of(all.stream().map(StoredMonitor::id).toList());
        return all.stream().map(m -> view(m, latest.get(m.id()))).toList();
    }

    @GetMapping("/{id}")
    @Operation(summary = "One monitor, with its latest result")
    MonitorView monitor(@PathVariable String id) {
        return view(catalog.get(id));
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Adds a monitor; its first check comes within one interval",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(schema = @Schema(implementation = WrittenMonitor.class))))
    ResponseEntity<MonitorView> create(@RequestBody byte[] body, Principal admin) {
        StoredMonitor created = catalog.create(MonitorJson.read(text(body), null), admin.getName());
        URI location = ServletUriComponentsBuilder.fromCurrentRequest().path("/{id}").buildAndExpand(created.id()).toUri();
        return ResponseEntity.created(location).body(view(created));
    }

    @PutMapping(path = "/{id}", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Replaces a monitor's definition (an id in the body must be the one in the address)",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(schema = @Schema(implementation = WrittenMonitor.class))))
    MonitorView update(@PathVariable String id, @RequestBody byte[] body, Principal admin) {
        catalog.get(id);
        return view(catalog.update(MonitorJson.read(text(body), id), admin.getName()));
    }

    @DeleteMapping("/{id}")
    @Operation(summary = "Deletes a monitor; its checks stop")
    ResponseEntity<Void> delete(@PathVariable String id, Principal admin) {
        catalog.delete(id, admin.getName());
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/{id}/pause")
    @Operation(summary = "Stops a monitor's checks until it is resumed")
    MonitorView pause(@PathVariable String id, Principal admin) {
        return view(catalog.pause(id, true, admin.getName()));
    }

    @PostMapping("/{id}/resume")
    @Operation(summary = "Resumes a paused monitor")
    MonitorView resume(@PathVariable String id, Principal admin) {
        return view(catalog.pause(id, false, admin.getName()));
    }

    @PostMapping("/{id}/check")
    @Operation(summary = "Checks a monitor now, publishes the result and returns it")
    HealthEvent check(@PathVariable String id) {
        return scheduler.checkNow(catalog.get(id).definition());
    }

    private static String text(byte[] body) {
        if (body.length > MAX_BODY_CHARS) {
            throw new UnreadableMonitorException(null, "the body is over " + MAX_BODY_CHARS / 1024 + " KiB");
        }
        return new String(body, StandardCharsets.UTF_8);
    }

    @GetMapping("/{id}/history")
    @Operation(summary = "A monitor's past results, newest first (at most limit, 1 to 1000; kept for the retention period)")
    List<PastResult> history(@PathVariable String id, @RequestParam(defaultValue = "100") int limit) {
        if (limit < 1 || limit > MAX_HISTORY) {
            throw new UnreadableMonitorException("limit", "must be between 1 and " + MAX_HISTORY);
        }
        return resultHistory.recent(catalog.get(id).id(), limit);
    }

    private MonitorView view(StoredMonitor stored) {
        return view(stored, latestResults.of(stored.id()));
    }

    private MonitorView view(StoredMonitor stored, LatestResult latest) {
        MonitorDefinition m = stored.definition();
        String pushUrl = m.isPushed() ? pushTokens.urlOf(m.id()).orElse(null) : null;
        Map<String, Object> written = MonitorJson.tree(m);
        return new MonitorView(m.id(), m.componentId(), m.siteId(), m.type(), m.target(), (String) written.get("url"), pushUrl,
                m.interval().toMillis(), m.timeout().toMillis(), stored.paused(), stored.updatedBy(), written, latest);
    }

    // ---- Errors ----------------------------------------------------------------------------------------

    @ExceptionHandler(InvalidMonitorException.class)
    ResponseEntity<ProblemDetail> invalid(InvalidMonitorException e) {
        List<Map<String, String>> fields = e.problems().entrySet().stream()
                .flatMap(p -> p.getValue().stream().map(message -> Map.of("field", p.getKey(), "message", message)))
                .toList();
        return problem(HttpStatus.BAD_REQUEST, "Invalid monitor: " + String.join("; ",
                fields.stream().map(f -> f.get("field") + ": " + f.get("message")).toList()), fields);
    }

    @ExceptionHandler(UnreadableMonitorException.class)
    ResponseEntity<ProblemDetail> unreadable(UnreadableMonitorException e) {
        if (e.field() == null) {
            return problem(HttpStatus.BAD_REQUEST, "Invalid monitor: " + e.getMessage(), List.of());
        }
        return problem(HttpStatus.BAD_REQUEST, "Invalid monitor: " + e.field() + ": " + e.getMessage(),
                List.of(Map.of("field", e.field(), "message", e.getMessage())));
    }

    /** The sites and components are not known yet: nothing is stored, and the client may try again shortly. */
    @ExceptionHandler(NotKnownYetException.class)
    ResponseEntity<ProblemDetail> catalogNotKnown(NotKnownYetException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, e.getMessage());
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .header("Retry-After", String.valueOf(RETRY_AFTER_SECONDS)).body(problem);
    }

    @ExceptionHandler(MonitorNotFoundException.class)
    ResponseEntity<ProblemDetail> notFound(MonitorNotFoundException e) {
        return problem(HttpStatus.NOT_FOUND, e.getMessage(), null);
    }

    @ExceptionHandler(MonitorExistsException.class)
    ResponseEntity<ProblemDetail> exists(MonitorExistsException e) {
        return problem(HttpStatus.CONFLICT, e.getMessage() + "; change it with PUT /api/monitors/{id}", null);
    }

    private static ResponseEntity<ProblemDetail> problem(HttpStatusCode status, String detail, List<Map<String, String>> fields) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        if (fields != null) {
            problem.setProperty("fields", fields);
        }
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }
}
