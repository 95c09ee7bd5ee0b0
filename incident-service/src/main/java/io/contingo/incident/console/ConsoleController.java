package io.contingo.incident.console;

import java.security.Principal;
import java.time.Clock;
import java.util.List;

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

import io.contingo.events.IncidentSnapshot;
import io.contingo.incident.incident.Incident;
import io.contingo.incident.incident.Incidents;

/**
 * The support agents' console: open and recent incidents, an incident's page, acknowledging it and posting
 * public updates (CSRF-protected forms, errors next to the fields, a second agent's stale form refused).
 */
@Controller
class ConsoleController {

    static final List<IncidentSnapshot.Status> UPDATE_STATUSES = List.of(IncidentSnapshot.Status.INVESTIGATING,
            IncidentSnapshot.Status.IDENTIFIED, IncidentSnapshot.Status.MONITORING);

    private final Incidents incidents;
    private final Clock clock;

    ConsoleController(Incidents incidents, Clock clock) {
        this.incidents = incidents;
        this.clock = clock;
    }

    @GetMapping("/console")
    String list(Model model, Principal user) {
        model.addAttribute("user", user.getName());
        model.addAttribute("open", incidents.unresolved());
        model.addAttribute("recent", incidents.recent(20).stream().filter(i -> !i.isOpen()).toList());
        return "console/list";
    }

    @GetMapping("/console/incidents/{id}")
    String incident(@PathVariable String id, Model model, Principal user) {
        return page(find(id), model, user);
    }

    @PostMapping("/console/incidents/{id}/acknowledge")
    String acknowledge(@PathVariable String id, @RequestParam long version, Principal user, RedirectAttributes redirect) {
        Incident incident = find(id);
        if (incident.acknowledge(user.getName(), clock.instant())) {
            try {
                incidents.saveAgentChange(incident, version);
                redirect.addFlashAttribute("notice", "You acknowledged this incident.");
            } catch (OptimisticLockingFailureException stale) {
                redirect.addFlashAttribute("conflict", true);
            }
        }
        return "redirect:/console/incidents/" + id;
    }

    @PostMapping("/console/incidents/{id}/updates")
    String postUpdate(@PathVariable String id, @Validated @ModelAttribute("updateForm") UpdateForm form, BindingResult errors,
            Model model, Principal user, RedirectAttributes redirect) {
        Incident incident = find(id);
        if (!incident.isOpen()) {
            errors.reject("resolved", "This incident is resolved: it takes no more updates.");
        }
        if (errors.hasErrors()) {
            return page(incident, model, user);
        }
        try {
            incident.postUpdate(form.status(), form.body().strip(), clock.instant());
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

    @PostMapping("/console/incidents/{id}/root-cause")
    String recordRootCause(@PathVariable String id, @Validated @ModelAttribute("rootCauseForm") RootCauseForm form,
            BindingResult errors, Model model, Principal user, RedirectAttributes redirect) {
        Incident incident = find(id);
        if (errors.hasErrors()) {
            return page(incident, model, user);
        }
        incident.recordRootCause(form.text().strip(), clock.instant());
        return saveOrExplain(incident, form.version(), "The root cause is recorded for the technical report.", model, user, redirect);
    }

    @PostMapping("/console/incidents/{id}/actions")
    String addCorrectiveAction(@PathVariable String id, @Validated @ModelAttribute("actionForm") ActionForm form,
            BindingResult errors, Model model, Principal user, RedirectAttributes redirect) {
        Incident incident = find(id);
        if (errors.hasErrors()) {
            return page(incident, model, user);
        }
        incident.addCorrectiveAction(new IncidentSnapshot.CorrectiveAction(form.description().strip(),
                form.owner() == null || form.owner().isBlank() ? null : form.owner().strip(), form.due(), form.phase(), false),
                clock.instant());
        return saveOrExplain(incident, form.version(), "The corrective action is added to the technical report.", model, user, redirect);
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
        model.addAttribute("user", user.getName());
        if (!model.containsAttribute("rootCauseForm")) {
            model.addAttribute("rootCauseForm", new RootCauseForm(incident.snapshot().rootCause(), incident.version()));
        }
        if (!model.containsAttribute("actionForm")) {
            model.addAttribute("actionForm", new ActionForm("", "", null, IncidentSnapshot.Phase.IMMEDIATE, incident.version()));
        }
        if (!model.containsAttribute("updateForm")) {
            model.addAttribute("updateForm", new UpdateForm(incident.snapshot().status() == IncidentSnapshot.Status.RESOLVED
                    ? IncidentSnapshot.Status.MONITORING : incident.snapshot().status(), "", incident.version()));
        }
        model.addAttribute("phases", IncidentSnapshot.Phase.values());
        model.addAttribute("incident", incident.snapshot());
        model.addAttribute("record", incident);
        model.addAttribute("statuses", UPDATE_STATUSES);
        return "console/incident";
    }

    private Incident find(String id) {
        if (!id.matches("[A-Za-z0-9-]{1,80}")) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "Malformed incident id");
        }
        return incidents.find(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No incident " + id));
    }
}
