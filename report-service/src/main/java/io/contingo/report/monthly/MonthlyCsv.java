package io.contingo.report.monthly;

import java.util.List;
import java.util.Locale;

/**
 * The availability table of a service report as CSV (RFC 4180), one row per component, for a spreadsheet. A cell
 * that a spreadsheet would read as a formula (=, +, -, @ first) is written with a leading apostrophe.
 */
final class MonthlyCsv {

    static final List<String> HEADER = List.of("period_from", "period_to", "time_zone", "scope", "component_id", "component",
            "site_id", "site", "sla_target_percent", "availability_percent", "verdict", "measured_seconds", "downtime_seconds",
            "major_outage_seconds", "partial_outage_seconds", "degraded_seconds", "maintenance_seconds");

    private MonthlyCsv() {
    }

    static String of(MonthlyFigures figures) {
        StringBuilder csv = new StringBuilder(String.join(",", HEADER)).append("\r\n");
        Period p = figures.period();
        for (ComponentFigures c : figures.components()) {
            List<String> cells = List.of(p.from().toString(), p.to().toString(), p.zone().getId(), figures.scope(), c.componentId(),
                    c.name(), c.siteId(), c.siteName() == null ? "" : c.siteName(), number(c.slaTarget()),
                    c.percent() == null ? "" : String.format(Locale.ROOT, "%.3f", c.percent()), c.verdict().name(),
                    Long.toString(c.measuredSeconds()), Long.toString(c.downtimeSeconds()), Long.toString(c.majorSeconds()),
                    Long.toString(c.partialSeconds()), Long.toString(c.degradedSeconds()), Long.toString(c.maintenanceSeconds()));
            csv.append(String.join(",", cells.stream().map(MonthlyCsv::cell).toList())).append("\r\n");
        }
        return csv.toString();
    }

    private static String number(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }

    static String cell(String value) {
        String text = value == null ? "" : value;
        if (!text.isEmpty() && "=+-@".indexOf(text.charAt(0)) >= 0 && !text.matches("-?[0-9.]+")) {
            text = "'" + text;
        }
        return text.matches(".*[\",\r\n].*") || text.contains("\n") ? "\"" + text.replace("\"", "\"\"") + "\"" : text;
    }
}
