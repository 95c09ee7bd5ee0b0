package io.contingo.incident.console;

import java.net.URI;
import java.security.Principal;
import java.time.Clock;
import java.time.Instant;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

import io.contingo.events.IncidentSnapshot;
import io.contingo.incident.incident.Activity;
import io.contingo.incident.incident.Incident;
import io.contingo.incident.incident.IncidentFigures;
import io.contingo.incident.incident.Incidents;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.NotNull;

/**
 * {@code /api/incidents}: what agents do in the console, for scripts and other tools (HTTP Basic, roles
 * AGENT, MANAGER or ADMIN). Every change carries the {@code version} the client read: a stale one is
 * answered 409 and changes nothing. Bad input is answered 400 with the field and the problem
 * ({@link ApiErrors}).
 */
@RestController
@RequestMapping("/api/incidents")
@Tag(name = "Incidents", description = "Drive incidents: acknowledge, assign, update customers, note, classify, resolve")
class IncidentApiController {

    private final Incidents incidents;
    private final IncidentDesk desk;
    private final Clock clock;

    IncidentApiController(Incidents incidents, IncidentDesk desk, Clock clock) {
        this.incidents = incidents;
        this.desk = desk;
        this.clock = clock;
    }

    /** An incident as agents see it: the public snapshot plus what only they see. */
    record IncidentView(String id, long version, String name, String siteId, String siteName, IncidentSnapshot.Status status,
            IncidentSnapshot.Impact impact, IncidentSnapshot.Severity severity, Instant createdAt, Instant acknowledgedAt,
            String acknowledgedBy, Long timeToAcknowledgeSeconds, Instant resolvedAt, Long timeToResolveSeconds, String assignee,
            String declaredBy, int reopenCount, List<IncidentSnapshot.AffectedComponent> components,
            List<IncidentSnapshot.Update> updates, String rootCause, List<IncidentSnapshot.CorrectiveAction> correctiveActions,
            List<Activity> timeline) {

        static IncidentView of(Incident incident) {
            IncidentSnapshot s = incident.snapshot();
            IncidentFigures f = incident.figures();
            return new IncidentView(s.id(), incident.version() == null ? 0 : incident.version(), s.name(), s.siteId(), s.siteName(),
                    s.status(), s.impact(), s.severity(), s.createdAt(), s.acknowledgedAt(), f.acknowledgedBy(),
                    seconds(f.timeToAcknowledge()), s.resolvedAt(), seconds(f.timeToResolve()), f.assignee(),
                    f.declaredBy(), f.reopenCount(), s.components(), s.updates(), s.rootCause(), s.correctiveActions(),
                    f.activity());
        }

        private static Long seconds(Duration duration) {
            return duration == null ? null : duration.toSeconds();
        }
    }

    /** A change that needs nothing but the version the client read. */
    record VersionOnly(@NotNull(message = "Send the version you read") Long version) {
    }

    /** Ticks a corrective action off, or back. */
    record Done(@NotNull(message = "Say true or false") Boolean done, @NotNull(message = "Send the version you read") Long version) {
    }

