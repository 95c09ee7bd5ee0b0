package io.contingo.health.admin;

import java.security.Principal;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import io.contingo.events.HealthEvent;
import io.contingo.events.SiteDefined;
import io.contingo.health.catalog.KnownSites;
import io.contingo.health.catalog.KnownSites.NotKnownYetException;
import io.contingo.health.monitor.MetricsMonitor;
import io.contingo.health.monitor.MonitorCatalog;
import io.contingo.health.monitor.MonitorCatalog.InvalidMonitorException;
import io.contingo.health.monitor.MonitorCatalog.MonitorExistsException;
import io.contingo.health.monitor.MonitorCatalog.MonitorNotFoundException;
import io.contingo.health.monitor.MonitorDefinition;
import io.contingo.health.monitor.MonitorJson;
import io.contingo.health.monitor.MonitorJson.UnreadableMonitorException;
import io.contingo.health.monitor.MonitorType;
import io.contingo.health.monitor.PushedMonitor;
import io.contingo.health.monitor.StoredMonitor;
import io.contingo.health.probe.LatestResults;
import io.contingo.health.parked.ParkedResults;
import io.contingo.health.probe.LatestResults.LatestResult;
import io.contingo.health.probe.ResultBuckets;
import io.contingo.health.probe.ResultHistory;
import io.contingo.health.probe.ResultHistory.PastResult;
import io.contingo.health.probe.ProbeScheduler;
import io.contingo.health.push.MetricsSample;
import io.contingo.health.push.MetricsSamples;
import io.contingo.health.push.PushTokens;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code /monitors} (ADMIN): the admin pages over the same catalog as the API. The list, a monitor's page with
 * its latest result and push URL (a metrics monitor's with its thresholds, its latest readings and the agent's
 * command), one form for every type, pause and resume, check now and delete (after a
 * confirmation page). Every page works without JavaScript; a refused form comes back with what was typed and
 * each problem beside its field, and nothing stored changes.
 */
@Controller
@RequestMapping("/monitors")
class MonitorPagesController {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** The result of a "check now", carried over the redirect to the monitor's page (in the shared session). */
    record Checked(String status, Long latencyMs, String detail, String at) implements java.io.Serializable {

        static Checked of(HealthEvent event) {
            return new Checked(event.status().name(), event.latencyMs(), event.detail(), PageTimes.exact(event.observedAt()));
        }
    }

    /** How many past results a monitor's page shows. */
    static final int HISTORY_ROWS = 20;

    /** A past result as the page shows it: its age, and the exact time for the title. */
    record PastRow(PastResult result, String ago, String at) {
    }

    /** The periods a monitor's page gives the uptime of, by the key of their name in the messages. */
    private static final List<Map.Entry<String, java.time.Duration>> UPTIME_PERIODS = List.of(
            Map.entry("24h", java.time.Duration.ofHours(24)), Map.entry("7d", java.time.Duration.ofDays(7)),
            Map.entry("30d", java.time.Duration.ofDays(30)));

    /**
     * The share of a period's checks that were not DOWN ({@code 99.95 %}, null without checks; never 100 % unless
     * none was DOWN), and of how many checks.
     */
    record UptimeFigure(String period, String percent, long checks) {

        static UptimeFigure of(String period, ResultBuckets.Uptime uptime) {
            Double percent = uptime.percent();
            String shown = percent == null ? null : percent == 100.0 ? "100 %"
                    : String.format(Locale.ROOT, "%.2f %%", Math.min(percent, 99.99));
            return new UptimeFigure(period, shown, uptime.checks());
        }
    }

    /** What incident-service refused of a monitor's results, as its page says it. */
    record ParkedView(long count, String reason, String ago, String at) {
    }

    private final MonitorCatalog catalog;
    private final LatestResults latestResults;
    private final PushTokens pushTokens;
    private final ProbeScheduler scheduler;
    private final MetricsSamples samples;
    private final ResultHistory resultHistory;
    private final ResultBuckets resultBuckets;
    private final KnownSites sites;
    private final ParkedResults parked;
    private final Clock clock = Clock.systemUTC();

    MonitorPagesController(MonitorCatalog catalog, LatestResults latestResults, PushTokens pushTokens, ProbeScheduler scheduler,
            MetricsSamples samples, ResultHistory resultHistory, ResultBuckets resultBuckets, KnownSites sites, ParkedResults parked) {
        this.catalog = catalog;
        this.resultBuckets = resultBuckets;
        this.sites = sites;
        this.parked = parked;
        this.resultHistory = resultHistory;
        this.latestResults = latestResults;
        this.pushTokens = pushTokens;
        this.scheduler = scheduler;
        this.samples = samples;
    }

    @ModelAttribute("user")
    String user(Principal principal) {
        return principal == null ? null : principal.getName();
    }

    // ---- The list ----------------------------------------------------------------------------------------

