package io.contingo.incident.incident;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.contingo.events.ComponentStatus;
import io.contingo.events.IncidentSnapshot;
import io.contingo.events.IncidentSnapshot.Window;
import io.contingo.incident.incident.EngineTexts.Name;

/** A component an incident touches, with its worst status and its windows (stored in the incident's {@code components}). */
final class Affected {
    private final String componentId;
    private final String name;
    /** The name in other languages, from the catalog (language code → name). */
    private Map<String, String> names;
    private ComponentStatus status;
    private List<Window> windows = new ArrayList<>();

    Affected(String componentId, String name) {
        this.componentId = componentId;
        this.name = name;
    }

    String componentId() {
        return componentId;
    }

    String name() {
        return name;
    }

    Name named() {
        return new Name(name, names);
    }

    void renamed(Map<String, String> translations) {
        if (!translations.isEmpty()) {
            names = translations;
        }
    }

    ComponentStatus status() {
        return status;
    }

    void status(ComponentStatus newStatus) {
        status = newStatus;
    }

    List<Window> windows() {
        return windows;
    }

    boolean isOut() {
        return !windows.isEmpty() && windows.getLast().end() == null;
    }

    boolean isMajorOutage() {
        return status == ComponentStatus.MAJOR_OUTAGE;
    }

    /**
     * A new window, from {@code at}; past {@link Incident#MAX_WINDOWS} (a component failing and recovering over and
     * over) the last window opens again instead, its gap counted as out, so that the incident stays within a record.
     */
    void out(Instant at) {
        if (windows.size() >= Incident.MAX_WINDOWS) {
            windows.add(new Window(windows.removeLast().start(), null));
            return;
        }
        windows.add(new Window(at, null));
    }

    /** Closes the open window at {@code at}. */
    void recovered(Instant at) {
        Window window = windows.removeLast();
        windows.add(new Window(window.start(), at));
    }

    IncidentSnapshot.AffectedComponent snapshot() {
        return new IncidentSnapshot.AffectedComponent(componentId, name, status, windows, names);
    }

    /** The worse of two statuses: a major outage stays one, else the later status counts. */
    static ComponentStatus worse(ComponentStatus a, ComponentStatus b) {
        if (a == null) {
            return b;
        }
        return a == ComponentStatus.MAJOR_OUTAGE || b == ComponentStatus.MAJOR_OUTAGE ? ComponentStatus.MAJOR_OUTAGE : b;
    }
}
