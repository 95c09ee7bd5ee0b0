package io.contingo.health.admin;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.springframework.boot.convert.DurationStyle;

import io.contingo.health.monitor.MonitorDefinition;
import io.contingo.health.monitor.MetricsMonitor;
import io.contingo.health.monitor.MonitorJson;
import io.contingo.health.monitor.MonitorType;
import tools.jackson.databind.json.JsonMapper;

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

    /** An escape in a one-line send or expect input: {@code \r}, {@code \n} or {@code \\}. */
    private static final Pattern ESCAPE = Pattern.compile("\\\\([\\\\rn])");
    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** The inputs of a field two types share in the definition, named after their section; the others take the field's name. */
    private static final Map<String, String> SECTION_INPUTS = Map.of("TCP.url", "tcpUrl", "TCP.expect", "tcpExpect",
            "DNS.expect", "dnsExpect", "PUSH.grace", "pushGrace", "BACKUP.grace", "backupGrace", "METRICS.period", "metricsPeriod",
            "METRICS.grace", "metricsGrace");
    private static final Set<String> DURATIONS = Set.of("interval", "timeout", "degradedLatency", "period", "pushGrace", "rpo",
            "backupGrace", "metricsPeriod", "metricsGrace");
    private static final Set<String> NUMBERS = Set.of("retries", "expectedStatus", "port");
    /** Kept as typed, blanks included (what a tcp check sends or expects may be a space), line breaks escaped. */
    private static final Set<String> ESCAPED = Set.of("send", "tcpExpect");

    /** What a form says once read: the definition's fields as {@link MonitorJson} takes them, and what could not be read. */
    record Reading(Map<String, Object> fields, Map<String, List<String>> problems) {
    }

    /** A new monitor's form, with the defaults a definition takes. */
    static MonitorForm blank(MonitorType type) {
        Map<String, Object> inputs = new HashMap<>();
        Arrays.stream(MonitorForm.class.getRecordComponents()).forEach(input -> inputs.put(input.getName(), ""));
        inputs.putAll(Map.of("type", type.written(), "interval", "10s", "timeout", "3s", "retries", "0", "method", "GET",
                "queryType", "A", "followRedirects", false));
        return JSON.convertValue(inputs, MonitorForm.class);
    }

    /** The form showing a stored definition: its type's section filled in, the others as a new form's. */
    static MonitorForm of(MonitorDefinition definition) {
        MonitorType type = definition.type();
        Map<String, Object> inputs = blank(type).inputs();
        Map<String, Object> written = MonitorJson.tree(definition);
        type.fields().forEach(field -> inputs.put(inputOf(type, field), switch (written.get(field)) {
            case null -> "";
            case Boolean yes -> yes;
            case Map<?, ?> map when definition instanceof MetricsMonitor metrics -> ThresholdLines.of(metrics.thresholds());
            case Map<?, ?> map -> new TreeMap<>(map).entrySet().stream()
                    .map(e -> e.getKey() + (field.equals("headers") ? ": " : "=") + e.getValue()).collect(Collectors.joining("\n"));
            case List<?> list -> list.stream().map(String::valueOf).collect(Collectors.joining("\n"));
            case Integer zero when zero == 0 && field.equals("expectedStatus") -> "";
            case Object value when ESCAPED.contains(inputOf(type, field)) -> escaped(value.toString());
            case Object value -> value.toString();
        }));
        return JSON.convertValue(inputs, MonitorForm.class);
    }

    /** The inputs by name, as the browser sends them. */
    @SuppressWarnings("unchecked")
    private Map<String, Object> inputs() {
        return new HashMap<>(JSON.convertValue(this, Map.class));
    }

    /** The input that shows a field of the definition: {@code expect} of a dns monitor is {@code dnsExpect}. */
    private static String inputOf(MonitorType type, String field) {
        return SECTION_INPUTS.getOrDefault(type.name() + "." + field, field);
    }

    /** The type chosen, http when none or an unknown one is given (the type's own field reports the latter). */
    MonitorType chosenType() {
        return MonitorType.named(type);
    }

    /**
     * Reads the fields of the chosen type ({@link MonitorType#fields()}), each from its input; the other sections
     * are ignored. Blank inputs are left out, so that they take the definition's defaults. Problems are keyed by
     * this form's inputs.
     */
    Reading read(String fixedId) {
        Map<String, Object> inputs = inputs();
        if (fixedId != null) {
            inputs.put("id", fixedId);
        }
        Reader r = new Reader(new LinkedHashMap<>(), new LinkedHashMap<>());
        MonitorType chosen = chosenType();
        chosen.fields().forEach(field -> r.read(field, inputOf(chosen, field), inputs.get(inputOf(chosen, field))));
        return new Reading(r.fields(), r.problems());
    }

    /**
     * The input a problem of the definition's field belongs to ({@code conditions[2]} → {@code conditions},
     * {@code expect} of a dns monitor → {@code dnsExpect}); null for a field this form does not show.
     */
    String formFieldOf(String definitionField) {
        String field = definitionField.replaceAll("[\\[.].*$", "");
        return chosenType().fields().contains(field) ? inputOf(chosenType(), field) : null;
    }

    /**
     * The line (from 1, as the admin counts them) of {@link #thresholds} that gives this metric, or 0 when none
     * does: the rules name a threshold's problem by its metric ({@code thresholds.disk.degraded}), the admin
     * finds it by its line.
     */
    int thresholdsLineOf(String metric) {
        return ThresholdLines.lineOf(thresholds, metric);
    }

    static List<String> lines(String text) {
        if (text == null) {
            return List.of();
        }
        return text.lines().map(String::strip).filter(line -> !line.isEmpty()).toList();
    }

    /**
     * Line breaks as {@code \r} and {@code \n}, which a one-line input can show and {@link Reader#read} reads back;
     * a backslash as {@code \\}, so that one followed by an {@code n} comes back as it was.
     */
    private static String escaped(String value) {
        return value.replace("\\", "\\\\").replace("\r", "\\r").replace("\n", "\\n");
    }

    /** Puts what can be read into the fields, and says what cannot on the input. */
    private record Reader(Map<String, Object> fields, Map<String, List<String>> problems) {

        void problem(String input, String message) {
            problems.computeIfAbsent(input, f -> new ArrayList<>()).add(message);
        }

        /** Reads a field of the definition from its input, as the kind of value it holds; a blank input is left out. */
        void read(String field, String input, Object given) {
            if (given instanceof Boolean yes) {
                if (yes) {
                    fields.put(field, true);
                }
                return;
            }
            String value = (String) given;
            if (value == null || value.isEmpty() || value.isBlank() && !ESCAPED.contains(input) && !input.equals("body")) {
                return;
            }
            String text = value.strip();
            try {
                switch (input) {
                    case "body" -> fields.put(field, value);
                    case "headers" -> headers(value);
                    case "conditions" -> fields.put(field, lines(value));
                    case "schedule" -> schedule(value);
                    case "thresholds" -> {
                        Map<String, Map<String, Object>> thresholds = ThresholdLines.read(value, message -> problem(input, message));
                        if (!thresholds.isEmpty()) {
                            fields.put(field, thresholds);
                        }
                    }
                    case "method", "queryType" -> fields.put(field, text.toUpperCase(Locale.ROOT));
                    case "url", "tcpUrl" -> fields.put(field, new URI(text).toString());
                    case String escaped when ESCAPED.contains(escaped) -> fields.put(field, unescaped(value));
                    case String duration when DURATIONS.contains(duration) -> fields.put(field, readableDuration(text));
                    case String number when NUMBERS.contains(number) -> fields.put(field, Integer.parseInt(text));
                    default -> fields.put(field, text);
                }
            } catch (URISyntaxException e) {
                problem(input, "'" + text + "' is not an address: " + e.getReason().toLowerCase(Locale.ROOT) + " at character " + (e.getIndex() + 1));
            } catch (NumberFormatException e) {
                problem(input, "'" + text + "' is not a whole number");
            } catch (IllegalArgumentException e) {
                problem(input, "'" + text + "' is not a duration: write it like 10s, 500ms, 2m or 1h");
            }
        }

        /** The text, once it is known to be a duration (it throws {@link IllegalArgumentException} when it is not). */
        private static String readableDuration(String text) {
            DurationStyle.detectAndParse(text);
            return text;
        }

        /** {@code \r}, {@code \n} and {@code \\} as the line breaks and the backslash they stand for. */
        private static String unescaped(String value) {
            return ESCAPE.matcher(value).replaceAll(m -> switch (m.group(1)) {
                case "r" -> "\r";
                case "n" -> "\n";
                default -> "\\\\"; // a replacement string: this is one backslash
            });
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

    }
}
