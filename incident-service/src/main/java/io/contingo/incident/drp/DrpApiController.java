package io.contingo.incident.drp;

import java.net.URI;
import java.security.Principal;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.contingo.events.DrpRunSnapshot;
import io.contingo.events.DrpRunSnapshot.Kind;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * The DRP as JSON, for everything the console does: site pairs and what a decision costs, runs (propose, approve,
 * refuse, drill, confirm, retry, skip, abort) and runbooks. Who may do what is set in the security configuration:
 * managers decide and drill, administrators edit runbooks and roles, agents propose and act on steps.
 */
@RestController
@RequestMapping("/api/drp")
@Tag(name = "DRP", description = "Disaster recovery: site pairs, runs, runbooks")
class DrpApiController {

    record Proposal(String pair, Kind kind, String incidentId) {
    }

    record Drill(String pair, Kind kind, String override) {
    }

    record Approval(String override) {
    }

    record Reason(String reason) {
    }

    record Note(String note) {
    }

    record Lost(String note) {
    }

    record Switchover(Map<String, String> roles, String reason) {
    }

    private final DrpRuns runs;
    private final SitePairs pairs;
    private final Runbooks runbooks;
    private final RecoveryFigures figures;
    private final DrpSettings settings;
    private final Clock clock;

    DrpApiController(DrpRuns runs, SitePairs pairs, Runbooks runbooks, RecoveryFigures figures, DrpSettings settings, Clock clock) {
        this.runs = runs;
        this.pairs = pairs;
        this.runbooks = runbooks;
        this.figures = figures;
        this.settings = settings;
        this.clock = clock;
    }

    @Operation(summary = "Site pairs: roles, the site serving customers, the run in progress, and what a failover costs now")
    @GetMapping("/pairs")
    List<Map<String, Object>> pairs() {
        return settings.pairs().stream().map(this::pair).toList();
    }

