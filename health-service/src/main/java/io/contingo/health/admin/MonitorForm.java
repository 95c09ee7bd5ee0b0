package io.contingo.health.admin;

import java.math.BigDecimal;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.springframework.boot.convert.DurationStyle;

import io.contingo.health.monitor.HostMetric;
import io.contingo.health.monitor.MetricThreshold;
import io.contingo.health.monitor.MonitorDefinition;
import io.contingo.health.monitor.MonitorJson;
import io.contingo.health.monitor.MonitorType;
import io.contingo.health.monitor.WrittenMonitor;

/**
 * The monitor form, one for every type: everything as the admin typed it, so that a form sent back with its
 * mistakes shows exactly what was typed. Fields that two types share in the definition ({@code expect} for tcp
 * and dns, {@code grace} for push and backup, {@code url} for http and tcp) have one input per section, so a
 * hidden section never overwrites a shown one.
 *
 * @param headers    http: one {@code Name: value} per line
 * @param conditions http: one condition per line
 * @param schedule   backup: one {@code kind=duration} per line ({@code full=24h})
 * @param thresholds metrics: one metric per line, its name then {@code degraded=}, {@code down=} or both
 *                   ({@code disk degraded=80 down=95}), or {@code process absent=degraded} (or {@code down}). Lines
 *                   rather than a row of inputs per metric: they are the monitors file's words, a monitor rarely
 *                   watches more than a few of the ten metrics (a grid of thirty inputs, mostly empty, hides the few
 *                   that matter), leaving a metric out says plainly that it is not judged, and a set of thresholds
 *                   copies from one host's monitor to the next in one paste. The form lists the metrics, their units
 *                   and which way each goes bad beside the field, so no name has to be remembered.
 */