    @GetMapping
    String list(@RequestParam(required = false) String status, @RequestParam(required = false) String type,
            @RequestParam(required = false) String site, @RequestParam(defaultValue = "1") int page, Model model) {
        List<StoredMonitor> all = catalog.all();
        model.addAttribute("list", MonitorList.of(all, latestResults.statuses(), latestResults::of,
                new MonitorList.Filter(status, type, site, page), clock.instant()));
        model.addAttribute("refused", refused(all));
        return "monitors/list";
    }

    // ---- One monitor -------------------------------------------------------------------------------------

    @GetMapping("/{id}")
    String monitor(@PathVariable String id, Model model) {
        StoredMonitor monitor = catalog.get(id);
        MonitorDefinition definition = monitor.definition();
        LatestResult latest = latestResults.of(id);
        Instant now = clock.instant();
        model.addAttribute("monitor", monitor);
        model.addAttribute("type", definition.type().written());
        model.addAttribute("state", MonitorList.State.of(monitor, latest == null ? null : latest.status()).param());
        model.addAttribute("latest", latest);
        model.addAttribute("history", resultHistory.recent(id, HISTORY_ROWS).stream()
                .map(r -> new PastRow(r, PageTimes.ago(r.observedAt(), now), PageTimes.exact(r.observedAt()))).toList());
        model.addAttribute("checkedAgo", latest == null ? "" : PageTimes.ago(latest.observedAt(), now));
        model.addAttribute("checkedAt", latest == null ? "" : PageTimes.exact(latest.observedAt()));
        model.addAttribute("updatedAgo", PageTimes.ago(monitor.updatedAt(), now));
        model.addAttribute("updatedAt", PageTimes.exact(monitor.updatedAt()));
        model.addAttribute("settings", SettingList.of(definition));
        model.addAttribute("pushed", definition.isPushed());
        model.addAttribute("catalogKnown", sites.known());
        model.addAttribute("placement", sites.component(definition.componentId()).orElse(null));
        model.addAttribute("parked", parked.of(id).map(p -> new ParkedView(p.count(), p.lastReason(), PageTimes.ago(p.lastAt(), now),
                PageTimes.exact(p.lastAt()))).orElse(null));
        model.addAttribute("uptime", UPTIME_PERIODS.stream()
                .map(period -> UptimeFigure.of(period.getKey(), resultBuckets.uptime(id, now.minus(period.getValue())))).toList());
        model.addAttribute("chart", definition.isPushed() ? null
                : ResponseTimeChart.of(resultBuckets.since(id, now.minus(ResponseTimeChart.SPAN)), now, definition.interval()));
        if (definition instanceof PushedMonitor pushed) {
            PushInstructions push = PushInstructions.of(pushed, pushTokens.urlOf(id).orElse(null));
            model.addAttribute("pushUrl", push.pushUrl());
            model.addAttribute("curl", push.curl());
            model.addAttribute("agent", push.agent());
        }
        if (definition instanceof MetricsMonitor metricsMonitor) {
            MetricsSample sample = samples.of(id);
            model.addAttribute("metrics", MetricTable.rows(metricsMonitor.thresholds(), sample));
            model.addAttribute("readingsAgo", PageTimes.ago(sample.receivedAt(), now));
            model.addAttribute("readingsAt", PageTimes.exact(sample.receivedAt()));
        }
        return "monitors/monitor";
    }

    @PostMapping("/{id}/pause")
    String pause(@PathVariable String id, Principal admin, RedirectAttributes redirect) {
        catalog.pause(id, true, admin.getName());
        redirect.addFlashAttribute("notice", "Paused: no checks and no health events until you resume it.");
        return "redirect:/monitors/{id}";
    }

    @PostMapping("/{id}/resume")
    String resume(@PathVariable String id, Principal admin, RedirectAttributes redirect) {
        catalog.pause(id, false, admin.getName());
        redirect.addFlashAttribute("notice", "Resumed: the next check comes within one interval.");
        return "redirect:/monitors/{id}";
    }

    @PostMapping("/{id}/check")
    String checkNow(@PathVariable String id, RedirectAttributes redirect) {
        HealthEvent event = scheduler.checkNow(catalog.get(id).definition());
        redirect.addFlashAttribute("checked", Checked.of(event));
        return "redirect:/monitors/{id}";
    }

    @GetMapping("/{id}/delete")
    String confirmDelete(@PathVariable String id, Model model) {
        model.addAttribute("monitor", catalog.get(id));
        return "monitors/delete";
    }

    @PostMapping("/{id}/delete")
    String delete(@PathVariable String id, Principal admin, RedirectAttributes redirect) {
        catalog.delete(id, admin.getName());
        redirect.addFlashAttribute("notice", "Monitor " + id + " is deleted: its checks have stopped.");
        return "redirect:/monitors";
    }

    // ---- The form ----------------------------------------------------------------------------------------

