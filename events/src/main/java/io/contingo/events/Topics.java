package io.contingo.events;

import java.util.List;

/** Topic names, owned by one producer each, keyed by the aggregate id. */
public final class Topics {

    /** health-service → incident-service, key componentId, {@link HealthEvent}. */
    public static final String HEALTH_EVENTS = "health-events";
    /** incident-service → notification-service, report-service, key incidentId, {@link IncidentEvent}. */
    public static final String INCIDENT_EVENTS = "incident-events";
    /**
     * incident-service → report-service (status history), and incident-service's own status page (read by every
     * instance, no consumer group), key componentId, {@link ComponentStatusChanged}.
     */
    public static final String COMPONENT_STATUS = "component-status";
    /** incident-service's DRP runs → its step executor, key the site pair's id, {@link DrpCommand}: runbook step orders. */
    public static final String DRP_COMMANDS = "drp-commands";
    /**
     * Key the site pair's id, {@link DrpEvent}: the step executor's outcomes (→ incident-service's DRP runs), and the
     * runs themselves and the serving site's changes (incident-service → notification-service, report-service).
     */
    public static final String DRP_EVENTS = "drp-events";
    /** report-service → notification-service, key reportId, {@link ReportPublished}: a stored report to announce. */
    public static final String REPORT_EVENTS = "report-events";
    /**
     * incident-service → notification-service's paging only, key incidentId, {@link AgentPaged}: a support agent to
     * page. Apart from the customers' topics, so that a page never reaches a customer.
     */
    public static final String PAGING_EVENTS = "paging-events";
    /**
     * incident-service → health-service, key siteId, {@link SiteDefined}: the sites and components that exist.
     * Compacted (the latest record of each site is kept), read from the beginning by every instance; no dead letters.
     */
    public static final String SITE_CATALOG = "site-catalog";

    /**
     * The topics of the platform, without their dead-letter topics, and without {@link #SITE_CATALOG}: its owner
     * creates it compacted, and nothing is parked from it.
     */
    public static final List<String> ALL = List.of(HEALTH_EVENTS, INCIDENT_EVENTS, COMPONENT_STATUS, DRP_COMMANDS, DRP_EVENTS,
            REPORT_EVENTS, PAGING_EVENTS);

    private Topics() {
    }

    /** Where a message of {@code topic} that failed after retries is parked, with the error in its headers. */
    public static String deadLetter(String topic) {
        return topic + ".dlq";
    }
}