record MonitorForm(
        String id, String componentId, String siteId, String type,
        String interval, String timeout, String retries, String degradedLatency,
        String url, String method, String headers, String body, Boolean followRedirects, String expectedStatus, String conditions,
        String host, String port, String tcpUrl, String send, String tcpExpect,
        String queryName, String queryType, String server, String dnsExpect,
        String period, String pushGrace,
        String rpo, String backupGrace, String schedule,
        String metricsPeriod, String metricsGrace, String thresholds) {

    /** What separates the words of a thresholds line: spaces, or commas as in {@code disk: degraded=80, down=95}. */
    /** An escape in a one-line send or expect input: {@code \r}, {@code \n} or {@code \\}. */
    private static final Pattern ESCAPE = Pattern.compile("\\\\([\\\\rn])");
    private static final Pattern THRESHOLD_WORDS = Pattern.compile("[\\s,]+");
    private static final Set<String> THRESHOLD_NAMES = Set.of("degraded", "down", "absent");

    /** What a form says once read: the definition's fields as {@link MonitorJson} takes them, and what could not be read. */
    record Reading(Map<String, Object> fields, Map<String, List<String>> problems) {
    }

    /** A new monitor's form, with the defaults a definition takes. */
    static MonitorForm blank(MonitorType type) {
        return new MonitorForm("", "", "", lower(type), "10s", "3s", "0", "", "", "GET", "", "", false, "", "",
                "", "", "", "", "", "", "A", "", "", "", "", "", "", "", "", "", "");
    }

    /** The form showing a stored definition. */
    static MonitorForm of(MonitorDefinition definition) {
        WrittenMonitor m = WrittenMonitor.of(definition);
        MonitorType type = m.type();
        boolean tcp = type == MonitorType.TCP;
        boolean metrics = type == MonitorType.METRICS;
        return new MonitorForm(m.id(), m.componentId(), m.siteId(), lower(type),
                written(m.interval()), written(m.timeout()), String.valueOf(m.retries()), written(m.degradedLatency()),
                tcp || m.url() == null ? "" : m.url().toString(), m.method(),
                new TreeMap<>(m.headers()).entrySet().stream().map(h -> h.getKey() + ": " + h.getValue()).collect(Collectors.joining("\n")),
                text(m.body()), m.followRedirects(), m.expectedStatus() == 0 ? "" : String.valueOf(m.expectedStatus()),
                String.join("\n", m.conditions()),
                text(m.host()), m.port() == null ? "" : String.valueOf(m.port()), tcp && m.url() != null ? m.url().toString() : "",
                escaped(m.send()), tcp ? escaped(m.expect()) : "",
                text(m.queryName()), m.queryType(), text(m.server()), type == MonitorType.DNS ? text(m.expect()) : "",
                metrics ? "" : written(m.period()), type == MonitorType.PUSH ? written(m.grace()) : "",
                written(m.rpo()), type == MonitorType.BACKUP ? written(m.grace()) : "",
                new TreeMap<>(m.schedule()).entrySet().stream().map(s -> s.getKey() + "=" + written(s.getValue()))
                        .collect(Collectors.joining("\n")),
                metrics ? written(m.period()) : "", metrics ? written(m.grace()) : "", thresholdLines(m.thresholds()));
    }

    /** {@code disk degraded=80 down=95}, one line per metric, in the order of {@link HostMetric} (unknown names last). */
    private static String thresholdLines(Map<String, MetricThreshold> thresholds) {
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

    /**
     * The line (from 1, as the admin counts them) of {@link #thresholds} that gives this metric, or 0 when none
     * does: the rules name a threshold's problem by its metric ({@code thresholds.disk.degraded}), the admin
     * finds it by its line.
     */
    int thresholdsLineOf(String metric) {
        List<String> all = lines(thresholds);
        for (int i = 0; i < all.size(); i++) {
            if (metricOf(all.get(i)).equals(metric)) {
                return i + 1;
            }
        }
        return 0;
    }

    /** The metric a thresholds line names: its first word, without a colon after it ({@code disk:} as in the monitors file). */
    private static String metricOf(String line) {
        return THRESHOLD_WORDS.split(line, 2)[0].replaceAll(":$", "");
    }

    /** The type chosen, http when none or an unknown one is given (the type's own field reports the latter). */
    MonitorType chosenType() {
        return typeNamed(type);
    }

    /** The type of this name ({@code tcp}), http for none or an unknown one. */
    static MonitorType typeNamed(String name) {
        for (MonitorType t : MonitorType.values()) {
            if (lower(t).equals(name)) {
                return t;
            }
        }
        return MonitorType.HTTP;
    }

    /**
     * Reads the common fields and those of the chosen type's section; the other sections are ignored. Blank
     * fields are left out, so that they take the definition's defaults. Problems are keyed by this form's
     * fields.
     */
    Reading read(String fixedId) {
        Map<String, Object> fields = new LinkedHashMap<>();
        Map<String, List<String>> problems = new LinkedHashMap<>();
        Reader r = new Reader(fields, problems);
        r.text("id", "id", fixedId != null ? fixedId : id);
        r.text("componentId", "componentId", componentId);
        r.text("siteId", "siteId", siteId);
        if (type != null && !type.isBlank()) {
            fields.put("type", type.strip());
        }
        r.duration("interval", "interval", interval);
        r.duration("timeout", "timeout", timeout);
        r.number("retries", "retries", retries);
        MonitorType chosen = chosenType();
        if (chosen != MonitorType.PUSH && chosen != MonitorType.BACKUP && chosen != MonitorType.METRICS) {
            r.duration("degradedLatency", "degradedLatency", degradedLatency);
        }
        switch (chosen) {
            case HTTP -> {
                r.address("url", "url", url);
                r.text("method", "method", method == null ? null : method.strip().toUpperCase(Locale.ROOT));
                r.headers(headers);
                if (body != null && !body.isEmpty()) {
                    fields.put("body", body);
                }
                if (Boolean.TRUE.equals(followRedirects)) {
                    fields.put("followRedirects", true);
                }
                r.number("expectedStatus", "expectedStatus", expectedStatus);
                List<String> lines = lines(conditions);
                if (!lines.isEmpty()) {
                    fields.put("conditions", lines);
                }
            }
            case TCP -> {
                r.text("host", "host", host);
                r.number("port", "port", port);
                r.address("url", "tcpUrl", tcpUrl);
                r.raw("send", send);
                r.raw("expect", tcpExpect);
            }
            case DNS -> {
                r.text("queryName", "queryName", queryName);
                r.text("queryType", "queryType", queryType == null ? null : queryType.strip().toUpperCase(Locale.ROOT));
                r.text("server", "server", server);
                r.text("expect", "dnsExpect", dnsExpect);
            }
            case PUSH -> {
                r.duration("period", "period", period);
                r.duration("grace", "pushGrace", pushGrace);
            }
            case BACKUP -> {
                r.duration("rpo", "rpo", rpo);
                r.duration("grace", "backupGrace", backupGrace);
                r.schedule(schedule);
            }
            case METRICS -> {
                r.duration("period", "metricsPeriod", metricsPeriod);
                r.duration("grace", "metricsGrace", metricsGrace);
                r.thresholds(thresholds);
            }
            default -> {
            }
        }
        return new Reading(fields, problems);
    }

    /**
     * The form field a problem of the definition's field belongs to ({@code conditions[2]} → {@code conditions},
     * {@code expect} of a dns monitor → {@code dnsExpect}); null for a field this form does not show.
     */
    String formFieldOf(String definitionField) {
        String field = definitionField.replaceAll("[\\[.].*$", "");
        MonitorType chosen = chosenType();
        return switch (field) {
            case "id", "componentId", "siteId", "type", "interval", "timeout", "retries", "degradedLatency", "method",
                    "headers", "body", "followRedirects", "expectedStatus", "conditions", "host", "port", "send",
                    "queryName", "queryType", "server", "rpo", "schedule", "thresholds" -> field;
            case "period" -> chosen == MonitorType.METRICS ? "metricsPeriod" : "period";
            case "url" -> chosen == MonitorType.TCP ? "tcpUrl" : "url";
            case "expect" -> chosen == MonitorType.DNS ? "dnsExpect" : "tcpExpect";
            case "grace" -> chosen == MonitorType.BACKUP ? "backupGrace" : chosen == MonitorType.METRICS ? "metricsGrace" : "pushGrace";
            default -> null;
        };
    }

    private static List<String> lines(String text) {
        if (text == null) {
            return List.of();
        }
        return text.lines().map(String::strip).filter(line -> !line.isEmpty()).toList();
    }

    private static String lower(MonitorType type) {
        return type.name().toLowerCase(Locale.ROOT);
    }

    private static String written(Duration duration) {
        return duration == null ? "" : MonitorJson.written(duration);
    }

    private static String text(String value) {
        return value == null ? "" : value;
    }

    /**
     * Line breaks as {@code \r} and {@code \n}, which a one-line input can show and {@link Reader#raw} reads back;
     * a backslash as {@code \\}, so that one followed by an {@code n} comes back as it was.
     */
    private static String escaped(String value) {
        return value == null ? "" : value.replace("\\", "\\\\").replace("\r", "\\r").replace("\n", "\\n");
    }

    /** Puts what can be read into the fields, and says what cannot on the form field. */
    private record Reader(Map<String, Object> fields, Map<String, List<String>> problems) {

        void problem(String formField, String message) {
            problems.computeIfAbsent(formField, f -> new ArrayList<>()).add(message);
        }

        void text(String field, String formField, String value) {
            if (value != null && !value.isBlank()) {
                fields.put(field, value.strip());
            }
        }

        /** Kept as typed, blanks included: what a tcp check sends or expects may be a space. */
        void raw(String field, String value) {
            if (value != null && !value.isEmpty()) {
                fields.put(field, ESCAPE.matcher(value).replaceAll(m -> switch (m.group(1)) {
                    case "r" -> "\r";
                    case "n" -> "\n";
                    default -> "\\\\"; // a replacement string: this is one backslash
                }));
            }
        }

        void duration(String field, String formField, String value) {
            if (value == null || value.isBlank()) {
                return;
            }
            try {
                DurationStyle.detectAndParse(value.strip());
                fields.put(field, value.strip());
            } catch (IllegalArgumentException e) {
                problem(formField, "'" + value.strip() + "' is not a duration: write it like 10s, 500ms, 2m or 1h");
            }
        }

        void number(String field, String formField, String value) {
            if (value == null || value.isBlank()) {
                return;
            }
            try {
                fields.put(field, Integer.parseInt(value.strip()));
            } catch (NumberFormatException e) {
                problem(formField, "'" + value.strip() + "' is not a whole number");
            }
        }

        void address(String field, String formField, String value) {
            if (value == null || value.isBlank()) {
                return;
            }
            try {
                new URI(value.strip());
                fields.put(field, value.strip());
            } catch (URISyntaxException e) {
                problem(formField, "'" + value.strip() + "' is not an address: " + e.getReason().toLowerCase(Locale.ROOT)
                        + " at character " + (e.getIndex() + 1));
            }
        }

        void headers(String text) {
            Map<String, String> headers = new LinkedHashMap<>();
            List<String> all = MonitorForm.lines(text);
            for (int i = 0; i < all.size(); i++) {
                String line = all.get(i);
                int colon = line.indexOf(':');
                if (colon <= 0) {
                    problem("headers", "line " + (i + 1) + ", '" + line + "', is not 'Name: value'");
                } else {
                    headers.put(line.substring(0, colon).strip(), line.substring(colon + 1).strip());
                }
            }
            if (!headers.isEmpty()) {
                fields.put("headers", headers);
            }
        }

        void schedule(String text) {
            Map<String, String> schedule = new LinkedHashMap<>();
            List<String> all = MonitorForm.lines(text);
            for (int i = 0; i < all.size(); i++) {
                String line = all.get(i);
                int equals = line.indexOf('=');
                if (equals <= 0) {
                    problem("schedule", "line " + (i + 1) + ", '" + line + "', is not 'kind=duration' (such as full=24h)");
                    continue;
                }
                String kind = line.substring(0, equals).strip();
                String every = line.substring(equals + 1).strip();
                try {
                    DurationStyle.detectAndParse(every);
                    schedule.put(kind, every);
                } catch (IllegalArgumentException e) {
                    problem("schedule", "line " + (i + 1) + ": '" + every + "' is not a duration: write it like 24h or 30m");
                }
            }
            if (!schedule.isEmpty()) {
                fields.put("schedule", schedule);
            }
        }

        /**
         * {@code disk degraded=80 down=95}, {@code process absent=degraded}: each line's metric with its limits.
         * Whether the metric exists and the limits suit it is for the rules to say; here only what cannot be read.
         * A line that cannot be read is left out, so that the rules still judge the others.
         */
        void thresholds(String text) {
            Map<String, Map<String, Object>> thresholds = new LinkedHashMap<>();
            List<String> all = MonitorForm.lines(text);
            for (int i = 0; i < all.size(); i++) {
                String line = all.get(i);
                String[] words = THRESHOLD_WORDS.split(line);
                String metric = metricOf(line);
                String at = "line " + (i + 1) + ", " + metric + ": ";
                if (words.length < 2 || metric.contains("=")) {
                    problem("thresholds", "line " + (i + 1) + ", '" + line
                            + "', is not 'metric degraded=N down=N' (such as disk degraded=80 down=95, or process absent=down)");
                    continue;
                }
                if (thresholds.containsKey(metric)) {
                    problem("thresholds", at + "the metric is given twice: write its limits on one line");
                    continue;
                }
                Map<String, Object> limits = new LinkedHashMap<>();
                boolean readable = true;
                for (int w = 1; w < words.length; w++) {
                    readable &= limit(words[w], at, limits);
                }
                if (readable) {
                    thresholds.put(metric, limits);
                }
            }
            if (!thresholds.isEmpty()) {
                fields.put("thresholds", thresholds);
            }
        }

        /** Reads one {@code name=value} of a thresholds line into the limits; false when it cannot. */
        private boolean limit(String word, String at, Map<String, Object> limits) {
            int equals = word.indexOf('=');
            String name = equals < 0 ? word : word.substring(0, equals);
            String value = equals < 0 ? "" : word.substring(equals + 1);
            if (!THRESHOLD_NAMES.contains(name) || value.isEmpty()) {
                problem("thresholds", at + "'" + word + "' is not degraded=N, down=N or absent=degraded|down");
                return false;
            }
            if (name.equals("absent")) {
                if (!value.equals("degraded") && !value.equals("down")) {
                    problem("thresholds", at + "absent must be degraded or down, not '" + value + "'");
                    return false;
                }
                limits.put(name, value);
                return true;
            }
            try {
                limits.put(name, new BigDecimal(value).doubleValue());
                return true;
            } catch (NumberFormatException e) {
                problem("thresholds", at + name + " '" + value + "' is not a number");
                return false;
            }
        }
    }
}
