package io.contingo.incident.drp;

import java.security.Principal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import io.contingo.events.DrpRunSnapshot;
import io.contingo.events.DrpRunSnapshot.Kind;
import io.contingo.events.DrpRunSnapshot.State;
import io.contingo.events.DrpRunSnapshot.Step;
import io.contingo.events.DrpRunSnapshot.StepState;
import io.contingo.incident.incident.Incidents;
import jakarta.servlet.http.HttpServletRequest;
import tools.jackson.databind.json.JsonMapper;

/**
 * The DRP in the console, the same actions as {@link DrpApiController}: managers' pending approvals and the site
 * pairs with what a switch costs now ({@code /console/drp}), a run live ({@code /console/drp/runs/{id}}) and the
 * runbooks ({@code /console/drp/runbooks}). Every form posts, then comes back to a page (POST-redirect-GET) with a
 * notice, or with the refusal's words next to the form that caused it. Who may decide is the security
 * configuration's: these pages only leave out the forms a person may not use.
 */
@Controller
class DrpConsoleController {

    private static final int RECENT_RUNS = 20;

    private final DrpRuns runs;
    private final SitePairs pairs;
    private final Runbooks runbooks;
    private final RecoveryFigures figures;
    private final DrpSettings settings;
    private final Incidents incidents;
    private final MessageSource messages;
    private final JsonMapper json;
    private final Clock clock;
    private final String reportServiceUrl;

    DrpConsoleController(DrpRuns runs, SitePairs pairs, Runbooks runbooks, RecoveryFigures figures, DrpSettings settings,
            Incidents incidents, MessageSource messages, JsonMapper json, Clock clock,
            @Value("${contingo.console.report-service-url:http://localhost:8083}") String reportServiceUrl) {
        this.runs = runs;
        this.pairs = pairs;
        this.runbooks = runbooks;
        this.figures = figures;
        this.settings = settings;
        this.incidents = incidents;
        this.messages = messages;
        this.json = json;
        this.clock = clock;
        this.reportServiceUrl = reportServiceUrl.replaceAll("/+$", "");
    }

    /** A site pair as the managers' page shows it: roles, who serves, and what moving service now would cost. */
    record PairView(DrpSettings.Pair pair, SitePairs.State state, String productionName, String contingencyName,
            String servingName, boolean servedFromContingency, Kind nextMove, Long rpoExposureSeconds, Long expectedSeconds,
            List<String> problems) {

        public String policy() {
            return pair.policy().name();
        }
    }

    /** One step of a run, with the time it took (or has taken so far) against its estimate. */
    record StepRow(Step step, RunbookStep definition, Long elapsedSeconds, boolean overEstimate) {

        public boolean running() {
            return step.state() == StepState.RUNNING || step.state() == StepState.WAITING_FOR_PERSON;
        }
    }

    @GetMapping("/console/drp")
    String overview(Model model, Principal user, HttpServletRequest request) {
        Instant now = clock.instant();
        model.addAttribute("user", user.getName());
        model.addAttribute("manager", request.isUserInRole("MANAGER"));
        model.addAttribute("admin", request.isUserInRole("ADMIN"));
        model.addAttribute("roles", List.of("active", "standby", "maintenance", "inactive"));
        model.addAttribute("pending", runs.open().stream().filter(r -> r.state() == State.PROPOSED).map(DrpRun::snapshot).toList());
        model.addAttribute("pairs", settings.pairs().stream().map(p -> pairView(p, now)).toList());
        model.addAttribute("recent", runs.recent(RECENT_RUNS).stream().map(DrpRun::snapshot).toList());
        model.addAttribute("siteNames", siteNames());
        model.addAttribute("rpoTargetSeconds", settings.rpoTarget().toSeconds());
        model.addAttribute("rtoTargetSeconds", settings.rtoTarget().toSeconds());
        return "console/drp/index";
    }

    @GetMapping("/console/drp/runs/{id}")
    String run(@PathVariable String id, Model model, Principal user, HttpServletRequest request) {
        DrpRun run = find(id);
        DrpRunSnapshot snapshot = run.snapshot();
        Instant now = clock.instant();
        Runbook runbook = run.runbook(json);
        List<StepRow> rows = snapshot.steps().stream().map(s -> row(s, runbook, now)).toList();
        model.addAttribute("user", user.getName());
        model.addAttribute("manager", request.isUserInRole("MANAGER"));
        model.addAttribute("run", snapshot);
        model.addAttribute("steps", rows);
        model.addAttribute("finished", snapshot.state().finished());
        model.addAttribute("expectedEnd", snapshot.state() == State.RUNNING || snapshot.state() == State.WAITING_FOR_AGENT
                ? now.plusSeconds(remainingSeconds(rows)) : null);
        model.addAttribute("now", now);
        model.addAttribute("siteNames", siteNames());
        model.addAttribute("reportUrl", reportServiceUrl + "/reports/drp/" + snapshot.id() + ".pdf");
        return "console/drp/run";
    }

