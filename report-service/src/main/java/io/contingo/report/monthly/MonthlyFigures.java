package io.contingo.report.monthly;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.contingo.events.IncidentSnapshot;

/**
 * Everything the monthly service report says, computed from the event log: the same figures go into the PDF, the
 * CSV and the JSON.
 *
 * @param asOf                  the figures' time: the end of the period, or the computation's time while the period goes on
 * @param maintenanceIsDowntime how planned maintenance was counted in the availability
 */
public record MonthlyFigures(Period period, String scope, Instant asOf, boolean maintenanceIsDowntime, Headline headline,
        List<ComponentFigures> components, List<IncidentLine> incidents, List<BackupFigures> backups, List<DrpLine> drpRuns,
        List<ActionLine> actions) {

    /**
     * The period's headline figures.
     *
     * @param downtimeSeconds    the components' outage time (major and partial), summed over the components
     * @param maintenanceSeconds the components' planned maintenance time, summed likewise
     * @param mttaSeconds        mean time from an incident's opening to its acknowledgement, over the period's incidents
     *                           that were acknowledged; null when none was
     * @param mttrSeconds        mean time from an incident's opening to its resolution, over those resolved; null when none was
     */
    public record Headline(Map<IncidentSnapshot.Severity, Integer> incidentsBySeverity, int incidents, long downtimeSeconds,
            long maintenanceSeconds, Long mttaSeconds, Long mttrSeconds, int componentsMet, int componentsMissed,
            int componentsWithoutData) {
    }
}
