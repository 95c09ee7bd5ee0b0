package io.contingo.report.monthly;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.contingo.events.ComponentStatus;
import io.contingo.report.component.ComponentWatch;
import io.contingo.report.component.StatusChangeRecord;
import io.contingo.report.component.StatusDay;

/**
 * A component's availability from its status history, counted as the status page counts it: a major outage is
 * downtime, a partial outage counts {@value #PARTIAL_WEIGHT} of its time, degraded performance counts nothing, over
 * the whole days since the component was first watched up to the end of today. Planned maintenance is shown apart;
 * by the operator's choice it is left out of the measured time, or counted as downtime.
 */
final class Availability {

    /** Share of a partial outage counted as downtime (a major outage counts whole), as on the status page. */
    static final double PARTIAL_WEIGHT = 0.3;

    /** What the computation is told about the component besides its history. */
    record Component(String id, String name, String siteId, String siteName, Instant watchedSince) {
    }

    private Availability() {
    }

    /**
     * @param history     the component's changes, ordered by sequence: the last one before the period (or else the first
     *                    one's {@code from}) gives the status the period starts in; those after the period are not read
     * @param now         the time of the computation: an ongoing status counts up to it, later time is not yet known
     *                    and counts as up (today is counted whole, as the status page counts it)
     */
    static ComponentFigures of(Component component, List<StatusChangeRecord> history, Period period, Instant now,
            double slaTarget, boolean maintenanceIsDowntime) {
        Instant watched = component.watchedSince() != null ? component.watchedSince()
                : history.isEmpty() ? null : history.getFirst().at();
        Counting counting = new Counting(period, watched, now);
        if (counting.measuring()) {
            // before its first change, a component was in that change's "from" status
            ComponentStatus status = history.isEmpty() ? ComponentStatus.OPERATIONAL : history.getFirst().from();
            Instant since = counting.measuredFrom;
            for (StatusChangeRecord change : history) {
                if (!change.at().isAfter(counting.measuredFrom)) {
                    status = change.to(); // the status the measured time starts in
                    continue;
                }
                if (!change.at().isBefore(counting.knownUntil)) {
                    break;
                }
                counting.add(status, since, change.at());
                status = change.to();
                since = change.at();
            }
            counting.add(status, since, counting.knownUntil);
        }
        return counting.figures(component, slaTarget, maintenanceIsDowntime);
    }

    /**
     * The same figures from the component's days ({@link StatusDay}: the time between its changes, already cut at each
     * midnight) and its two ends ({@link ComponentWatch}): its status before its first change and since its latest.
     * The days are whole, so the measured days are taken as they are; only the ends are cut at the measured time.
     *
     * @param watch null for a component without any change (operational since it was watched)
     */
    static ComponentFigures of(Component component, ComponentWatch watch, Map<LocalDate, StatusDay> days, Period period,
            Instant now, double slaTarget, boolean maintenanceIsDowntime) {
        Instant watched = component.watchedSince() != null ? component.watchedSince() : watch == null ? null : watch.firstAt();
        Counting counting = new Counting(period, watched, now);
        if (counting.measuring() && watch != null && watch.lastAt() != null) {
            for (int d = 0; d < counting.dates.size(); d++) {
                StatusDay day = days.get(counting.dates.get(d));
                if (day != null && !counting.starts[d].isBefore(counting.measuredFrom) && counting.starts[d].isBefore(counting.knownUntil)) {
                    counting.major[d] += day.majorSeconds();
                    counting.partial[d] += day.partialSeconds();
                    counting.degraded[d] += day.degradedSeconds();
                    counting.maintenance[d] += day.maintenanceSeconds();
                }
            }
            if (watch.firstAt().isAfter(counting.measuredFrom)) {
                counting.add(watch.firstStatus() == null ? ComponentStatus.OPERATIONAL : watch.firstStatus(), counting.measuredFrom,
                        min(watch.firstAt(), counting.knownUntil));
            }
            if (watch.lastAt().isBefore(counting.knownUntil)) {
                counting.add(watch.lastStatus(), max(watch.lastAt(), counting.measuredFrom), counting.knownUntil);
            }
        }
        return counting.figures(component, slaTarget, maintenanceIsDowntime);
    }

