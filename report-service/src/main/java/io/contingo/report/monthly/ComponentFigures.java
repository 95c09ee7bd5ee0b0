package io.contingo.report.monthly;

import java.time.LocalDate;
import java.util.List;

/**
 * One component's availability over the period, against its SLA target.
 *
 * @param days             each day of the period
 * @param measuredSeconds  the time the figure covers: the whole days since the component was first watched, up to the end
 *                         of today (as the status page counts), within the period
 * @param percent          the availability, null when no time was measured
 * @param downtimeSeconds  major plus partial outage time (unweighted: the status page's "down" time)
 */
public record ComponentFigures(String componentId, String name, String siteId, String siteName, double slaTarget,
        List<Day> days, long majorSeconds, long partialSeconds, long degradedSeconds, long maintenanceSeconds,
        long measuredSeconds, Double percent, Verdict verdict) {

    /** How a figure compares with its target. */
    public enum Verdict { MET, MISSED, NO_DATA }

    /** One day: its length (23, 24 or 25 h), whether it was measured, and its seconds in each status that counts. */
    public record Day(LocalDate date, long lengthSeconds, boolean measured, long majorSeconds, long partialSeconds,
            long maintenanceSeconds) {

        public long downtimeSeconds() {
            return majorSeconds + partialSeconds;
        }
    }

    public long downtimeSeconds() {
        return majorSeconds + partialSeconds;
    }

    /** The availability as managers read it: three decimals, "n/a" without data. */
    public String percentText() {
        return percent == null ? "n/a" : String.format(java.util.Locale.ROOT, "%.3f", percent);
    }
}
