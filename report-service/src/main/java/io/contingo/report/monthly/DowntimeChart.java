package io.contingo.report.monthly;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A component's downtime over the period as the PDF draws it: one bar a day (a week when the period is longer than
 * {@value #DAILY_UP_TO} days), major outage dark, partial outage grey, planned maintenance an outlined light box on
 * top, on a scale whose top is a round duration. Heights are in millimetres, ready for the print template's boxes.
 *
 * @param scaleSeconds the duration the top of the chart stands for
 */
public record DowntimeChart(ComponentFigures component, List<Bar> bars, long scaleSeconds) {

    /** The height of the drawing area. */
    public static final double HEIGHT_MM = 16;
    /** The longest period drawn a bar a day. */
    public static final int DAILY_UP_TO = 62;
    /** The smallest box drawn for a time that is not zero, so that a minute's outage is still seen. */
    private static final double MIN_MM = 0.35;
    private static final long[] SCALES = { 5 * 60, 15 * 60, 30 * 60, 3600, 2 * 3600, 4 * 3600, 6 * 3600, 12 * 3600, 24 * 3600 };

    /**
     * One bar.
     *
     * @param label    the day of the month (or the week's first day) under the bar, null when left out to keep the
     *                 labels apart
     * @param measured whether any of its time was measured: a bar never measured is drawn as "no data"
     */
    public record Bar(LocalDate from, String label, boolean measured, long majorSeconds, long partialSeconds,
            long maintenanceSeconds, String majorStyle, String partialStyle, String maintenanceStyle) {

        public boolean hasMajor() {
            return majorSeconds > 0;
        }

        public boolean hasPartial() {
            return partialSeconds > 0;
        }

        public boolean hasMaintenance() {
            return maintenanceSeconds > 0;
        }
    }

    /** The top of the scale, short enough for the axis: "30 min", "2 h", "48 h". */
    public String scaleLabel() {
        return scaleSeconds % 3600 == 0 ? scaleSeconds / 3600 + " h" : scaleSeconds / 60 + " min";
    }

    public static DowntimeChart of(ComponentFigures component) {
        List<ComponentFigures.Day> days = component.days();
        int size = days.size() <= DAILY_UP_TO ? 1 : 7;
        List<long[]> sums = new ArrayList<>(); // major, partial, maintenance, measured (0/1)
        for (int i = 0; i < days.size(); i += size) {
            long[] sum = new long[4];
            for (ComponentFigures.Day day : days.subList(i, Math.min(days.size(), i + size))) {
                sum[0] += day.majorSeconds();
                sum[1] += day.partialSeconds();
                sum[2] += day.maintenanceSeconds();
                sum[3] |= day.measured() ? 1 : 0;
            }
            sums.add(sum);
        }
        long highest = sums.stream().mapToLong(s -> s[0] + s[1] + s[2]).max().orElse(0);
        long scale = scaleFor(highest);
        int every = sums.size() <= 16 ? 1 : sums.size() <= 31 ? 5 : 10;
        List<Bar> bars = new ArrayList<>(sums.size());
        for (int b = 0; b < sums.size(); b++) {
            long[] s = sums.get(b);
            LocalDate from = days.get(b * size).date();
            String label = size == 1 ? (b == 0 || from.getDayOfMonth() % every == 0
                    || from.getDayOfMonth() == 1 ? String.valueOf(from.getDayOfMonth()) : null)
                    : b % 2 == 0 ? from.getDayOfMonth() + "/" + from.getMonthValue() : null;
            bars.add(new Bar(from, label, s[3] == 1, s[0], s[1], s[2], style(s[0], scale), style(s[1], scale), style(s[2], scale)));
        }
        return new DowntimeChart(component, bars, scale);
    }

    /** The round duration at or above the highest bar: 1 h when there is nothing to draw, whole days above a day. */
    static long scaleFor(long highest) {
        if (highest <= 0) {
            return 3600;
        }
        for (long scale : SCALES) {
            if (highest <= scale) {
                return scale;
            }
        }
        long day = 24 * 3600L;
        return (highest + day - 1) / day * day;
    }

    private static String style(long seconds, long scale) {
        if (seconds <= 0) {
            return null;
        }
        double mm = Math.max(MIN_MM, Math.min(HEIGHT_MM, HEIGHT_MM * seconds / scale));
        return String.format(Locale.ROOT, "height:%.2fmm", mm);
    }
}
