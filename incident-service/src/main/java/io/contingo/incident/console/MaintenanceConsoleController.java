package io.contingo.incident.console;

import java.security.Principal;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import io.contingo.incident.catalog.Catalog;
import io.contingo.incident.maintenance.Maintenance;
import io.contingo.incident.maintenance.MaintenanceSettings;
import io.contingo.incident.maintenance.Maintenances;

/** Agents plan and cancel maintenance windows; times are entered in the status page's time zone. */
@Controller
class MaintenanceConsoleController {

    private final Maintenances maintenances;
    private final Catalog catalog;
    private final Clock clock;
    private final LongWindows longWindows;

    MaintenanceConsoleController(Maintenances maintenances, Catalog catalog, Clock clock, MaintenanceSettings settings) {
        this.maintenances = maintenances;
        this.catalog = catalog;
        this.clock = clock;
        this.longWindows = new LongWindows(settings);
    }

    @GetMapping("/console/maintenance")
    String list(Model model, Principal user) {
        if (!model.containsAttribute("maintenanceForm")) {
            LocalDateTime start = LocalDateTime.ofInstant(clock.instant(), zone()).truncatedTo(ChronoUnit.HOURS).plusHours(1);
            model.addAttribute("maintenanceForm", new MaintenanceForm("", "", List.of(), start, start.plusHours(1)));
        }
        return page(model, user);
    }

    @PostMapping("/console/maintenance")
    String plan(@Validated @ModelAttribute("maintenanceForm") MaintenanceForm form, BindingResult errors, Model model,
            Principal user, RedirectAttributes redirect) {
        List<Maintenance.Covered> covered = new ArrayList<>();
        for (String componentId : form.componentIds() == null ? List.<String>of() : form.componentIds()) {
            catalog.component(componentId).ifPresentOrElse(p -> covered.add(new Maintenance.Covered(p.component().id(), p.component().name())),
                    () -> errors.rejectValue("componentIds", "unknown", "No service with id " + componentId));
        }
        if (form.ends() != null && form.ends().atZone(zone()).toInstant().isBefore(clock.instant())) {
            errors.rejectValue("ends", "past", "This time has passed");
        } else if (form.starts() != null && form.ends() != null && !errors.hasFieldErrors("ends")) {
            longWindows.refusal(form.starts().atZone(zone()).toInstant(), form.ends().atZone(zone()).toInstant(), user)
                    .ifPresent(refusal -> errors.rejectValue("ends", "tooLong", refusal));
        }
        if (errors.hasErrors()) {
            return page(model, user);
        }
        Maintenance planned = maintenances.plan(form.name().strip(), form.description().strip(), covered,
                form.starts().atZone(zone()).toInstant(), form.ends().atZone(zone()).toInstant(), user.getName());
        redirect.addFlashAttribute("notice", planned.isActive() ? "The maintenance has started." : "The maintenance is planned.");
        return "redirect:/console/maintenance";
    }

    @PostMapping("/console/maintenance/{id}/cancel")
    String cancel(@PathVariable String id, @RequestParam long version, Model model, Principal user, RedirectAttributes redirect) {
        try {
            maintenances.cancel(id, version);
        } catch (OptimisticLockingFailureException | IllegalStateException stale) {
            model.addAttribute("conflict", true);
            list(model, user);
            return "console/maintenance";
        } catch (IllegalArgumentException unknown) {
            throw new org.springframework.web.server.ResponseStatusException(org.springframework.http.HttpStatus.NOT_FOUND, unknown.getMessage());
        }
        redirect.addFlashAttribute("notice", "The maintenance is cancelled; its services follow their monitors again.");
        return "redirect:/console/maintenance";
    }

    private String page(Model model, Principal user) {
        model.addAttribute("user", user.getName());
        model.addAttribute("maintenances", maintenances.recent(50));
        model.addAttribute("timeZone", zone().getId());
        model.addAttribute("lengthHint", longWindows.hint(user));
        model.addAttribute("sites", catalog.sites());
        return "console/maintenance";
    }

    private ZoneId zone() {
        return catalog.page().timeZone();
    }
}
