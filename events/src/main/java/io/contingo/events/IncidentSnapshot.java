package io.contingo.events;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An incident as customers and managers see it, carried whole in every {@link IncidentEvent}.
 *
 * @param status     the public lifecycle: investigating, identified, monitoring, resolved
 * @param impact     none, minor, major, critical (Statuspage's vocabulary)
 * @param components the affected components, each with its own unavailability windows
 * @param updates    the public timeline, oldest first
 * @param rootCause  what caused the incident, as the agents recorded it (internal until reported), or null
 * @param correctiveActions what is done so that it does not happen again
 * @param severity   SEV1 (worst) to SEV4, from the impact or as the agents set it
 * @param acknowledgedAt when an agent first took the incident on (MTTA), or null
 * @param names      the name in each language the engine writes (language code → text) when the engine named the
 *                   incident; empty when an agent did. {@code name} is the default text.
 * @param siteNames  the site's name in the languages the catalog translates it into; {@code siteName} is the default
 */
public record IncidentSnapshot(
        String id,
        String name,
        String siteId,
        String siteName,
        Status status,
        Impact impact,
        Instant createdAt,
        Instant resolvedAt,
        List<AffectedComponent> components,
        List<Update> updates,
        String rootCause,
        List<CorrectiveAction> correctiveActions,
        Severity severity,
        Instant acknowledgedAt,
        Map<String, String> names,
        Map<String, String> siteNames) {

    public enum Status { INVESTIGATING, IDENTIFIED, MONITORING, RESOLVED }

    public enum Impact { NONE, MINOR, MAJOR, CRITICAL }

    /** How urgent the incident is for the operator: SEV1 is the worst. */
    public enum Severity { SEV1, SEV2, SEV3, SEV4 }

    public IncidentSnapshot {
        Objects.requireNonNull(id, "id is required");
        Objects.requireNonNull(name, "name is required");
        Objects.requireNonNull(status, "status is required");
        Objects.requireNonNull(impact, "impact is required");
        Objects.requireNonNull(createdAt, "createdAt is required");
        components = components == null ? List.of() : List.copyOf(components);
        updates = updates == null ? List.of() : List.copyOf(updates);
        correctiveActions = correctiveActions == null ? List.of() : List.copyOf(correctiveActions);
        severity = severity == null ? Severity.SEV3 : severity; // events written before severity existed
        names = texts(names); // events written before translations existed have none: the default text stands
        siteNames = texts(siteNames);
    }

    /** A snapshot without translations, as events carried it before they had them. */
    public IncidentSnapshot(String id, String name, String siteId, String siteName, Status status, Impact impact,
            Instant createdAt, Instant resolvedAt, List<AffectedComponent> components, List<Update> updates, String rootCause,
            List<CorrectiveAction> correctiveActions, Severity severity, Instant acknowledgedAt) {
        this(id, name, siteId, siteName, status, impact, createdAt, resolvedAt, components, updates, rootCause,
                correctiveActions, severity, acknowledgedAt, Map.of(), Map.of());
    }

    /**
     * How long the outage lasted: the time during which at least one affected component was unavailable, that is
     * the union of all the components' windows (overlapping windows count once, an open window counts up to
     * {@code now}, or up to the resolution once the incident is resolved). Every page, email and report says this
     * one figure.
     */
    public Duration outage(Instant now) {
        Instant until = resolvedAt != null && resolvedAt.isBefore(now) ? resolvedAt : now;
        return outage(components.stream().flatMap(c -> c.windows().stream()).toList(), until);
    }

    /** The length of the union of {@code windows}, an open one counting up to {@code now}. */
    public static Duration outage(Collection<Window> windows, Instant now) {
        List<Window> sorted = new ArrayList<>(windows);
        sorted.sort(Comparator.comparing(Window::start));
        Duration total = Duration.ZERO;
        Instant from = null;
        Instant to = null;
        for (Window window : sorted) {
            Instant end = window.end() == null ? now : window.end();
            if (end.isBefore(window.start())) {
                end = window.start(); // an open window read before it started (clock skew): nothing yet
            }
            if (to == null || window.start().isAfter(to)) {
                total = to == null ? total : total.plus(Duration.between(from, to));
                from = window.start();
                to = end;
            } else if (end.isAfter(to)) {
                to = end;
            }
        }
        return to == null ? total : total.plus(Duration.between(from, to));
    }

    /**
     * The incident as a reader of {@code language} (ISO 639 code: "en", "es") reads it: its name, its site's and its
     * components' names and the engine's updates in that language where they were written in it, the default text
     * otherwise (agents' updates, languages added later, events written before translations).
     */
    public IncidentSnapshot in(String language) {
        return new IncidentSnapshot(id, names.getOrDefault(language, name), siteId, siteNames.getOrDefault(language, siteName),
                status, impact, createdAt, resolvedAt, components.stream().map(c -> c.in(language)).toList(),
                updates.stream().map(u -> u.in(language)).toList(), rootCause, correctiveActions, severity, acknowledgedAt,
                names, siteNames);
    }

    private static Map<String, String> texts(Map<String, String> texts) {
        return texts == null || texts.isEmpty() ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(texts));
    }

    /**
     * A component the incident touches, its worst status during the incident and its windows of
     * unavailability (an open window has no {@code end}), and its name in the languages the catalog translates it into.
     */
    public record AffectedComponent(String componentId, String name, ComponentStatus status, List<Window> windows,
            Map<String, String> names) {
        public AffectedComponent {
            Objects.requireNonNull(componentId, "componentId is required");
            windows = windows == null ? List.of() : List.copyOf(windows);
            names = texts(names);
        }

        public AffectedComponent(String componentId, String name, ComponentStatus status, List<Window> windows) {
            this(componentId, name, status, windows, Map.of());
        }

        AffectedComponent in(String language) {
            return new AffectedComponent(componentId, names.getOrDefault(language, name), status, windows, names);
        }
    }

    /** A period during which a component was unavailable; {@code end} is null while it lasts. */
    public record Window(Instant start, Instant end) {
        public Window {
            Objects.requireNonNull(start, "start is required");
        }
    }

    /** When a corrective action is due, in the phases operators plan them in. */
    public enum Phase { IMMEDIATE, SHORT_TERM, LONG_TERM }

    /** Something done so that the incident does not happen again. */
    public record CorrectiveAction(String description, String owner, java.time.LocalDate due, Phase phase, boolean done) {
        public CorrectiveAction {
            Objects.requireNonNull(description, "description is required");
            Objects.requireNonNull(phase, "phase is required");
        }
    }

    /**
     * One entry of the public timeline.
     *
     * @param bodies the text in each language the engine writes (language code → text) when the engine wrote it;
     *               empty for an agent's update, which is in the language the agent wrote it in ({@code body})
     *               <p>Serializable, because the console's preview carries one over a redirect in the login session.
     */
    public record Update(String id, Status status, String body, Instant createdAt, Map<String, String> bodies)
            implements java.io.Serializable {
        public Update {
            Objects.requireNonNull(id, "id is required");
            Objects.requireNonNull(status, "status is required");
            Objects.requireNonNull(createdAt, "createdAt is required");
            bodies = texts(bodies);
        }

        public Update(String id, Status status, String body, Instant createdAt) {
            this(id, status, body, createdAt, Map.of());
        }

        Update in(String language) {
            return new Update(id, status, bodies.getOrDefault(language, body), createdAt, bodies);
        }
    }
}
