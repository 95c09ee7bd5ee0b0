package io.contingo.report.monthly;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.contingo.report.backup.BackupMonitorRecord;
import io.contingo.report.backup.GoodBackup;

/**
 * One backup monitor over the period: the good backups of each day against its schedule, and the RPO exposure (the
 * age of the newest good backup, the data a switch to the standby would lose) at its worst, against the target.
 *
 * @param worstExposureSeconds the highest exposure reached in the measured time, null when nothing was measured
 * @param worstAt              when it was reached (just before the backup that ended it, or the end of the measured time)
 * @param breaches             how many times the exposure went past the target
 * @param breachSeconds        how long, in all, it stayed past the target
 */
public record BackupFigures(String monitorId, String componentId, String componentName, String siteId, long rpoTargetSeconds,
        Map<String, Long> everySeconds, List<Day> days, Long worstExposureSeconds, Instant worstAt, int breaches,
        long breachSeconds) {

    /** The same figures with the component named in another language. */
    BackupFigures named(String newComponentName) {
        return new BackupFigures(monitorId, componentId, newComponentName, siteId, rpoTargetSeconds, everySeconds, days,
                worstExposureSeconds, worstAt, breaches, breachSeconds);
    }

    /** Whether the monitor has a schedule (a kind of backup expected every so often); without one nothing is expected. */
    public boolean scheduled() {
        return everySeconds.values().stream().anyMatch(every -> every != null && every > 0);
    }

    /** One day: the good backups of each kind, and how many the schedule expects in the part of it that was measured. */
    public record Day(LocalDate date, Map<String, Integer> good, int expected) {

        public int goodTotal() {
            return good.values().stream().mapToInt(Integer::intValue).sum();
        }

        /** Fewer good backups than the schedule expects. */
        public boolean belowSchedule() {
            return goodTotal() < expected;
        }
    }

    public boolean breached() {
        return breaches > 0;
    }

    /**
     * @param backups the monitor's good backups, oldest first, beginning with the last one before the period if any
     * @param now     the time of the computation: the measured time ends at it, or at the period's end
     */
    static BackupFigures of(BackupMonitorRecord monitor, String componentName, List<GoodBackup> backups, Period period, Instant now) {
        Instant from = monitor.firstSeenAt() == null ? period.start() : Availability.max(period.start(), monitor.firstSeenAt());
        Instant to = Availability.min(period.end(), now);
        long target = monitor.rpoTargetSeconds();
        List<Day> days = days(monitor, backups, period, from, to);
        if (!from.isBefore(to)) {
            return new BackupFigures(monitor.monitorId(), monitor.componentId(), componentName, monitor.siteId(), target,
                    monitor.everySeconds(), days, null, null, 0, 0);
        }
        // the exposure climbs from each backup and drops at the next: its peaks are just before each backup, and at the end
        List<Instant> instants = backups.stream().map(GoodBackup::at).distinct().sorted().toList();
        Instant previous = null;
        long worst = -1;
        Instant worstAt = null;
        int breaches = 0;
        long breachSeconds = 0;
        List<Instant> peaks = new ArrayList<>(instants.stream().filter(at -> at.isAfter(from) && at.isBefore(to)).toList());
        peaks.add(to);
        int next = 0;
        for (Instant peak : peaks) {
            while (next < instants.size() && instants.get(next).isBefore(peak)) {
                previous = instants.get(next++);
            }
            // with no backup before it, the exposure is counted from the start of the measured time
            Instant since = previous == null ? from : previous;
            long exposure = Duration.between(since, peak).toSeconds();
            if (exposure > worst) {
                worst = exposure;
                worstAt = peak;
            }
            Instant pastTarget = since.plusSeconds(target);
            if (peak.isAfter(pastTarget)) {
                breaches++;
                breachSeconds += Duration.between(Availability.max(pastTarget, from), peak).toSeconds();
            }
        }
        return new BackupFigures(monitor.monitorId(), monitor.componentId(), componentName, monitor.siteId(), target,
                monitor.everySeconds(), days, worst, worstAt, breaches, breachSeconds);
    }

    private static List<Day> days(BackupMonitorRecord monitor, List<GoodBackup> backups, Period period, Instant from, Instant to) {
        List<Day> days = new ArrayList<>();
        for (LocalDate date : period.days()) {
            Instant start = date.atStartOfDay(period.zone()).toInstant();
            Instant end = date.plusDays(1).atStartOfDay(period.zone()).toInstant();
            Map<String, Integer> good = new TreeMap<>();
            monitor.everySeconds().keySet().forEach(kind -> good.put(kind, 0));
            for (GoodBackup backup : backups) {
                if (!backup.at().isBefore(start) && backup.at().isBefore(end)) {
                    good.merge(backup.kind(), 1, Integer::sum);
                }
            }
            long measured = Math.max(0, Duration.between(Availability.max(start, from), Availability.min(end, to)).toSeconds());
            int expected = monitor.everySeconds().values().stream().filter(s -> s > 0).mapToInt(s -> (int) (measured / s)).sum();
            days.add(new Day(date, good, expected));
        }
        return days;
    }
}
