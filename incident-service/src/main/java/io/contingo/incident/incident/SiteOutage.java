package io.contingo.incident.incident;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * The claim a site's open incident holds: one document per site (its id is the site's), so that two
 * consumers seeing two components of one site fail at the same moment still open a single incident.
 */
@Document("site_outages")
record SiteOutage(@Id String siteId, String incidentId) {
}
