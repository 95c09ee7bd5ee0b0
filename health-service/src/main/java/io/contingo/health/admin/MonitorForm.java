package io.contingo.health.admin;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.springframework.boot.convert.DurationStyle;

import io.contingo.health.monitor.MonitorDefinition;
import io.contingo.health.monitor.MonitorJson;
import io.contingo.health.monitor.MonitorType;

/**
 * The monitor form, one for every type: everything as the admin typed it, so that a form sent back with its
 * mistakes shows exactly what was typed. Fields that two types share in the definition ({@code expect} for tcp
 * and dns, {@code grace} for push and backup, {@code url} for http and tcp) have one input per section, so a
 * hidden section never overwrites a shown one.
 *
 * @param headers    http: one {@code Name: value} per line
 * @param conditions http: one condition per line
 * @param schedule   backup: one {@code kind=duration} per line ({@code full=24h})
 */
record MonitorForm(
        String id, String componentId, String siteId, String type,
        String interval, String timeout, String retries, String degradedLatency,
        String url, String method, String headers, String body, Boolean followRedirects, String expectedStatus, String conditions,
        String host, String port, String tcpUrl, String send, String tcpExpect,
        String queryName, String queryType, String server, String dnsExpect,
        String period, String pushGrace,
        String rpo, String backupGrace, String schedule) {

    /** What a form says once read: the definition's fields as {@link MonitorJson} takes them, and what could not be read. */
    record Reading(Map<String, Object> fields, Map<String, List<String>> problems) {
    }

    /** A new monitor's form, with the defaults a definition takes. */
    static MonitorForm blank(MonitorType type) {
        return new MonitorForm("", "", "", lower(type), "10s", "3s", "0", "", "", "GET", "", "", false, "", "",
                "", "", "", "", "", "", "A", "", "", "", "", "", "", "");
    }

    /** The form showing a stored definition. */
    static MonitorForm of(MonitorDefinition m) {
        MonitorType type = m.type();
        boolean tcp = type == MonitorType.TCP;
        return new MonitorForm(m.id(), m.componentId(), m.siteId(), lower(type),
                written(m.interval()), written(m.timeout()), String.valueOf(m.retries()), written(m.degradedLatency()),
                tcp || m.url() == null ? "" : m.url().toString(), m.method(),
                new TreeMap<>(m.headers()).entrySet().stream().map(h -> h.getKey() + ": " + h.getValue()).collect(Collectors.joining("\n")),
                text(m.body()), m.followRedirects(), m.expectedStatus() == 0 ? "" : String.valueOf(m.expectedStatus()),
                String.join("\n", m.conditions()),
                text(m.host()), m.port() == null ? "" : String.valueOf(m.port()), tcp && m.url() != null ? m.url().toString() : "",
                escaped(m.send()), tcp ? escaped(m.expect()) : "",
                text(m.queryName()), m.queryType(), text(m.server()), type == MonitorType.DNS ? text(m.expect()) : "",
                written(m.period()), type == MonitorType.PUSH ? written(m.grace()) : "",
                written(m.rpo()), type == MonitorType.BACKUP ? written(m.grace()) : "",
                new TreeMap<>(m.schedule()).entrySet().stream().map(s -> s.getKey() + "=" + written(s.getValue()))
                        .collect(Collectors.joining("\n")));
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
        if (chosen != MonitorType.PUSH && chosen != MonitorType.BACKUP) {
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
                    "queryName", "queryType", "server", "period", "rpo", "schedule" -> field;
            case "url" -> chosen == MonitorType.TCP ? "tcpUrl" : "url";
            case "expect" -> chosen == MonitorType.DNS ? "dnsExpect" : "tcpExpect";
            case "grace" -> chosen == MonitorType.BACKUP ? "backupGrace" : "pushGrace";
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

    /** Line breaks as {@code \r} and {@code \n}, which a one-line input can show and {@link Reader#raw} reads back. */
    private static String escaped(String value) {
        return value == null ? "" : value.replace("\r", "\\r").replace("\n", "\\n");
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
                fields.put(field, value.replace("\\r", "\r").replace("\\n", "\n"));
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
    }
}
