package io.contingo.events;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A site as incident-service's catalog defines it now, with its components: a snapshot, the latest of each
 * site id being the whole truth. Topic {@link Topics#SITE_CATALOG} (compacted), key siteId; a record without a
 * value (a tombstone) says the site is no longer in the catalog. Other services read it to know which sites and
 * components exist (health-service refuses a monitor of a component that does not).
 *
 * @param occurredAt when the catalog was found to have changed (the service's start-up)
 * @param components the site's components, in the catalog's order
 */
public record SiteDefined(
        String eventId,
        String siteId,
        Instant occurredAt,
        String name,
        List<Component> components,
        Map<String, String> names) implements ContingoEvent {

    /**
     * A component as customers know it.
     *
     * @param names its name in the other languages the catalog translates it into (language code → name)
     */
    public record Component(String id, String name, Map<String, String> names) {
        public Component {
            Objects.requireNonNull(id, "id is required");
            Objects.requireNonNull(name, "name is required");
            names = names == null ? Map.of() : Map.copyOf(names);
        }

        public Component(String id, String name) {
            this(id, name, Map.of());
        }

        /** Its name as a reader of {@code language} reads it. */
        public String nameIn(String language) {
            return names.getOrDefault(language, name);
        }
    }

    /** @param names the site's name in the other languages the catalog translates it into (language code → name) */
    public SiteDefined {
        Objects.requireNonNull(eventId, "eventId is required");
        Objects.requireNonNull(siteId, "siteId is required");
        Objects.requireNonNull(occurredAt, "occurredAt is required");
        Objects.requireNonNull(name, "name is required");
        components = components == null ? List.of() : List.copyOf(components);
        names = names == null ? Map.of() : Map.copyOf(names);
    }

    public SiteDefined(String eventId, String siteId, Instant occurredAt, String name, List<Component> components) {
        this(eventId, siteId, occurredAt, name, components, Map.of());
    }

    /** The site's name as a reader of {@code language} reads it. */
    public String nameIn(String language) {
        return names.getOrDefault(language, name);
    }

    @Override
    public String aggregateId() {
        return siteId;
    }

    /** Whether the other describes the same site the same way, whenever and by whichever event it was said. */
    public boolean sameDefinition(SiteDefined other) {
        return other != null && siteId.equals(other.siteId) && name.equals(other.name) && components.equals(other.components)
                && names.equals(other.names);
    }
}
