package io.contingo.report.component;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

import io.contingo.events.ComponentStatus;

/**
 * One component's seconds in each status that counts, over one local day of {@code contingo.reports.time-zone}
 * (midnight to midnight: 23, 24 or 25 h), summed over the time between its consecutive changes (in sequence order).
 * The time before the component's first change and after its latest are not in it: they are known from its
 * {@link ComponentWatch}. Each piece of time is whole seconds, cut at the day's midnights, as the monthly figures
 * count it.
 *
 * @param id      {@code componentId/yyyy-mm-dd}
 * @param day     the local day, written yyyy-mm-dd (so that days sort as text)
 * @param applied the sequence of the latest change whose following time was added: a redelivered change adds nothing
 */
@Document("component_status_days")
public record StatusDay(@Id String id, String componentId, String day, long majorSeconds, long partialSeconds,
        long degradedSeconds, long maintenanceSeconds, long applied) {

    /** The field that holds a status's seconds, or null for a status that is not counted (operational). */
    static String field(ComponentStatus status) {
        return switch (status) {
            case MAJOR_OUTAGE -> "majorSeconds";
            case PARTIAL_OUTAGE -> "partialSeconds";
            case DEGRADED_PERFORMANCE -> "degradedSeconds";
            case UNDER_MAINTENANCE -> "maintenanceSeconds";
            case OPERATIONAL -> null;
        };
    }
}
