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
        List<ActionLine> actions, Translations translations) {

    public MonthlyFigures {
        translations = translations == null ? Translations.NONE : translations;
    }

    public MonthlyFigures(Period period, String scope, Instant asOf, boolean maintenanceIsDowntime, Headline headline,
            List<ComponentFigures> components, List<IncidentLine> incidents, List<BackupFigures> backups, List<DrpLine> drpRuns,
            List<ActionLine> actions) {
        this(period, scope, asOf, maintenanceIsDowntime, headline, components, incidents, backups, drpRuns, actions, Translations.NONE);
    }

    /** The same figures, their names (components, sites, incidents) as a reader of {@code language} reads them. */
    public MonthlyFigures in(String language) {
        Translations t = translations;
        return new MonthlyFigures(period, scope, asOf, maintenanceIsDowntime, headline,
                components.stream().map(c -> new ComponentFigures(c.componentId(), t.of(c.name(), language), c.siteId(),
                        t.of(c.siteName(), language), c.slaTarget(), c.days(), c.majorSeconds(), c.partialSeconds(),
                        c.degradedSeconds(), c.maintenanceSeconds(), c.measuredSeconds(), c.percent(), c.verdict())).toList(),
                incidents.stream().map(i -> i.named(t.of(i.name(), language),
                        i.components().stream().map(c -> t.of(c, language)).toList())).toList(),
                backups.stream().map(b -> b.named(t.of(b.componentName(), language))).toList(),
                drpRuns,
                actions.stream().map(a -> new ActionLine(a.incidentId(), t.of(a.incidentName(), language), a.description(), a.owner(),
                        a.phase(), a.due(), a.overdue())).toList(),
                translations);
    }

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
