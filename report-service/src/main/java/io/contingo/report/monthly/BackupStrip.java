package io.contingo.report.monthly;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * A backup monitor's good backups as the PDF draws them: one cell a day (a week when the period is longer than
 * {@value DowntimeChart#DAILY_UP_TO} days) with the good backups counted, dark when fewer than the schedule expects.
 */
/** @param usualExpected how many good backups the schedule expects on a whole day */
public record BackupStrip(BackupFigures backups, List<Cell> cells, int usualExpected) {

    /**
     * @param label    the day of the month (or the week's first day, as day/month)
     * @param expected how many good backups the schedule expects in the measured part of it; 0 when nothing was measured
     */
    public record Cell(LocalDate from, String label, int good, int expected) {

        public boolean below() {
            return good < expected;
        }

        public boolean measured() {
            return expected > 0;
        }
    }

    public static BackupStrip of(BackupFigures backups) {
        List<BackupFigures.Day> days = backups.days();
        int size = days.size() <= DowntimeChart.DAILY_UP_TO ? 1 : 7;
        List<Cell> cells = new ArrayList<>();
        for (int i = 0; i < days.size(); i += size) {
            int good = 0;
            int expected = 0;
            for (BackupFigures.Day day : days.subList(i, Math.min(days.size(), i + size))) {
                good += day.goodTotal();
                expected += day.expected();
            }
            LocalDate from = days.get(i).date();
            cells.add(new Cell(from, size == 1 ? String.valueOf(from.getDayOfMonth()) : from.getDayOfMonth() + "/" + from.getMonthValue(),
                    good, expected));
        }
        return new BackupStrip(backups, cells, perDay(backups));
    }

    /**
     * How many good backups the schedule expects on a whole day of 24 h, whatever part of the period was measured (a
     * monitor first seen today has no whole day measured, yet its schedule says what a day should hold).
     */
    static int perDay(BackupFigures backups) {
        return backups.everySeconds().values().stream().filter(every -> every != null && every > 0)
                .mapToInt(every -> (int) (86_400 / every)).sum();
    }
}
