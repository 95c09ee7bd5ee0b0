package io.contingo.health.admin;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.validation.BindingResult;

import io.contingo.health.monitor.MonitorCatalog.InvalidMonitorException;
import io.contingo.health.monitor.MonitorJson.UnreadableMonitorException;

/**
 * The problems of one filled-in monitor form, each on the form field it concerns: those of values the form could
 * not read, then those of the definition it describes (unreadable, or against the rules), worded for the form.
 */
final class FormProblems {

    private final MonitorForm form;
    private final MonitorForm.Reading reading;
    private final Map<String, List<String>> problems;

    FormProblems(MonitorForm form, MonitorForm.Reading reading) {
        this.form = form;
        this.reading = reading;
        this.problems = new LinkedHashMap<>(reading.problems());
    }

    /** The definition's JSON could not be read. */
    void unreadable(UnreadableMonitorException e) {
        add(e.field() == null ? null : form.formFieldOf(e.field()), e.getMessage());
    }

    /** The definition breaks the rules. */
    void invalid(InvalidMonitorException e) {
        e.problems().forEach((field, messages) -> messages.forEach(message -> {
            // the form has no site to choose: a problem of the site is one of the component chosen
            if (!field.equals("siteId") || !e.problems().containsKey("componentId")) {
                add(field.equals("siteId") ? "componentId" : form.formFieldOf(field), readable(field, message));
            }
        }));
    }

    /** Every problem rejected on its field (thresholds' in the order of their lines), or on the form as a whole. */
    void rejectOn(BindingResult errors) {
        problems.computeIfPresent("thresholds", (field, messages) -> messages.stream().sorted(Comparator.comparingInt(
                message -> message.startsWith("line ") ? Integer.parseInt(message.replaceAll("^line (\\d+).*", "$1")) : 0)).toList());
        problems.forEach((field, messages) -> messages.forEach(message -> {
            if (field == null) {
                errors.reject("invalid", message);
            } else {
                errors.rejectValue(field, "invalid", SettingList.capitalized(message));
            }
        }));
    }

    /**
     * A problem on a field that could not even be read is that one; the rules' view of its default is left out.
     * Thresholds are read line by line, so the rules' problems with the lines that could be read stand beside
     * those of the lines that could not.
     */
    private void add(String field, String message) {
        if (field != null && reading.problems().containsKey(field) && !field.equals("thresholds")) {
            return;
        }
        problems.computeIfAbsent(field, f -> new ArrayList<>()).add(field == null ? SettingList.capitalized(message) : message);
    }

    /**
     * {@code conditions[1]}'s message as "Line 2: ...", {@code thresholds.disk.degraded}'s as "Line 1, disk: degraded
     * ..." (the line that gives disk), without the monitor's name the form already shows.
     */
    private String readable(String field, String message) {
        String text = message.replace("monitor '" + reading.fields().get("id") + "': ", "");
        if (text.equals("must not be blank") || text.equals("must not be null")) {
            return "required";
        }
        if (field.startsWith("conditions[")) {
            int index = Integer.parseInt(field.substring("conditions[".length(), field.indexOf(']')));
            return "line " + (index + 1) + ": " + text;
        }
        if (field.startsWith("thresholds.")) {
            String[] path = field.split("\\.", 3);
            String limit = path.length > 2 ? path[2] + " " : "";
            text = text.replace("absent: ", "absent=");
            int line = form.thresholdsLineOf(path[1]);
            return (line == 0 ? path[1] + ": " : "line " + line + (text.startsWith("'" + path[1] + "'") ? ": " : ", " + path[1] + ": "))
                    + limit + text;
        }
        return text;
    }
}