    @GetMapping
    @Operation(summary = "List incidents, newest first", description = "state: open (default), resolved or all; optional severity and site")
    List<IncidentView> list(@RequestParam(defaultValue = "open") String state,
            @RequestParam(required = false) IncidentSnapshot.Severity severity, @RequestParam(required = false) String site) {
        if (!List.of("open", "resolved", "all").contains(state)) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "state must be open, resolved or all");
        }
        return desk.find(new ConsoleController.Filter(state, severity, site), 100).stream().map(IncidentView::of).toList();
    }

    @GetMapping("/{id}")
    @Operation(summary = "One incident, with its internal timeline and version")
    IncidentView get(@PathVariable String id) {
        return IncidentView.of(find(id));
    }

    @PostMapping
    @Operation(summary = "Declare an incident by hand", description = "For a problem no monitor sees; customers see it at once")
    ResponseEntity<IncidentView> declare(@Validated @RequestBody DeclareForm request, Principal user) {
        Incident incident = desk.declare(request, user.getName());
        return ResponseEntity.created(URI.create("/api/incidents/" + incident.id())).body(IncidentView.of(find(incident.id())));
    }

    @PostMapping("/{id}/acknowledge")
    @Operation(summary = "Acknowledge (the first acknowledgement counts for MTTA; repeats change nothing)")
    IncidentView acknowledge(@PathVariable String id, @Validated @RequestBody VersionOnly request, Principal user) {
        return change(id, request.version(), i -> i.acknowledge(user.getName(), clock.instant()));
    }

    @PutMapping("/{id}/assignee")
    @Operation(summary = "Assign to an agent (blank: nobody)", description = "assignee: the login of an account with the AGENT role")
    IncidentView assign(@PathVariable String id, @Validated @RequestBody AssignForm request, Principal user) {
        String assignee = desk.owner(request.assignee());
        return change(id, request.version(), i -> i.assign(user.getName(), assignee, clock.instant()));
    }

    @PutMapping("/{id}/classification")
    @Operation(summary = "Set severity and impact (the engine stops changing them)")
    IncidentView classify(@PathVariable String id, @Validated @RequestBody ClassifyForm request, Principal user) {
        return change(id, request.version(), i -> i.classify(user.getName(), request.severity(), request.impact(), clock.instant()));
    }

    @PostMapping("/{id}/updates")
    @Operation(summary = "Post a public update (investigating, identified or monitoring); subscribers are emailed")
    IncidentView postUpdate(@PathVariable String id, @Validated @RequestBody UpdateForm request, Principal user) {
        return change(id, request.version(), i -> {
            if (!i.isOpen()) {
                throw new ResponseStatusException(HttpStatus.CONFLICT, "Incident " + id + " is resolved: it takes no more updates");
            }
            if (!i.hasRoomForUpdate()) {
                throw new IncidentDesk.InvalidChoice("body", Incident.fullOfUpdates());
            }
            i.postUpdate(user.getName(), request.status(), request.body().strip(), clock.instant());
        });
    }

    /** How a service is affected, for {@code PUT /api/incidents/{id}/components/{componentId}}. */
    record ComponentChange(@NotNull(message = "Say how the service is affected") io.contingo.events.ComponentStatus status,
            @NotNull(message = "Send the version you read") Long version) {
    }

    @PutMapping("/{id}/components/{componentId}")
    @Operation(summary = "Add a service to the incident, or change how it is affected (major_outage, partial_outage, degraded_performance)")
    IncidentView setComponent(@PathVariable String id, @PathVariable String componentId, @Validated @RequestBody ComponentChange request,
            Principal user) {
        io.contingo.incident.catalog.Catalog.Placement placement = desk.placement(componentId);
        if (!ConsoleController.INCIDENT_COMPONENT_STATUSES.contains(request.status())) {
            throw new IncidentDesk.InvalidChoice("status", "A service in an incident is out or degraded, not " + request.status());
        }
        return change(id, request.version(), i -> i.setComponent(user.getName(), placement.component().id(), placement.component().name(),
                placement.component().names(), request.status(), clock.instant()));
    }

    @PostMapping("/{id}/components/{componentId}/remove")
    @Operation(summary = "Take out a service listed by mistake")
    IncidentView removeComponent(@PathVariable String id, @PathVariable String componentId, @Validated @RequestBody VersionOnly request,
            Principal user) {
        return change(id, request.version(), i -> {
            try {
                if (!i.removeComponent(user.getName(), componentId, clock.instant())) {
                    throw new ResponseStatusException(HttpStatus.NOT_FOUND, "The incident does not list " + componentId);
                }
            } catch (IllegalStateException lastOne) {
                throw new ResponseStatusException(HttpStatus.CONFLICT, lastOne.getMessage());
            }
        });
    }

    @PostMapping("/{id}/notes")
    @Operation(summary = "Add an internal note (never public)")
    IncidentView addNote(@PathVariable String id, @Validated @RequestBody NoteForm request, Principal user) {
        return change(id, request.version(), i -> i.addNote(user.getName(), request.note().strip(), clock.instant()));
    }

    @PutMapping("/{id}/root-cause")
    @Operation(summary = "Record the root cause (internal, for the technical report)")
    IncidentView rootCause(@PathVariable String id, @Validated @RequestBody RootCauseForm request, Principal user) {
        return change(id, request.version(), i -> i.recordRootCause(user.getName(), request.text().strip(), clock.instant()));
    }

    @PostMapping("/{id}/actions")
    @Operation(summary = "Add a corrective action")
    IncidentView addAction(@PathVariable String id, @Validated @RequestBody ActionForm request, Principal user) {
        return change(id, request.version(), i -> {
            if (!i.hasRoomForAction()) {
                throw new IncidentDesk.InvalidChoice("description", Incident.fullOfActions());
            }
            i.addCorrectiveAction(user.getName(), new IncidentSnapshot.CorrectiveAction(request.description().strip(),
                    blankToNull(request.owner()), request.due(), request.phase(), false), clock.instant());
        });
    }

    @PutMapping("/{id}/actions/{number}")
    @Operation(summary = "Edit corrective action number n (from 1)")
    IncidentView editAction(@PathVariable String id, @PathVariable int number, @Validated @RequestBody ActionForm request,
            Principal user) {
        return change(id, request.version(), i -> i.changeCorrectiveAction(user.getName(), index(i, number), new IncidentSnapshot.CorrectiveAction(
                request.description().strip(), blankToNull(request.owner()), request.due(), request.phase(),
                i.snapshot().correctiveActions().get(index(i, number)).done()), clock.instant()));
    }

    @PostMapping("/{id}/actions/{number}/done")
    @Operation(summary = "Tick corrective action number n off as done, or back")
    IncidentView markAction(@PathVariable String id, @PathVariable int number, @Validated @RequestBody Done request,
            Principal user) {
        return change(id, request.version(), i -> {
            IncidentSnapshot.CorrectiveAction a = i.snapshot().correctiveActions().get(index(i, number));
            i.changeCorrectiveAction(user.getName(), index(i, number), new IncidentSnapshot.CorrectiveAction(a.description(), a.owner(), a.due(), a.phase(),
                    request.done()), clock.instant());
        });
    }

    @PostMapping("/{id}/resolve")
    @Operation(summary = "Resolve by hand, with the last public update")
    IncidentView resolve(@PathVariable String id, @Validated @RequestBody ResolveForm request, Principal user) {
        return change(id, request.version(), i -> {
            if (!i.isOpen()) {
                throw new ResponseStatusException(HttpStatus.CONFLICT, "Incident " + id + " is already resolved");
            }
            i.resolveByHand(user.getName(), request.resolution().strip(), clock.instant());
        });
    }

    private IncidentView change(String id, long version, Consumer<Incident> change) {
        Incident incident = find(id);
        if (incident.version() == null || incident.version() != version) {
            throw stale(id);
        }
        change.accept(incident);
        try {
            incidents.saveAgentChange(incident, version);
        } catch (OptimisticLockingFailureException e) {
            throw stale(id);
        }
        return IncidentView.of(find(id));
    }

    private static ResponseStatusException stale(String id) {
        return new ResponseStatusException(HttpStatus.CONFLICT, "Incident " + id
                + " changed since you read it: read it again (GET /api/incidents/" + id + ") and send your change with its new version");
    }

    private static int index(Incident incident, int number) {
        if (number < 1 || number > incident.snapshot().correctiveActions().size()) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "No corrective action number " + number);
        }
        return number - 1;
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    private Incident find(String id) {
        if (!id.matches("[A-Za-z0-9-]{1,80}")) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "Malformed incident id");
        }
        return incidents.find(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No incident " + id));
    }
}