    @GetMapping("/console/drp/runbooks")
    String runbooks(Model model, Principal user) {
        model.addAttribute("user", user.getName());
        model.addAttribute("runbooks", runbooks.all());
        Map<String, Runbooks.Edit> edits = new TreeMap<>();
        runbooks.all().forEach(r -> runbooks.lastEdit(r.id()).ifPresent(e -> edits.put(r.id(), e)));
        model.addAttribute("edits", edits);
        model.addAttribute("siteNames", siteNames());
        return "console/drp/runbooks";
    }

    /** An agent proposes a failover or a return, usually from the incident's page; then the run's page. */
    @PostMapping("/console/drp/runs")
    String propose(@RequestParam String pair, @RequestParam Kind kind, @RequestParam(required = false) String incidentId,
            Principal user, RedirectAttributes redirect) {
        String back = incidentId == null || incidentId.isBlank() ? "redirect:/console/drp"
                : "redirect:/console/incidents/" + checkedId(incidentId);
        return act(redirect, back, "propose", () -> runs.propose(pair, kind, blankToNull(incidentId), user.getName()),
                "drp.notice.proposed");
    }

    /** An agent declares the pair's production site lost, from the incident: the RTO runs from now. */
    @PostMapping("/console/drp/pairs/{pairId}/lost")
    String declareLost(@PathVariable String pairId, @RequestParam String incidentId, Principal user, RedirectAttributes redirect) {
        DrpSettings.Pair pair = pair(pairId);
        Instant now = clock.instant();
        pairs.declareLost(pair.id(), now, user.getName());
        incidents.note(checkedId(incidentId), user.getName(), "DRP: declared the " + figures.site(pair.productionSite()).name()
                + " site lost; the recovery time of a failover runs from now.", now);
        redirect.addFlashAttribute("notice", messages.getMessage("drp.notice.lost", null, LocaleContextHolder.getLocale()));
        return "redirect:/console/incidents/" + incidentId;
    }

    /** An administrator switches the sites' roles by hand, with a reason (recorded with the pair's role changes). */
    @PostMapping("/console/drp/pairs/{pairId}/roles")
    String switchRoles(@PathVariable String pairId, @RequestParam Map<String, String> form, Principal user, RedirectAttributes redirect) {
        DrpSettings.Pair pair = pair(pairId);
        String reason = blankToNull(form.get("reason"));
        try {
            if (reason == null) {
                throw new DrpRefusal("reason: say why the roles change");
            }
            Map<String, String> roles = new TreeMap<>();
            for (String site : List.of(pair.productionSite(), pair.contingencySite())) {
                String role = blankToNull(form.get("role." + site));
                if (role != null) {
                    roles.put(site, role);
                }
            }
            pairs.setRoles(pair.id(), roles, user.getName(), reason, null);
        } catch (DrpRefusal refused) {
            redirect.addFlashAttribute("problem", refused.getMessage());
            redirect.addFlashAttribute("problemAt", "roles-" + pair.id());
            return "redirect:/console/drp";
        }
        redirect.addFlashAttribute("notice", messages.getMessage("drp.notice.roles", null, LocaleContextHolder.getLocale()));
        return "redirect:/console/drp";
    }

    /** A manager starts a drill. */
    @PostMapping("/console/drp/drills")
    String drill(@RequestParam String pair, @RequestParam Kind kind, @RequestParam(required = false) String override,
            Principal user, RedirectAttributes redirect) {
        return act(redirect, "redirect:/console/drp", "drill-" + pair,
                () -> runs.drill(pair, kind, user.getName(), blankToNull(override)), "drp.notice.drill");
    }

    @PostMapping("/console/drp/runs/{id}/approve")
    String approve(@PathVariable String id, @RequestParam(required = false) String override, @RequestParam(required = false) String from,
            Principal user, RedirectAttributes redirect) {
        return act(redirect, back(id, from), "approve-" + id, () -> runs.approve(checkedId(id), user.getName(), blankToNull(override), null),
                "drp.notice.approved");
    }

    @PostMapping("/console/drp/runs/{id}/refuse")
    String refuse(@PathVariable String id, @RequestParam(required = false) String reason, @RequestParam(required = false) String from,
            Principal user, RedirectAttributes redirect) {
        return act(redirect, back(id, from), "refuse-" + id, () -> runs.refuse(checkedId(id), user.getName(), reason), "drp.notice.refused");
    }

    @PostMapping("/console/drp/runs/{id}/steps/{index}/confirm")
    String confirm(@PathVariable String id, @PathVariable int index, @RequestParam(required = false) String note, Principal user,
            RedirectAttributes redirect) {
        return act(redirect, back(id, null), "step-" + index, () -> runs.confirm(checkedId(id), index, user.getName(), note),
                "drp.notice.confirmed");
    }

    @PostMapping("/console/drp/runs/{id}/steps/{index}/retry")
    String retry(@PathVariable String id, @PathVariable int index, Principal user, RedirectAttributes redirect) {
        return act(redirect, back(id, null), "step-" + index, () -> runs.retry(checkedId(id), index, user.getName()), "drp.notice.retried");
    }

