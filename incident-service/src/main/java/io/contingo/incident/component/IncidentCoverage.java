package io.contingo.incident.component;

import java.time.Instant;
import java.util.Optional;

import io.contingo.incident.catalog.Catalog;
import io.contingo.incident.catalog.Catalog.Placement;
import io.contingo.incident.incident.Incidents;

/**
 * Which incident covers which component: a component out (partial or major outage) is covered by its site's
 * incident, opened or joined as it goes out or gets worse; a component no longer out leaves it.
 */
final class IncidentCoverage {

    private final Catalog catalog;
    private final Incidents incidents;

    IncidentCoverage(Catalog catalog, Incidents incidents) {
        this.catalog = catalog;
        this.incidents = incidents;
    }

    /**
     * Opens, joins or leaves the site's incident as the new status demands, and queues the status event.
     * Answers whether it did incident work, which must be stored before the state.
     */
    boolean settle(ComponentState state, Placement placement, Optional<ComponentState.Change> change, Instant at) {
        boolean incidentWork = false;
        if (state.isOut() && (state.incidentId() == null || change.isPresent())) { // out, or worse while out
            state.coveredBy(incidents.componentOut(placement, catalog.components().countOnSite(placement.site().id()),
                    state.status(), at));
            incidentWork = true;
        }
        String coveringIncident = state.incidentId();
        if (!state.isOut() && coveringIncident != null) {
            incidents.componentRecovered(coveringIncident, state.componentId(), at);
            state.coveredBy(null);
            incidentWork = true;
        }
        change.ifPresent(c -> state.announce(c, coveringIncident));
        return incidentWork;
    }
}
