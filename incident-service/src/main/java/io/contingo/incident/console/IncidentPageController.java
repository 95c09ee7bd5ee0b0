package io.contingo.incident.console;

import java.security.Principal;
import java.time.Clock;
import java.util.List;
import java.util.function.Consumer;

import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import io.contingo.events.ComponentStatus;
import io.contingo.events.IncidentSnapshot;
import io.contingo.incident.catalog.Catalog;
import io.contingo.incident.drp.DrpRun;
import io.contingo.incident.drp.DrpRuns;
import io.contingo.incident.drp.SitePairs;
import io.contingo.incident.incident.Incident;
import io.contingo.incident.incident.IncidentFigures;
import io.contingo.incident.incident.Incidents;

/**
 * One incident's page in the agents' console and everything agents do there (acknowledge, assign, classify,
 * public updates with a preview, internal notes, root cause, corrective actions, resolve by hand). Forms are
 * CSRF-protected, show their errors next to the fields, and carry the version the agent saw: a second agent's
 * stale form is refused with an explanation, never applied over the first one's change.
 */
@Controller
class IncidentPageController {

    static final List<IncidentSnapshot.Status> UPDATE_STATUSES = List.of(IncidentSnapshot.Status.INVESTIGATING,
            IncidentSnapshot.Status.IDENTIFIED, IncidentSnapshot.Status.MONITORING);

    private final Incidents incidents;
    private final IncidentDesk desk;
    private final Catalog catalog;
    private final Clock clock;
    private final DrpRuns drpRuns;
    private final SitePairs sitePairs;

    IncidentPageController(Incidents incidents, IncidentDesk desk, Catalog catalog, Clock clock, DrpRuns drpRuns, SitePairs sitePairs) {
        this.incidents = incidents;
        this.desk = desk;
        this.catalog = catalog;
        this.clock = clock;
        this.drpRuns = drpRuns;
        this.sitePairs = sitePairs;
    }

    @GetMapping("/console/incidents/{id}")
    String incident(@PathVariable String id, Model model, Principal user) {
        return page(find(id), model, user);
    }

    @PostMapping("/console/incidents/{id}/acknowledge")
    String acknowledge(@PathVariable String id, @RequestParam long version, Model model, Principal user, RedirectAttributes redirect) {
        Incident incident = find(id);
        if (!incident.acknowledge(user.getName(), clock.instant())) {
            return "redirect:/console/incidents/" + id;
        }
        return saveOrExplain(incident, version, "You acknowledged this incident.", model, user, redirect);
    }

    @PostMapping("/console/incidents/{id}/assign")
    String assign(@PathVariable String id, @Validated @ModelAttribute("assignForm") AssignForm form, BindingResult errors,
            Model model, Principal user, RedirectAttributes redirect) {
        String assignee = null;
        try {
            assignee = errors.hasErrors() ? null : desk.owner(form.assignee());
        } catch (IncidentDesk.InvalidChoice invalid) {
            errors.rejectValue(invalid.field, "invalid", invalid.getMessage());
        }
        String owner = assignee;
        return change(id, errors, form.version(), i -> i.assign(user.getName(), owner, clock.instant()),
                owner == null ? "Nobody owns this incident now." : owner.equals(user.getName()) ? "You own this incident now."
                        : "Assigned to " + owner + ".", model, user, redirect);
    }

    @PostMapping("/console/incidents/{id}/classify")
    String classify(@PathVariable String id, @Validated @ModelAttribute("classifyForm") ClassifyForm form, BindingResult errors,
            Model model, Principal user, RedirectAttributes redirect) {
        return change(id, errors, form.version(), i -> i.classify(user.getName(), form.severity(), form.impact(), clock.instant()),
                "Severity and impact saved. The engine no longer changes them.", model, user, redirect);
    }

    @PostMapping("/console/incidents/{id}/updates")
    String postUpdate(@PathVariable String id, @Validated @ModelAttribute("updateForm") UpdateForm form, BindingResult errors,
            @RequestParam(required = false) String preview, Model model, Principal user, RedirectAttributes redirect) {
        Incident incident = find(id);
        if (!incident.isOpen()) {
            errors.reject("resolved", "This incident is resolved: it takes no more updates.");
        } else if (!incident.hasRoomForUpdate()) {
            errors.rejectValue("body", "full", Incident.fullOfUpdates() + ".");
        }
        if (errors.hasErrors()) {
            return page(incident, model, user);
        }
        if (preview != null) { // shown on the incident's own address, so that a reload does not post again
            redirect.addFlashAttribute("updateForm", form);
            redirect.addFlashAttribute("preview", new IncidentSnapshot.Update("preview", form.status(), form.body().strip(), clock.instant()));
            return "redirect:/console/incidents/" + id + "#update";
        }
        incident.postUpdate(user.getName(), form.status(), form.body().strip(), clock.instant());
        try {
            incidents.saveAgentChange(incident, form.version());
        } catch (OptimisticLockingFailureException stale) {
            model.addAttribute("conflict", true);
            Incident current = find(id);
            model.addAttribute("updateForm", new UpdateForm(form.status(), form.body(), current.version()));
            return page(current, model, user);
        }
        redirect.addFlashAttribute("notice", "Your update is published on the status page and sent to subscribers.");
        return "redirect:/console/incidents/" + id;
    }

