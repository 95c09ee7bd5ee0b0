package io.contingo.incident.incident;

import java.util.Map;

import io.contingo.events.ComponentStatus;

/** A component an agent names in an incident declared by hand, with its name in other languages. */
public record DeclaredComponent(String componentId, String name, ComponentStatus status, Map<String, String> names) {
    public DeclaredComponent(String componentId, String name, ComponentStatus status) {
        this(componentId, name, status, Map.of());
    }
}