    /** The seconds of each status on each day of the period, and the measured time. */
    private static final class Counting {
        final List<LocalDate> dates;
        final Instant[] starts;
        final Instant measuredFrom;
        final Instant measuredTo;
        final Instant knownUntil;
        final long[] major;
        final long[] partial;
        final long[] degraded;
        final long[] maintenance;

        Counting(Period period, Instant watched, Instant now) {
            dates = period.days();
            int n = dates.size();
            starts = new Instant[n + 1];
            for (int d = 0; d <= n; d++) {
                starts[d] = period.from().plusDays(d).atStartOfDay(period.zone()).toInstant();
            }
            measuredFrom = watched == null ? null
                    : max(period.start(), watched.atZone(period.zone()).toLocalDate().atStartOfDay(period.zone()).toInstant());
            measuredTo = min(period.end(), now.atZone(period.zone()).toLocalDate().plusDays(1).atStartOfDay(period.zone()).toInstant());
            knownUntil = min(measuredTo, now);
            major = new long[n];
            partial = new long[n];
            degraded = new long[n];
            maintenance = new long[n];
        }

        boolean measuring() {
            return measuredFrom != null && measuredFrom.isBefore(measuredTo);
        }

        void add(ComponentStatus status, Instant from, Instant to) {
            Availability.add(status, from, to, starts, major, partial, degraded, maintenance);
        }

        ComponentFigures figures(Component component, double slaTarget, boolean maintenanceIsDowntime) {
            int n = dates.size();
            List<ComponentFigures.Day> days = new ArrayList<>(n);
            long measured = 0;
            long majorTotal = 0;
            long partialTotal = 0;
            long degradedTotal = 0;
            long maintenanceTotal = 0;
            for (int d = 0; d < n; d++) {
                long length = Duration.between(starts[d], starts[d + 1]).toSeconds();
                boolean isMeasured = measuredFrom != null && !starts[d].isBefore(measuredFrom) && !starts[d + 1].isAfter(measuredTo);
                days.add(new ComponentFigures.Day(dates.get(d), length, isMeasured, major[d], partial[d], maintenance[d]));
                if (isMeasured) {
                    measured += length;
                }
                majorTotal += major[d];
                partialTotal += partial[d];
                degradedTotal += degraded[d];
                maintenanceTotal += maintenance[d];
            }
            double down = majorTotal + PARTIAL_WEIGHT * partialTotal + (maintenanceIsDowntime ? maintenanceTotal : 0);
            long base = measured - (maintenanceIsDowntime ? 0 : maintenanceTotal);
            Double percent = base <= 0 ? null : Math.max(0, Math.min(100, 100 * (1 - down / base)));
            ComponentFigures.Verdict verdict = percent == null ? ComponentFigures.Verdict.NO_DATA
                    : percent >= slaTarget ? ComponentFigures.Verdict.MET : ComponentFigures.Verdict.MISSED;
            return new ComponentFigures(component.id(), component.name(), component.siteId(), component.siteName(), slaTarget, days,
                    majorTotal, partialTotal, degradedTotal, maintenanceTotal, measured, percent, verdict);
        }
    }

    /** Adds [from, to) in {@code status} to the days it falls on. */
    private static void add(ComponentStatus status, Instant from, Instant to, Instant[] starts, long[] major, long[] partial,
            long[] degraded, long[] maintenance) {
        long[] into = switch (status) {
            case MAJOR_OUTAGE -> major;
            case PARTIAL_OUTAGE -> partial;
            case DEGRADED_PERFORMANCE -> degraded;
            case UNDER_MAINTENANCE -> maintenance;
            case OPERATIONAL -> null;
        };
        if (into == null || !to.isAfter(from)) {
            return;
        }
        for (int d = 0; d < into.length; d++) {
            Instant a = max(from, starts[d]);
            Instant b = min(to, starts[d + 1]);
            if (b.isAfter(a)) {
                into[d] += Duration.between(a, b).toSeconds();
            }
        }
    }

    static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