    @PostMapping("/console/incidents/{id}/components")
    String setComponent(@PathVariable String id, @Validated @ModelAttribute("componentForm") ComponentForm form, BindingResult errors,
            Model model, Principal user, RedirectAttributes redirect) {
        Incident incident = find(id);
        Catalog.Placement placement = errors.hasFieldErrors("componentId") ? null : catalog.component(form.componentId()).orElse(null);
        if (placement == null && !errors.hasFieldErrors("componentId")) {
            errors.rejectValue("componentId", "unknown", "No service with id " + form.componentId());
        }
        if (errors.hasErrors()) {
            return page(incident, model, user);
        }
        incident.setComponent(user.getName(), placement.component().id(), placement.component().name(), placement.component().names(),
                form.status(), clock.instant());
        return saveOrExplain(incident, form.version(), placement.component().name() + " is in the incident as you set it.", model, user,
                redirect);
    }

    @PostMapping("/console/incidents/{id}/components/{componentId}/remove")
    String removeComponent(@PathVariable String id, @PathVariable String componentId, @RequestParam long version, Model model,
            Principal user, RedirectAttributes redirect) {
        Incident incident = find(id);
        try {
            if (!incident.removeComponent(user.getName(), componentId, clock.instant())) {
                throw new ResponseStatusException(HttpStatus.NOT_FOUND, "The incident does not list " + componentId);
            }
        } catch (IllegalStateException lastOne) {
            model.addAttribute("componentError", lastOne.getMessage());
            return page(incident, model, user);
        }
        return saveOrExplain(incident, version, "The service is no longer listed in this incident.", model, user, redirect);
    }

    @PostMapping("/console/incidents/{id}/notes")
    String addNote(@PathVariable String id, @Validated @ModelAttribute("noteForm") NoteForm form, BindingResult errors, Model model,
            Principal user, RedirectAttributes redirect) {
        return change(id, errors, form.version(), i -> i.addNote(user.getName(), form.note().strip(), clock.instant()),
                "Your note is in the timeline. Customers never see notes.", model, user, redirect);
    }

    @PostMapping("/console/incidents/{id}/root-cause")
    String recordRootCause(@PathVariable String id, @Validated @ModelAttribute("rootCauseForm") RootCauseForm form,
            BindingResult errors, Model model, Principal user, RedirectAttributes redirect) {
        return change(id, errors, form.version(), i -> i.recordRootCause(user.getName(), form.text().strip(), clock.instant()),
                "The root cause is recorded for the technical report.", model, user, redirect);
    }

    @PostMapping("/console/incidents/{id}/actions")
    String addCorrectiveAction(@PathVariable String id, @Validated @ModelAttribute("actionForm") ActionForm form,
            BindingResult errors, Model model, Principal user, RedirectAttributes redirect) {
        if (!errors.hasErrors() && !find(id).hasRoomForAction()) {
            errors.rejectValue("description", "full", Incident.fullOfActions() + ".");
        }
        return change(id, errors, form.version(), i -> i.addCorrectiveAction(user.getName(), action(form, false), clock.instant()),
                "The corrective action is added to the technical report.", model, user, redirect);
    }

    /** Ticks a corrective action off as done, or back to pending. */
    @PostMapping("/console/incidents/{id}/actions/{number}/done")
    String markAction(@PathVariable String id, @PathVariable int number, @RequestParam boolean done, @RequestParam long version,
            Model model, Principal user, RedirectAttributes redirect) {
        Incident incident = find(id);
        IncidentSnapshot.CorrectiveAction action = correctiveAction(incident, number);
        incident.changeCorrectiveAction(user.getName(), number - 1, new IncidentSnapshot.CorrectiveAction(action.description(), action.owner(),
                action.due(), action.phase(), done), clock.instant());
        return saveOrExplain(incident, version, done ? "Marked as done." : "Marked as not done.", model, user, redirect);
    }

    /** Edits a corrective action (its number counts from 1, in the order shown). */
    @PostMapping("/console/incidents/{id}/actions/{number}")
    String editAction(@PathVariable String id, @PathVariable int number, @Validated @ModelAttribute("actionForm") ActionForm form,
            BindingResult errors, Model model, Principal user, RedirectAttributes redirect) {
        Incident incident = find(id);
        IncidentSnapshot.CorrectiveAction action = correctiveAction(incident, number);
        if (errors.hasErrors()) {
            model.addAttribute("editing", number);
            return page(incident, model, user);
        }
        incident.changeCorrectiveAction(user.getName(), number - 1, action(form, action.done()), clock.instant());
        return saveOrExplain(incident, form.version(), "The corrective action is updated.", model, user, redirect);
    }

