package io.contingo.report.monthly;

import java.util.HashMap;
import java.util.Map;

import io.contingo.events.IncidentSnapshot;
import io.contingo.events.SiteDefined;

/**
 * The names a report gives (components, sites, incidents) in the other languages the catalog and the incident engine
 * write them in: default name → language code → name. A report in Spanish names "Omnichannel web" "Web omnicanal".
 */
public record Translations(Map<String, Map<String, String>> byName) {

    static final Translations NONE = new Translations(Map.of());

    public Translations {
        byName = byName == null ? Map.of() : Map.copyOf(byName);
    }

    /** The name as a reader of {@code language} reads it; the default name where it has no translation. */
    public String of(String name, String language) {
        return name == null ? null : byName.getOrDefault(name, Map.of()).getOrDefault(language, name);
    }

    /** The catalog's sites and components, and the incidents' names, sites and components. */
    static Translations from(Iterable<SiteDefined> sites, Iterable<IncidentSnapshot> incidents) {
        Map<String, Map<String, String>> names = new HashMap<>();
        for (SiteDefined site : sites) {
            add(names, site.name(), site.names());
            site.components().forEach(c -> add(names, c.name(), c.names()));
        }
        for (IncidentSnapshot incident : incidents) {
            add(names, incident.name(), incident.names());
            add(names, incident.siteName(), incident.siteNames());
            incident.components().forEach(c -> add(names, c.name(), c.names()));
        }
        return new Translations(names);
    }

    private static void add(Map<String, Map<String, String>> names, String name, Map<String, String> translations) {
        if (name != null && translations != null && !translations.isEmpty()) {
            names.computeIfAbsent(name, n -> new HashMap<>()).putAll(translations);
        }
    }
}
