package io.contingo.incident.console;

import java.security.Principal;
import java.time.Clock;
import java.util.List;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import io.contingo.events.ComponentStatus;
import io.contingo.events.IncidentSnapshot;
import io.contingo.incident.catalog.Catalog;
import io.contingo.incident.incident.Incident;
import io.contingo.incident.incident.Incidents;

/**
 * The support agents' console: the incident list (filters, live refresh) and declaring an incident by hand.
 * An incident's own page and everything agents do there is {@link IncidentPageController}'s.
 */
@Controller
class ConsoleController {

    static final List<ComponentStatus> INCIDENT_COMPONENT_STATUSES = List.of(ComponentStatus.MAJOR_OUTAGE,
            ComponentStatus.PARTIAL_OUTAGE, ComponentStatus.DEGRADED_PERFORMANCE);
    private static final int LIST_LIMIT = 100;

    private final Incidents incidents;
    private final IncidentDesk desk;
    private final Catalog catalog;
    private final Clock clock;

    ConsoleController(Incidents incidents, IncidentDesk desk, Catalog catalog, Clock clock) {
        this.incidents = incidents;
        this.desk = desk;
        this.catalog = catalog;
        this.clock = clock;
    }

    /** The list's filters, as query parameters; blank means "any". */
    record Filter(String state, IncidentSnapshot.Severity severity, String site) {

        Filter {
            state = state == null || !List.of("open", "resolved", "all").contains(state) ? "open" : state;
            site = site == null || site.isBlank() ? null : site;
        }

        boolean accepts(Incident incident) {
            IncidentSnapshot snapshot = incident.snapshot();
            return (state.equals("all") || state.equals("open") == incident.isOpen())
                    && (severity == null || snapshot.severity() == severity)
                    && (site == null || site.equals(snapshot.siteId()));
        }

        /** The same filter as query parameters, for the live-refresh URL. */
        public String query() {
            return "state=" + state + (severity == null ? "" : "&severity=" + severity) + (site == null ? "" : "&site=" + site);
        }
    }

    @GetMapping("/console")
    String list(@RequestParam(required = false) String state, @RequestParam(required = false) IncidentSnapshot.Severity severity,
            @RequestParam(required = false) String site, Model model, Principal user) {
        listModel(new Filter(state, severity, site), model, user);
        return "console/list";
    }

    /** The list alone, for the page's live refresh. */
    @GetMapping("/console/list")
    String listFragment(@RequestParam(required = false) String state,
            @RequestParam(required = false) IncidentSnapshot.Severity severity, @RequestParam(required = false) String site,
            Model model, Principal user) {
        listModel(new Filter(state, severity, site), model, user);
        return "console/list :: incidents";
    }

    private void listModel(Filter filter, Model model, Principal user) {
        model.addAttribute("user", user.getName());
        model.addAttribute("filter", filter);
        model.addAttribute("incidents", desk.find(filter, LIST_LIMIT));
        model.addAttribute("openCount", incidents.unresolved().size());
        model.addAttribute("sites", catalog.sites());
        model.addAttribute("severities", IncidentSnapshot.Severity.values());
        model.addAttribute("now", clock.instant());
    }

    @GetMapping("/console/incidents/new")
    String declareForm(Model model, Principal user) {
        if (!model.containsAttribute("declareForm")) {
            model.addAttribute("declareForm", new DeclareForm("", List.of(), ComponentStatus.PARTIAL_OUTAGE,
                    IncidentSnapshot.Impact.MINOR, IncidentSnapshot.Severity.SEV3, ""));
        }
        return declarePage(model, user);
    }

    @PostMapping("/console/incidents")
    String declare(@Validated @ModelAttribute("declareForm") DeclareForm form, BindingResult errors, Model model, Principal user,
            RedirectAttributes redirect) {
        Incident incident;
        try {
            incident = errors.hasErrors() ? null : desk.declare(form, user.getName());
        } catch (IncidentDesk.InvalidChoice invalid) {
            errors.rejectValue(invalid.field, "invalid", invalid.getMessage());
            incident = null;
        }
        if (incident == null) {
            return declarePage(model, user);
        }
        redirect.addFlashAttribute("notice", "The incident is declared: customers see it on the status page and subscribers are told.");
        return "redirect:/console/incidents/" + incident.id();
    }

    private String declarePage(Model model, Principal user) {
        model.addAttribute("user", user.getName());
        model.addAttribute("sites", catalog.sites());
        model.addAttribute("componentStatuses", INCIDENT_COMPONENT_STATUSES);
        model.addAttribute("impacts", IncidentSnapshot.Impact.values());
        model.addAttribute("severities", IncidentSnapshot.Severity.values());
        return "console/declare";
    }
}
