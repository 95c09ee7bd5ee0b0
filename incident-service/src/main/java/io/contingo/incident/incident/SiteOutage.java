package io.contingo.incident.incident;

import java.time.Instant;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * The claim a site's current incident holds: one document per site (its id is the site's), so that two
 * consumers seeing two components of one site fail at the same moment still open a single incident. Other
 * components of the site join it until {@code groupUntil}; after that a failure opens a new incident.
 */
@Document("site_outages")
record SiteOutage(@Id String siteId, String incidentId, Instant groupUntil) {

    boolean groups(Instant at) {
        return groupUntil == null || !at.isAfter(groupUntil);
    }
}
