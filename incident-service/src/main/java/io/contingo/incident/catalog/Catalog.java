package io.contingo.incident.catalog;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.stereotype.Component;

import io.contingo.incident.catalog.CatalogSettings.Site;

/** Looks up sites and components of the configured catalog. */
@Component
public class Catalog {

    /** A component with the site that hosts it. */
    public record Placement(Site site, CatalogSettings.Component component, int position) {
    }

    private final CatalogSettings settings;
    private final Map<String, Placement> components = new LinkedHashMap<>();

    Catalog(CatalogSettings settings) {
        this.settings = settings;
        int position = 1;
        for (Site site : settings.sites()) {
            for (CatalogSettings.Component component : site.components()) {
                Placement previous = components.put(component.id(), new Placement(site, component, position++));
                if (previous != null) {
                    throw new IllegalStateException("contingo.catalog: component id '" + component.id()
                            + "' is used twice (sites " + previous.site().id() + " and " + site.id() + ")");
                }
            }
        }
    }

    public CatalogSettings.Page page() {
        return settings.page();
    }

    public List<Site> sites() {
        return settings.sites();
    }

    public Optional<Placement> component(String componentId) {
        return Optional.ofNullable(components.get(componentId));
    }

    /** A component's name as a reader of {@code language} reads it. */
    public String componentName(String componentId, String language) {
        return component(componentId).map(p -> p.component().nameIn(language)).orElse(componentId);
    }

    /** A component's description as a reader of {@code language} reads it. */
    public String componentDescription(String componentId, String language) {
        return component(componentId).map(p -> p.component().descriptionIn(language)).orElse("");
    }

    public Collection components() {
        return new Collection(List.copyOf(components.values()));
    }

    /** All components, in catalog order. */
    public record Collection(List<Placement> all) {
        public long countOnSite(String siteId) {
            return all.stream().filter(p -> p.site().id().equals(siteId)).count();
        }
    }
}
