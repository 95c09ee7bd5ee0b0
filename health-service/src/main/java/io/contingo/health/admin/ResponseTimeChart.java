package io.contingo.health.admin;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.contingo.health.probe.ResultBuckets;
import io.contingo.health.probe.ResultBuckets.Bucket;

/**
 * A monitor's response times over the last 24 hours as an inline SVG drawn on the server (no script): the average
 * of each five minutes as a line, broken where answers were missing for a while, and a red mark under each five minutes with
 * a failed check. Coordinates are in the SVG's own units ({@link #WIDTH} × {@link #HEIGHT}); the page scales it.
 *
 * @param lines       each unbroken run of averages, as an SVG {@code points} list
 * @param dots        the averages that stand alone (no neighbour to draw a line to)
 * @param yTicks      horizontal grid lines with their labels ({@code 250 ms})
 * @param xTicks      vertical grid lines with their times ({@code 06:00})
 * @param failures    the five minutes with a failed check
 * @param average     the average response time over the day, ms; with {@code fastest} and {@code slowest}, what the
 *                    page says in words for those who cannot see the chart
 */
record ResponseTimeChart(List<String> lines, List<Point> dots, List<Tick> yTicks, List<Tick> xTicks, List<Failure> failures,
        long average, long fastest, long slowest) {

    static final Duration SPAN = Duration.ofHours(24);
    static final int WIDTH = 720;
    static final int HEIGHT = 200;
    static final int LEFT = 56;
    static final int RIGHT = 712;
    static final int TOP = 12;
    static final int BOTTOM = 172;
    private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneOffset.UTC);

    record Point(double x, double y) {
    }

    /** A grid line at {@code at} (y for a latency, x for a time) and its label. */
    record Tick(double at, String label) {
    }

    record Failure(double x, double width) {
    }

    /**
     * The chart of these buckets (oldest first) ending at {@code now}, or null when none has a response time. The line
     * breaks where more than twice the monitor's {@code interval} (and at least two buckets) passed without an answer.
     */
    static ResponseTimeChart of(List<Bucket> buckets, Instant now, Duration interval) {
        Duration gap = (interval.compareTo(ResultBuckets.WIDTH) > 0 ? interval : ResultBuckets.WIDTH).multipliedBy(2);
        Instant from = now.minus(SPAN);
        List<Bucket> timed = buckets.stream().filter(b -> b.latencyCount() > 0 && !b.start().isBefore(ResultBuckets.bucketOf(from))).toList();
        if (timed.isEmpty()) {
            return null;
        }
        long highest = timed.stream().mapToLong(Bucket::latencyAverage).max().orElse(1);
        long top = niceCeiling(Math.max(1, highest));
        List<String> lines = new ArrayList<>();
        List<Point> dots = new ArrayList<>();
        List<Point> run = new ArrayList<>();
        Bucket previous = null;
        for (Bucket bucket : timed) {
            if (previous != null && Duration.between(previous.start(), bucket.start()).compareTo(gap) > 0) {
                close(run, lines, dots);
            }
            Instant middle = bucket.start().plus(ResultBuckets.WIDTH.dividedBy(2));
            run.add(new Point(x(middle.isAfter(now) ? now : middle, from, now), y(bucket.latencyAverage(), top)));
            previous = bucket;
        }
        close(run, lines, dots);

        List<Tick> yTicks = List.of(new Tick(y(0, top), "0 ms"), new Tick(y(top / 2.0, top), milliseconds(top / 2.0)),
                new Tick(y(top, top), milliseconds(top)));
        List<Tick> xTicks = new ArrayList<>();
        for (int hoursAgo = 24; hoursAgo >= 0; hoursAgo -= 6) {
            Instant at = now.minus(Duration.ofHours(hoursAgo));
            xTicks.add(new Tick(x(at, from, now), hoursAgo == 0 ? null : HOUR.format(at))); // null: "now", in the page's words
        }
        List<Failure> failures = new ArrayList<>();
        double bucketWidth = (RIGHT - LEFT) * (double) ResultBuckets.WIDTH.toMillis() / SPAN.toMillis();
        for (Bucket bucket : buckets) {
            if (bucket.down() > 0 && !bucket.start().isBefore(ResultBuckets.bucketOf(from))) {
                double x = Math.max(LEFT, x(bucket.start(), from, now));
                failures.add(new Failure(round(x), round(Math.max(2, Math.min(bucketWidth, RIGHT - x)))));
            }
        }
        long average = Math.round((double) timed.stream().mapToLong(Bucket::latencySum).sum() / timed.stream().mapToLong(Bucket::latencyCount).sum());
        long fastest = timed.stream().mapToLong(Bucket::latencyMin).min().orElse(0);
        long slowest = timed.stream().mapToLong(Bucket::latencyMax).max().orElse(0);
        return new ResponseTimeChart(lines, dots, yTicks, xTicks, failures, average, fastest, slowest);
    }

    private static void close(List<Point> run, List<String> lines, List<Point> dots) {
        if (run.size() == 1) {
            dots.add(run.getFirst());
        } else if (run.size() > 1) {
            lines.add(String.join(" ", run.stream().map(p -> p.x() + "," + p.y()).toList()));
        }
        run.clear();
    }

    private static double x(Instant at, Instant from, Instant now) {
        double share = (double) Duration.between(from, at).toMillis() / Duration.between(from, now).toMillis();
        return round(LEFT + Math.max(0, Math.min(1, share)) * (RIGHT - LEFT));
    }

    private static double y(double latency, long top) {
        return round(BOTTOM - latency / top * (BOTTOM - TOP));
    }

    private static double round(double value) {
        return Math.round(value * 10) / 10.0;
    }

    /** The smallest of 1, 2, 5, 10, 20, 50, ... ms that is at least {@code value}. */
    static long niceCeiling(long value) {
        long step = 1;
        while (true) {
            for (long factor : new long[] { 1, 2, 5 }) {
                if (step * factor >= value) {
                    return step * factor;
                }
            }
            step *= 10;
        }
    }

    private static String milliseconds(double value) {
        return (value == Math.rint(value) ? String.valueOf((long) value) : String.format(Locale.ROOT, "%.1f", value)) + " ms";
    }
}