    Map<String, Object> pair(DrpSettings.Pair pair) {
        SitePairs.State state = pairs.get(pair.id());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", pair.id());
        body.put("policy", pair.policy().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
        body.put("roles", state.roles());
        body.put("servingSiteId", state.servingSiteId());
        body.put("lostAt", state.lostAt());
        body.put("openRunId", state.openRunId());
        body.put("rpoExposureSeconds", figures.rpoExposure(pair, clock.instant()).map(Duration::toSeconds).orElse(null));
        body.put("rpoTargetSeconds", settings.rpoTarget().toSeconds());
        body.put("expectedFailoverSeconds", runbooks.find(pair.failoverRunbook()).map(r -> r.expectedDuration().toSeconds()).orElse(null));
        body.put("rtoTargetSeconds", settings.rtoTarget().toSeconds());
        body.put("failoverProblems", figures.problems(pair, Kind.FAILOVER, pair.contingencySite(), clock.instant()));
        body.put("roleChanges", state.changes());
        return body;
    }

    @Operation(summary = "Declare the pair's production site lost (the start of the RTO)")
    @PostMapping("/pairs/{pairId}/lost")
    Map<String, Object> lost(@PathVariable String pairId, Principal who) {
        pairs.declareLost(pairId, clock.instant(), who.getName());
        return pair(settings.pair(pairId));
    }

    @Operation(summary = "Switch the sites' roles by hand (administrators), with a reason")
    @PutMapping("/pairs/{pairId}/roles")
    Map<String, Object> roles(@PathVariable String pairId, @RequestBody Switchover body, Principal who) {
        if (body.reason() == null || body.reason().isBlank()) {
            throw new DrpRefusal("reason: say why the roles change");
        }
        pairs.setRoles(pairId, body.roles() == null ? Map.of() : body.roles(), who.getName(), body.reason(), null);
        return pair(settings.pair(pairId));
    }

    @Operation(summary = "DRP runs, newest first")
    @GetMapping("/runs")
    List<DrpRunSnapshot> runs() {
        return runs.recent(100).stream().map(DrpRun::snapshot).toList();
    }

    @GetMapping("/runs/{id}")
    DrpRunSnapshot run(@PathVariable String id) {
        return runs.get(id).snapshot();
    }

    @Operation(summary = "Propose a failover or a return to production (agents)")
    @PostMapping("/runs")
    ResponseEntity<DrpRunSnapshot> propose(@RequestBody Proposal body, Principal who) {
        require(body.pair(), "pair");
        if (body.kind() == null) {
            throw new DrpRefusal("kind: failover or return");
        }
        DrpRun run = runs.propose(body.pair(), body.kind(), blank(body.incidentId()) ? null : body.incidentId(), who.getName());
        return ResponseEntity.created(URI.create("/api/drp/runs/" + run.id())).body(runs.get(run.id()).snapshot());
    }

    @Operation(summary = "Start a drill: the runbook against the standby, no entry switch, no roles, no customers (managers)")
    @PostMapping("/drills")
    ResponseEntity<DrpRunSnapshot> drill(@RequestBody Drill body, Principal who) {
        require(body.pair(), "pair");
        DrpRun run = runs.drill(body.pair(), body.kind() == null ? Kind.FAILOVER : body.kind(), who.getName(), body.override());
        return ResponseEntity.created(URI.create("/api/drp/runs/" + run.id())).body(runs.get(run.id()).snapshot());
    }

    @Operation(summary = "Approve a proposed run (managers); an override reason starts it despite the guards")
    @PostMapping("/runs/{id}/approve")
    DrpRunSnapshot approve(@PathVariable String id, @RequestBody(required = false) Approval body, Principal who) {
        return runs.approve(id, who.getName(), body == null ? null : body.override(), null).snapshot();
    }

    @Operation(summary = "Refuse a proposed run, with a reason (managers)")
    @PostMapping("/runs/{id}/refuse")
    DrpRunSnapshot refuse(@PathVariable String id, @RequestBody Reason body, Principal who) {
        return runs.refuse(id, who.getName(), body.reason()).snapshot();
    }

    @Operation(summary = "Confirm a manual step is done, with a note")
    @PostMapping("/runs/{id}/steps/{index}/confirm")
    DrpRunSnapshot confirm(@PathVariable String id, @PathVariable int index, @RequestBody(required = false) Note body, Principal who) {
        return runs.confirm(id, index, who.getName(), body == null ? null : body.note()).snapshot();
    }

    @Operation(summary = "Try a failed step again")
    @PostMapping("/runs/{id}/steps/{index}/retry")
    DrpRunSnapshot retry(@PathVariable String id, @PathVariable int index, Principal who) {
        return runs.retry(id, index, who.getName()).snapshot();
    }

    @Operation(summary = "Skip a failed step, with a reason; the run goes on")
    @PostMapping("/runs/{id}/steps/{index}/skip")
    DrpRunSnapshot skip(@PathVariable String id, @PathVariable int index, @RequestBody Reason body, Principal who) {
        return runs.skip(id, index, who.getName(), body.reason()).snapshot();
    }

    @Operation(summary = "Abort a run, with a reason")
    @PostMapping("/runs/{id}/abort")
    DrpRunSnapshot abort(@PathVariable String id, @RequestBody Reason body, Principal who) {
        return runs.abort(id, who.getName(), body.reason()).snapshot();
    }

    @GetMapping("/runbooks")
    List<Runbook> runbooks() {
        return runbooks.all();
    }

    @GetMapping("/runbooks/{id}")
    Runbook runbook(@PathVariable String id) {
        return runbooks.get(id);
    }

    @Operation(summary = "Store a runbook (administrators); refused with every problem named, and nothing stored, when wrong")
    @PutMapping("/runbooks/{id}")
    Runbook saveRunbook(@PathVariable String id, @RequestBody tools.jackson.databind.JsonNode json, Principal who) {
        Runbook body = runbooks.fromJson(json);
        if (body.id() != null && !body.id().equals(id)) {
            throw new DrpRefusal("id: the body's id " + body.id() + " is not the id of the address, " + id);
        }
        return runbooks.save(new Runbook(id, body.name(), body.pair(), body.kind(), body.steps()), who.getName());
    }

    @ExceptionHandler(DrpRefusal.class)
    ProblemDetail refused(DrpRefusal e) {
        HttpStatus status = e instanceof DrpRefusal.NotFound ? HttpStatus.NOT_FOUND
                : e instanceof DrpRefusal.Conflict ? HttpStatus.CONFLICT : HttpStatus.BAD_REQUEST;
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, e.getMessage());
        if (!e.problems().isEmpty()) {
            problem.setProperty("problems", e.problems());
        }
        return problem;
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ProblemDetail unreadable(HttpMessageNotReadableException e) {
        String cause = e.getMostSpecificCause().getMessage();
        return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, "The body is not valid JSON for this request: "
                + (cause == null ? "unreadable" : cause.lines().findFirst().orElse(cause)));
    }

    private static void require(String value, String field) {
        if (blank(value)) {
            throw new DrpRefusal(field + ": is required");
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