    @GetMapping("/new")
    String newMonitor(@RequestParam(required = false) String type, Model model) {
        model.addAttribute("monitorForm", MonitorForm.blank(MonitorType.named(type)));
        return form(null, model);
    }

    @PostMapping
    String create(@ModelAttribute MonitorForm monitorForm, BindingResult errors, Model model, Principal admin,
            RedirectAttributes redirect) {
        MonitorDefinition definition = read(monitorForm, null, errors);
        if (definition != null) {
            try {
                catalog.create(definition, admin.getName());
            } catch (MonitorExistsException e) {
                errors.rejectValue("id", "exists", "A monitor with this id already exists: choose another, or edit that one");
            }
        }
        if (errors.hasErrors()) {
            return form(null, model);
        }
        redirect.addFlashAttribute("notice", "Monitor created: its first check comes within one interval.");
        return "redirect:/monitors/" + definition.id();
    }

    @GetMapping("/{id}/edit")
    String edit(@PathVariable String id, Model model) {
        model.addAttribute("monitorForm", MonitorForm.of(catalog.get(id).definition()));
        return form(id, model);
    }

    @PostMapping("/{id}")
    String update(@PathVariable String id, @ModelAttribute MonitorForm monitorForm, BindingResult errors, Model model,
            Principal admin, RedirectAttributes redirect) {
        catalog.get(id);
        MonitorDefinition definition = read(monitorForm, id, errors);
        if (definition != null) {
            catalog.update(definition, admin.getName());
        }
        if (errors.hasErrors()) {
            return form(id, model);
        }
        redirect.addFlashAttribute("notice", "Saved: the monitor's checks follow the new settings from now on.");
        return "redirect:/monitors/{id}";
    }

    private String form(String editedId, Model model) {
        model.addAttribute("editedId", editedId);
        boolean known = sites.known();
        List<SiteDefined> listed = known ? sites.sites() : List.of();
        model.addAttribute("catalogKnown", known);
        model.addAttribute("sites", listed);
        // a component the catalog does not list (an old monitor's, or one typed into the API) stays chosen, marked as unknown
        String chosen = model.getAttribute("monitorForm") instanceof MonitorForm form ? form.componentId() : null;
        model.addAttribute("unlistedComponent", chosen == null || chosen.isBlank() || sites.component(chosen).isPresent() ? null : chosen);
        model.addAttribute("types", List.of(MonitorType.values()).stream().map(MonitorType::written).toList());
        model.addAttribute("methods", List.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"));
        model.addAttribute("hostMetrics", MetricTable.help());
        model.addAttribute("queryTypes", List.of("A", "AAAA", "CNAME", "MX", "NS", "TXT", "SRV", "PTR", "SOA", "CAA"));
        return "monitors/form";
    }

    /**
     * The definition the form describes, or null with every problem (unreadable values and broken rules alike)
     * rejected on its form field. Nothing is stored here.
     */
    private MonitorDefinition read(MonitorForm form, String fixedId, BindingResult errors) {
        MonitorForm.Reading reading = form.read(fixedId);
        FormProblems problems = new FormProblems(form, reading);
        // the form picks a component; its site follows from the catalog
        if (reading.fields().get("componentId") instanceof String componentId) {
            sites.component(componentId).ifPresent(placement -> reading.fields().put("siteId", placement.siteId()));
        }
        MonitorDefinition definition = null;
        try {
            definition = MonitorJson.read(JSON.writeValueAsString(reading.fields()));
            catalog.validate(definition);
        } catch (UnreadableMonitorException e) {
            problems.unreadable(e);
        } catch (InvalidMonitorException e) {
            problems.invalid(e);
        } catch (NotKnownYetException e) {
            errors.reject("catalogNotKnown", e.getMessage());
        }
        problems.rejectOn(errors);
        return errors.hasErrors() ? null : definition; // a value Spring could not bind is an error too
    }

    // ---- Helpers -----------------------------------------------------------------------------------------

    /**
     * The monitors incident-service refuses the results of: a component its catalog does not have, or results
     * refused since the monitor was last changed.
     */
    private Set<String> refused(List<StoredMonitor> monitors) {
        boolean known = sites.known();
        Set<String> refused = new java.util.HashSet<>();
        for (StoredMonitor monitor : monitors) {
            boolean unknown = known && sites.component(monitor.definition().componentId()).isEmpty();
            if (unknown || parked.of(monitor.id()).filter(p -> p.lastAt() != null && p.lastAt().isAfter(monitor.updatedAt())).isPresent()) {
                refused.add(monitor.id());
            }
        }
        return refused;
    }

    /** The address names no monitor. */
    @ExceptionHandler(MonitorNotFoundException.class)
    @ResponseStatus(HttpStatus.NOT_FOUND)
    String notFound(MonitorNotFoundException e, Model model, Principal principal) {
        model.addAttribute("message", e.getMessage());
        model.addAttribute("user", user(principal));
        return "monitors/not-found";
    }
}
