package io.contingo.incident.incident;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.contingo.events.ComponentStatus;
import io.contingo.events.IncidentSnapshot.Impact;
import io.contingo.events.IncidentSnapshot.Severity;
import io.contingo.events.IncidentSnapshot.Status;
import io.contingo.incident.incident.EngineTexts.Name;
import io.contingo.incident.incident.EngineTexts.Text;
import io.contingo.starter.text.ReadableDuration;

/**
 * What the engine writes about an incident: for customers, its name and automatic public updates in every language
 * ({@link EngineTexts}); for agents, the lines of its internal timeline (in English, like the console).
 */
final class IncidentWording {

    private IncidentWording() {
    }

    static Text name(Name site) {
        return EngineTexts.write("engine.incident.name", site);
    }

    static Text investigating(Name component) {
        return EngineTexts.write("engine.update.investigating", component);
    }

    /** A component fails in an incident already open: again, or for the first time. */
    static Text failing(Name component, boolean again) {
        return EngineTexts.write(again ? "engine.update.failingAgain" : "engine.update.alsoAffected", component);
    }

    /** A component fails again while the incident was being monitored: back to investigating. */
    static Text failingAgainInvestigating(Name component) {
        return EngineTexts.write("engine.update.failingAgainInvestigating", component);
    }

    static Text reopened(Name component) {
        return EngineTexts.write("engine.update.reopened", component);
    }

    static Text allRecovered() {
        return EngineTexts.write("engine.update.allRecovered");
    }

    static Text recovered(Name component, List<Name> stillOut) {
        return EngineTexts.write("engine.update.recovered", component, stillOut);
    }

    static Text resolved(Duration outage) {
        return EngineTexts.write("engine.update.resolved", ReadableDuration.of(outage));
    }

    /** An agent's own text, in the language the agent wrote. */
    static Text agents(String body) {
        return new Text(body, Map.of());
    }

    static String seenOut(String component, ComponentStatus status, boolean again) {
        return component + " is " + label(status) + (again ? " again" : "") + " according to its monitors";
    }

    static String seenRecovered(String component) {
        return component + " is working again according to its monitors";
    }

    static String reopenedLine(String component) {
        return component + " failed again: incident reopened";
    }

    static String declared(String name) {
        return "Declared by hand: " + name;
    }

    static String acknowledged(Duration after) {
        return "Acknowledged after " + ReadableDuration.of(after);
    }

    static String acknowledgedReopening() {
        return "Acknowledged the reopened incident";
    }

    static String assigned(String assignee) {
        return assignee == null ? "Unassigned" : "Assigned to " + assignee;
    }

    static String setByHand(String component, ComponentStatus status) {
        return component + " set to " + label(status) + " by hand";
    }

    static String removedByHand(String component) {
        return component + " removed from the incident by hand";
    }

    static String classified(Severity severity, Impact impact) {
        return "Severity " + severity + ", impact " + impact.name().toLowerCase(Locale.ROOT);
    }

    static String publicUpdate(Status status, String body) {
        return label(status) + ": " + body;
    }

    static String resolvedWhenQuiet(Duration quietPeriod) {
        return "No failure for " + ReadableDuration.of(quietPeriod) + ": resolved";
    }

    static String actionAdded(String description) {
        return "Corrective action added: " + description;
    }

    static String actionChanged(boolean done, String description) {
        return (done ? "Done: " : "Corrective action changed: ") + description;
    }

    private static String label(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }
}
