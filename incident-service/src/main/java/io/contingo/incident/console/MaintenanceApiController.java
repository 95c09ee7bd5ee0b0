package io.contingo.incident.console;

import java.net.URI;
import java.security.Principal;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

import io.contingo.incident.maintenance.Maintenance;
import io.contingo.incident.maintenance.MaintenanceSettings;
import io.contingo.incident.maintenance.Maintenances;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** {@code /api/maintenances}: plan and cancel maintenance windows, as agents do in the console. */
@RestController
@RequestMapping("/api/maintenances")
@Tag(name = "Maintenance", description = "Planned windows during which services show under maintenance and page no one")
class MaintenanceApiController {

    private final Maintenances maintenances;
    private final IncidentDesk desk;
    private final Clock clock;
    private final LongWindows longWindows;

    MaintenanceApiController(Maintenances maintenances, IncidentDesk desk, Clock clock, MaintenanceSettings settings) {
        this.maintenances = maintenances;
        this.desk = desk;
        this.clock = clock;
        this.longWindows = new LongWindows(settings);
    }

    /** A window to plan; times are instants with an offset, e.g. 2026-11-27T02:00:00+01:00. */
    record Plan(
            @NotBlank(message = "Name the maintenance as customers will read it") @Size(max = 200, message = "Keep it under 200 characters") String name,
            @NotBlank(message = "Tell customers what will happen") @Size(max = 2000, message = "Keep it under 2000 characters") String description,
            @NotEmpty(message = "Choose at least one service") List<String> componentIds,
            @NotNull(message = "Give the start") Instant starts,
            @NotNull(message = "Give the end") Instant ends) {

        Plan {
            name = AgentText.clean(name);
            description = AgentText.clean(description);
        }

        @AssertTrue(message = "The window must end after it starts")
        public boolean isInOrder() {
            return starts == null || ends == null || ends.isAfter(starts);
        }
    }

    /** A window as the API shows it. */
    record MaintenanceView(String id, long version, String name, Maintenance.Status status, Instant scheduledFor,
            Instant scheduledUntil, List<Maintenance.Covered> components, String plannedBy, List<Maintenance.Update> updates) {

        static MaintenanceView of(Maintenance m) {
            return new MaintenanceView(m.id(), m.version() == null ? 0 : m.version(), m.name(), m.status(), m.scheduledFor(),
                    m.scheduledUntil(), m.components(), m.plannedBy(), m.updates());
        }
    }

    @GetMapping
    @Operation(summary = "The 50 most recent windows, newest first")
    List<MaintenanceView> list() {
        return maintenances.recent(50).stream().map(MaintenanceView::of).toList();
    }

    @PostMapping
    @Operation(summary = "Plan a window; one that starts now or earlier starts at once. An agent plans up to contingo.maintenance.agent-max"
            + " (4 h unless set); a longer window needs a manager (403)")
    ResponseEntity<MaintenanceView> plan(@Validated @RequestBody Plan plan, Principal user) {
        if (!plan.ends().isAfter(clock.instant())) {
            throw new IncidentDesk.InvalidChoice("ends", "This time has passed");
        }
        longWindows.refusal(plan.starts(), plan.ends(), user).ifPresent(refusal -> {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN, refusal);
        });
        List<Maintenance.Covered> covered = plan.componentIds().stream().map(desk::placement)
                .map(p -> new Maintenance.Covered(p.component().id(), p.component().name())).toList();
        Maintenance planned = maintenances.plan(plan.name().strip(), plan.description().strip(), covered, plan.starts(), plan.ends(),
                user.getName());
        return ResponseEntity.created(URI.create("/api/maintenances/" + planned.id())).body(MaintenanceView.of(maintenances.find(planned.id()).orElse(planned)));
    }

    @PostMapping("/{id}/cancel")
    @Operation(summary = "Cancel a planned window, or end one in progress now")
    MaintenanceView cancel(@PathVariable String id, @Validated @RequestBody IncidentApiController.VersionOnly request) {
        try {
            maintenances.cancel(id, request.version());
        } catch (IllegalArgumentException unknown) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, unknown.getMessage());
        } catch (OptimisticLockingFailureException | IllegalStateException stale) {
            throw new ResponseStatusException(HttpStatus.CONFLICT, "Maintenance " + id + " changed since you read it, or has ended: "
                    + stale.getMessage());
        }
        return MaintenanceView.of(maintenances.find(id).orElseThrow());
    }
}
