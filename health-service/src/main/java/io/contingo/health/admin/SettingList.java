package io.contingo.health.admin;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.contingo.health.monitor.MonitorDefinition;
import io.contingo.health.monitor.MonitorJson;

/** A monitor's settings as its page lists them: each field it uses, with a label and one or more lines. */
final class SettingList {

    /** The fields of a definition the detail page shows at the top rather than among the settings. */
    private static final Set<String> HEADLINE = Set.of("id", "componentId", "siteId", "type");
    private static final Map<String, String> LABELS = Map.ofEntries(
            Map.entry("url", "URL"), Map.entry("method", "Method"), Map.entry("headers", "Headers"), Map.entry("body", "Body"),
            Map.entry("followRedirects", "Follows redirects"), Map.entry("expectedStatus", "Expected status"),
            Map.entry("conditions", "Conditions"), Map.entry("host", "Host"), Map.entry("port", "Port"), Map.entry("send", "Sends"),
            Map.entry("expect", "Expects"), Map.entry("queryName", "Query name"), Map.entry("queryType", "Record type"),
            Map.entry("server", "DNS server"), Map.entry("interval", "Interval"), Map.entry("timeout", "Timeout"),
            Map.entry("retries", "Retries"), Map.entry("degradedLatency", "Degraded above"), Map.entry("period", "Period"),
            Map.entry("grace", "Grace"), Map.entry("rpo", "RPO"), Map.entry("schedule", "Schedule"));

    /** One setting of a monitor, as its page lists it: a label and one or more lines. */
    record Setting(String label, List<String> lines) {
    }

    private SettingList() {
    }

    /** The settings of a definition, in the order of its JSON; the headline fields and thresholds are shown elsewhere. */
    static List<Setting> of(MonitorDefinition definition) {
        List<Setting> settings = new ArrayList<>();
        Map<String, Object> written = MonitorJson.tree(definition);
        written.forEach((field, value) -> {
            if (HEADLINE.contains(field) || field.equals("thresholds") || !definition.type().fields().contains(field)
                    || field.equals("expectedStatus") && written.containsKey("conditions")) {
                return;
            }
            if (field.equals("expectedStatus") && Integer.valueOf(0).equals(value)) {
                value = "any 2xx";
            }
            List<String> lines = switch (value) {
                case Map<?, ?> map -> map.entrySet().stream().map(e -> e.getKey() + (field.equals("schedule") ? " every " : ": ") + e.getValue())
                        .sorted().toList();
                case List<?> list -> list.stream().map(String::valueOf).toList();
                case Boolean yes -> List.of(yes ? "yes" : "no");
                default -> List.of(String.valueOf(value));
            };
            settings.add(new Setting(LABELS.getOrDefault(field, words(field)), lines));
        });
        return settings;
    }

    /** A message as a sentence: its first letter upper-case. */
    static String capitalized(String message) {
        return message.isEmpty() ? message : Character.toUpperCase(message.charAt(0)) + message.substring(1);
    }

    /** {@code someField} as {@code Some field}, for a field this page has no label for. */
    private static String words(String field) {
        return capitalized(field.replaceAll("([A-Z])", " $1").toLowerCase(Locale.ROOT));
    }
}
