package io.contingo.incident.console;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.springframework.stereotype.Component;

import io.contingo.incident.catalog.Catalog;
import io.contingo.incident.catalog.CatalogSettings;
import io.contingo.incident.incident.DeclaredComponent;
import io.contingo.incident.incident.Incident;
import io.contingo.incident.incident.Incidents;
import io.contingo.starter.accounts.Accounts;

/** What the console and the incident API both do beyond a single incident's change: list, declare, pick an owner. */
@Component
class IncidentDesk {

    /** A choice in a form or request that cannot be taken, with the field it belongs to. */
    static class InvalidChoice extends RuntimeException {
        final String field;

        InvalidChoice(String field, String message) {
            super(message);
            this.field = field;
        }
    }

    private final Incidents incidents;
    private final Catalog catalog;
    private final Accounts accounts;
    private final Clock clock;

    IncidentDesk(Incidents incidents, Catalog catalog, Accounts accounts, Clock clock) {
        this.incidents = incidents;
        this.catalog = catalog;
        this.accounts = accounts;
        this.clock = clock;
    }

    /** Who can own an incident: the accounts with the AGENT role, sorted. */
    List<String> agents() {
        return accounts.withRole("AGENT");
    }

    /** The owner an assignment names, or null for nobody; throws {@link InvalidChoice} for anyone but a known agent. */
    String owner(String assignee) {
        if (assignee == null || assignee.isBlank()) {
            return null;
        }
        String name = assignee.strip();
        List<String> agents = agents();
        if (!agents.contains(name)) {
            throw new InvalidChoice("assignee", "Pick one of the agents (" + String.join(", ", agents) + ") or nobody");
        }
        return name;
    }

    /** Incidents the filter accepts, open ones first, newest first within each, at most {@code limit}. */
    List<Incident> find(ConsoleController.Filter filter, int limit) {
        List<Incident> candidates = filter.state().equals("open") ? incidents.unresolved()
                : Stream.concat(incidents.unresolved().stream(), incidents.recent(limit).stream().filter(i -> !i.isOpen())).toList();
        return candidates.stream().filter(filter::accepts).limit(limit).toList();
    }

    /** A service of the catalog; throws {@link InvalidChoice} for an unknown one. */
    Catalog.Placement placement(String componentId) {
        return catalog.component(componentId).orElseThrow(() -> new InvalidChoice("componentId", "No service with id " + componentId));
    }

    /** Declares an incident by hand on the site of the chosen components; throws {@link InvalidChoice} for bad choices. */
    Incident declare(DeclareForm form, String agent) {
        List<Catalog.Placement> placements = new ArrayList<>();
        for (String componentId : form.componentIds()) {
            placements.add(catalog.component(componentId)
                    .orElseThrow(() -> new InvalidChoice("componentIds", "No service with id " + componentId)));
        }
        if (placements.stream().map(p -> p.site().id()).distinct().count() > 1) {
            throw new InvalidChoice("componentIds", "Choose services of one site: declare one incident per site");
        }
        CatalogSettings.Site site = placements.getFirst().site();
        Instant now = clock.instant();
        Incident incident = Incident.declare(Incidents.newId(site.id(), now), form.name().strip(), site.id(), site.name(),
                site.names(), site.components().size(),
                placements.stream().map(p -> new DeclaredComponent(p.component().id(), p.component().name(), form.componentStatus(),
                        p.component().names())).toList(),
                form.impact(), form.severity(), form.body().strip(), agent, now);
        incidents.declare(incident);
        return incident;
    }
}
