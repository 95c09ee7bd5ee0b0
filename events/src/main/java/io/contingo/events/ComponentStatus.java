package io.contingo.events;

/** The public status of a component, in Statuspage's vocabulary (lower-case names on the public API). */
public enum ComponentStatus {
    OPERATIONAL, DEGRADED_PERFORMANCE, PARTIAL_OUTAGE, MAJOR_OUTAGE, UNDER_MAINTENANCE;

    /** Statuspage's spelling: {@code major_outage}. */
    public String apiName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
