package io.contingo.incident.incident;

import java.time.Instant;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * The claim a site's current incident holds: one document per site (its id is the site's), so that two
 * consumers seeing two components of one site fail at the same moment still open a single incident. Other
 * components of the site join it until {@code groupUntil}; after that a failure opens a new incident.
 * {@code reopens} is the resolution time of the incident the claim reopens, null for a new incident.
 */
@Document("site_outages")
record SiteOutage(@Id String siteId, String incidentId, Instant groupUntil, Instant reopens) {

    boolean groups(Instant at) {
        return groupUntil == null || !at.isAfter(groupUntil);
    }

    /**
     * Whether this claim was made to reopen {@code incident} from the resolution it still shows: the consumer
     * that made it has not saved the reopening yet, or stopped before it could.
     */
    boolean reopens(Incident incident) {
        return reopens != null && !incident.isOpen() && reopens.equals(incident.resolvedAt());
    }
}