    @PostMapping("/console/drp/runs/{id}/steps/{index}/skip")
    String skip(@PathVariable String id, @PathVariable int index, @RequestParam(required = false) String reason, Principal user,
            RedirectAttributes redirect) {
        return act(redirect, back(id, null), "step-" + index, () -> runs.skip(checkedId(id), index, user.getName(), reason),
                "drp.notice.skipped");
    }

    @PostMapping("/console/drp/runs/{id}/abort")
    String abort(@PathVariable String id, @RequestParam(required = false) String reason, Principal user, RedirectAttributes redirect) {
        return act(redirect, back(id, null), "abort", () -> runs.abort(checkedId(id), user.getName(), reason), "drp.notice.aborted");
    }

    /**
     * Does it, and goes to the run's page with a notice; or, refused, back where the form was with the refusal's
     * words and which form they belong to ({@code problemAt}), so that the page shows them next to it.
     */
    private String act(RedirectAttributes redirect, String whenRefused, String form, Supplier<DrpRun> action, String notice) {
        DrpRun run;
        try {
            run = action.get();
        } catch (DrpRefusal.NotFound missing) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, missing.getMessage());
        } catch (DrpRefusal refused) {
            redirect.addFlashAttribute("problem", refused.getMessage());
            redirect.addFlashAttribute("problemAt", form);
            return whenRefused;
        }
        redirect.addFlashAttribute("notice", messages.getMessage(notice, null, LocaleContextHolder.getLocale()));
        return "redirect:/console/drp/runs/" + run.id();
    }

    /** Where a refused form goes back to: the managers' page when it was posted from there, else the run's page. */
    private static String back(String runId, String from) {
        return "overview".equals(from) ? "redirect:/console/drp" : "redirect:/console/drp/runs/" + checkedId(runId);
    }

    private PairView pairView(DrpSettings.Pair pair, Instant now) {
        SitePairs.State state = pairs.get(pair.id());
        boolean fromContingency = pair.contingencySite().equals(state.servingSiteId());
        Kind next = fromContingency ? Kind.RETURN : Kind.FAILOVER;
        String target = fromContingency ? pair.productionSite() : pair.contingencySite();
        Long expected = runbooks.find(next == Kind.FAILOVER ? pair.failoverRunbook() : pair.returnRunbook())
                .map(r -> r.expectedDuration().toSeconds()).orElse(null);
        return new PairView(pair, state, siteName(pair.productionSite()), siteName(pair.contingencySite()),
                state.servingSiteId() == null ? null : siteName(state.servingSiteId()), fromContingency, next,
                figures.rpoExposure(pair, now).map(Duration::toSeconds).orElse(null), expected, figures.problems(pair, next, target, now));
    }

    private static StepRow row(Step step, Runbook runbook, Instant now) {
        RunbookStep definition = step.index() < runbook.steps().size() ? runbook.steps().get(step.index()) : null;
        Long elapsed = step.startedAt() == null ? null
                : Duration.between(step.startedAt(), step.endedAt() != null ? step.endedAt() : now).toSeconds();
        return new StepRow(step, definition, elapsed, elapsed != null && elapsed > step.estimateSeconds());
    }

    /** What is left by the estimates: for each group of parallel steps, its longest remaining step, added up. */
    private static long remainingSeconds(List<StepRow> rows) {
        Map<Integer, Long> byGroup = new TreeMap<>();
        for (StepRow row : rows) {
            long left = switch (row.step().state()) {
                case PENDING, FAILED -> row.step().estimateSeconds();
                case RUNNING, WAITING_FOR_PERSON -> Math.max(0, row.step().estimateSeconds() - (row.elapsedSeconds() == null ? 0 : row.elapsedSeconds()));
                default -> 0;
            };
            byGroup.merge(row.step().group(), left, Math::max);
        }
        return byGroup.values().stream().mapToLong(Long::longValue).sum();
    }

    private Map<String, String> siteNames() {
        Map<String, String> names = new TreeMap<>();
        settings.pairs().forEach(p -> {
            names.put(p.productionSite(), siteName(p.productionSite()));
            names.put(p.contingencySite(), siteName(p.contingencySite()));
        });
        return names;
    }

    /** A site's name in the reader's language, as the catalog gives it. */
    private String siteName(String siteId) {
        return figures.site(siteId).nameIn(LocaleContextHolder.getLocale().getLanguage());
    }

    private DrpSettings.Pair pair(String pairId) {
        try {
            return settings.pair(pairId);
        } catch (DrpRefusal.NotFound missing) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, missing.getMessage());
        }
    }

    private DrpRun find(String id) {
        return runs.find(checkedId(id)).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No DRP run " + id));
    }

    private static String checkedId(String id) {
        if (id == null || !id.matches("[A-Za-z0-9-]{1,100}")) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "Malformed id");
        }
        return id;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
