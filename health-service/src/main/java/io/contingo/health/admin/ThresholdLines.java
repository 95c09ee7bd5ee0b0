package io.contingo.health.admin;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import io.contingo.health.monitor.HostMetric;
import io.contingo.health.monitor.MetricThreshold;

/**
 * A metrics monitor's thresholds as the form writes them, one metric a line: {@code disk degraded=80 down=95},
 * {@code process absent=degraded}.
 */
final class ThresholdLines {

    /** What separates the words of a line: spaces, or commas as in {@code disk: degraded=80, down=95}. */
    private static final Pattern WORDS = Pattern.compile("[\\s,]+");
    private static final Set<String> LIMITS = Set.of("degraded", "down", "absent");

    private ThresholdLines() {
    }

    /** One line per metric, in the order of {@link HostMetric} (unknown names last). */
    static String of(Map<String, MetricThreshold> thresholds) {
        List<String> names = new ArrayList<>(HostMetric.keys().stream().filter(thresholds::containsKey).toList());
        thresholds.keySet().stream().filter(name -> !names.contains(name)).forEach(names::add);
        return names.stream().map(name -> {
            MetricThreshold t = thresholds.get(name);
            StringBuilder line = new StringBuilder(name);
            if (t != null && t.degraded() != null) {
                line.append(" degraded=").append(HostMetric.number(t.degraded()));
            }
            if (t != null && t.down() != null) {
                line.append(" down=").append(HostMetric.number(t.down()));
            }
            if (t != null && t.absent() != null) {
                line.append(" absent=").append(t.absent().name().toLowerCase(Locale.ROOT));
            }
            return line.toString();
        }).collect(Collectors.joining("\n"));
    }

    /** The line (from 1, as the admin counts them) that gives this metric, or 0 when none does. */
    static int lineOf(String text, String metric) {
        List<String> all = MonitorForm.lines(text);
        for (int i = 0; i < all.size(); i++) {
            if (metricOf(all.get(i)).equals(metric)) {
                return i + 1;
            }
        }
        return 0;
    }

    /** The metric a line names: its first word, without a colon after it ({@code disk:} as in the monitors file). */
    private static String metricOf(String line) {
        return WORDS.split(line, 2)[0].replaceAll(":$", "");
    }

    /**
     * Each line's metric with its limits, as the definition's JSON writes them. Whether the metric exists and the
     * limits suit it is for the rules to say; here only what cannot be read, each told to {@code problem}. A line
     * that cannot be read is left out, so that the rules still judge the others.
     */
    static Map<String, Map<String, Object>> read(String text, Consumer<String> problem) {
        Map<String, Map<String, Object>> thresholds = new LinkedHashMap<>();
        List<String> all = MonitorForm.lines(text);
        for (int i = 0; i < all.size(); i++) {
            String line = all.get(i);
            String[] words = WORDS.split(line);
            String metric = metricOf(line);
            String at = "line " + (i + 1) + ", " + metric + ": ";
            if (words.length < 2 || metric.contains("=")) {
                problem.accept("line " + (i + 1) + ", '" + line
                        + "', is not 'metric degraded=N down=N' (such as disk degraded=80 down=95, or process absent=down)");
                continue;
            }
            if (thresholds.containsKey(metric)) {
                problem.accept(at + "the metric is given twice: write its limits on one line");
                continue;
            }
            Map<String, Object> limits = new LinkedHashMap<>();
            boolean readable = true;
            for (int w = 1; w < words.length; w++) {
                readable &= limit(words[w], at, limits, problem);
            }
            if (readable) {
                thresholds.put(metric, limits);
            }
        }
        return thresholds;
    }

    /** Reads one {@code name=value} of a line into the limits; false when it cannot. */
    private static boolean limit(String word, String at, Map<String, Object> limits, Consumer<String> problem) {
        int equals = word.indexOf('=');
        String name = equals < 0 ? word : word.substring(0, equals);
        String value = equals < 0 ? "" : word.substring(equals + 1);
        if (!LIMITS.contains(name) || value.isEmpty()) {
            problem.accept(at + "'" + word + "' is not degraded=N, down=N or absent=degraded|down");
            return false;
        }
        if (name.equals("absent")) {
            if (!value.equals("degraded") && !value.equals("down")) {
                problem.accept(at + "absent must be degraded or down, not '" + value + "'");
                return false;
            }
            limits.put(name, value);
            return true;
        }
        try {
            limits.put(name, new BigDecimal(value).doubleValue());
            return true;
        } catch (NumberFormatException e) {
            problem.accept(at + name + " '" + value + "' is not a number");
            return false;
        }
    }
}