    @PostMapping("/console/incidents/{id}/resolve")
    String resolve(@PathVariable String id, @Validated @ModelAttribute("resolveForm") ResolveForm form, BindingResult errors,
            Model model, Principal user, RedirectAttributes redirect) {
        Incident incident = find(id);
        if (!incident.isOpen()) {
            errors.reject("resolved", "This incident is already resolved.");
        }
        if (errors.hasErrors()) {
            return page(incident, model, user);
        }
        incident.resolveByHand(user.getName(), form.resolution().strip(), clock.instant());
        return saveOrExplain(incident, form.version(), "The incident is resolved; customers are told.", model, user, redirect);
    }

    private static IncidentSnapshot.CorrectiveAction action(ActionForm form, boolean done) {
        return new IncidentSnapshot.CorrectiveAction(form.description().strip(),
                form.owner() == null || form.owner().isBlank() ? null : form.owner().strip(), form.due(), form.phase(), done);
    }

    private static IncidentSnapshot.CorrectiveAction correctiveAction(Incident incident, int number) {
        List<IncidentSnapshot.CorrectiveAction> actions = incident.snapshot().correctiveActions();
        if (number < 1 || number > actions.size()) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "No corrective action number " + number);
        }
        return actions.get(number - 1);
    }

    /**
     * The path of most forms: the page again with the errors next to the fields, or the change saved with the
     * version the form was read at.
     */
    private String change(String id, BindingResult errors, Long version, Consumer<Incident> change, String notice, Model model,
            Principal user, RedirectAttributes redirect) {
        Incident incident = find(id);
        if (errors.hasErrors()) {
            return page(incident, model, user);
        }
        change.accept(incident);
        return saveOrExplain(incident, version, notice, model, user, redirect);
    }

    private String saveOrExplain(Incident incident, long version, String notice, Model model, Principal user,
            RedirectAttributes redirect) {
        try {
            incidents.saveAgentChange(incident, version);
        } catch (OptimisticLockingFailureException stale) {
            model.addAttribute("conflict", true);
            return page(find(incident.id()), model, user);
        }
        redirect.addFlashAttribute("notice", notice);
        return "redirect:/console/incidents/" + incident.id();
    }

    private String page(Incident incident, Model model, Principal user) {
        IncidentSnapshot snapshot = incident.snapshot();
        IncidentFigures figures = incident.figures();
        long version = incident.version() == null ? 0 : incident.version();
        model.addAttribute("user", user.getName());
        defaults(model, "rootCauseForm", () -> new RootCauseForm(snapshot.rootCause(), version));
        defaults(model, "actionForm", () -> new ActionForm("", "", null, IncidentSnapshot.Phase.IMMEDIATE, version));
        defaults(model, "updateForm", () -> new UpdateForm(snapshot.status() == IncidentSnapshot.Status.RESOLVED
                ? IncidentSnapshot.Status.MONITORING : snapshot.status(), "", version));
        defaults(model, "noteForm", () -> new NoteForm("", version));
        defaults(model, "assignForm", () -> new AssignForm(figures.assignee(), version));
        defaults(model, "classifyForm", () -> new ClassifyForm(snapshot.severity(), snapshot.impact(), version));
        defaults(model, "resolveForm", () -> new ResolveForm("", version));
        defaults(model, "componentForm", () -> new ComponentForm("", ComponentStatus.MAJOR_OUTAGE, version));
        model.addAttribute("agents", desk.agents());
        model.addAttribute("catalogSites", catalog.sites());
        model.addAttribute("componentStatuses", ConsoleController.INCIDENT_COMPONENT_STATUSES);
        model.addAttribute("phases", IncidentSnapshot.Phase.values());
        model.addAttribute("severities", IncidentSnapshot.Severity.values());
        model.addAttribute("impacts", IncidentSnapshot.Impact.values());
        model.addAttribute("incident", snapshot);
        model.addAttribute("record", figures);
        model.addAttribute("awaitsAcknowledgement", incident.awaitsAcknowledgement());
        model.addAttribute("activity", figures.activity().reversed());
        model.addAttribute("statuses", UPDATE_STATUSES);
        // the DRP box: the runs ordered from this incident, and a proposal for the pair of its site
        model.addAttribute("drpRuns", drpRuns.ofIncident(incident.id()).stream().map(DrpRun::snapshot).toList());
        sitePairs.pairOfSite(snapshot.siteId()).ifPresent(pair -> {
            SitePairs.State state = sitePairs.get(pair.id());
            model.addAttribute("drpPair", pair);
            model.addAttribute("drpPairState", state);
            model.addAttribute("drpFromContingency", pair.contingencySite().equals(state.servingSiteId()));
        });
        return "console/incident";
    }

    private static void defaults(Model model, String name, java.util.function.Supplier<Object> form) {
        if (!model.containsAttribute(name)) {
            model.addAttribute(name, form.get());
        }
    }

    private Incident find(String id) {
        if (!id.matches("[A-Za-z0-9-]{1,80}")) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "Malformed incident id");
        }
        return incidents.find(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No incident " + id));
    }
}
