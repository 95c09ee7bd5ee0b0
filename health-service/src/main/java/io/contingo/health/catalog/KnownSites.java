package io.contingo.health.catalog;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.stereotype.Component;

import io.contingo.events.SiteDefined;
import io.contingo.health.follow.TopicFollower;
import tools.jackson.databind.json.JsonMapper;

/**
 * The sites and components that exist, as incident-service publishes them on {@code site-catalog}
 * ({@link SiteDefined}, compacted, key siteId), held in memory. Every instance reads the whole topic from its
 * beginning, without a consumer group. The catalog is {@link #known()} once the topic has been read to where it
 * stood at start-up and holds at least one site; until then nobody can tell a mistyped component from a real one.
 * After a lost connection the topic is read again from its beginning into a new catalog (a site removed meanwhile
 * may have left no record at all), while the old one is still answered from; the new one replaces it once read.
 */
@Component
public class KnownSites extends TopicFollower {

    /** A component with the site it is on. */
    public record Placement(String siteId, String siteName, String componentId, String componentName) {
    }

    /** The sites in the order the topic first named them (incident-service's order), replaced whole at each record. */
    private volatile Map<String, SiteDefined> sites = Map.of();
    /** Every component by id, made again from {@link #sites} at each record (rare: at start-ups of incident-service). */
    private volatile Map<String, Placement> components = Map.of();
    /** Whether the topic has been read to its end once: from then on the catalog is answered from. */
    private volatile boolean read;
    /** The sites read again since a lost connection, not answered from until read to the end; null otherwise. */
    private Map<String, SiteDefined> rereading;
    private final JsonMapper json;

    KnownSites(JsonMapper json, KafkaProperties kafka, @Value("${contingo.catalog.topic:site-catalog}") String topic) {
        super(kafka.buildConsumerProperties(), topic, Duration.ofSeconds(2));
        this.json = json;
    }

    /** Whether the catalog has been read: before that, a component cannot be checked. */
    public boolean known() {
        return read && !sites.isEmpty();
    }

    /** The sites and their components, in the catalog's order. */
    public List<SiteDefined> sites() {
        return List.copyOf(sites.values());
    }

    /** The component of this id and its site, when the catalog has it. */
    public Optional<Placement> component(String componentId) {
        return Optional.ofNullable(componentId == null ? null : components.get(componentId));
    }

    /** The catalog has not been read yet: whether a component exists cannot be told. */
    public static final class NotKnownYetException extends RuntimeException {
        NotKnownYetException(String topic) {
            super("The sites and components are not known yet: incident-service publishes them on " + topic
                    + " when it starts, and this service has not read them. Try again in a few seconds.");
        }
    }

    /**
     * What is wrong with a monitor's component and site, by field ({@code componentId}, {@code siteId}): one the
     * catalog does not have (the message lists those it has), or a site other than the component's. Blank ones
     * are left to the monitor's own rules. Throws {@link NotKnownYetException} before the catalog is known.
     */
    public Map<String, String> problems(String componentId, String siteId) {
        if (!known()) {
            throw new NotKnownYetException(topic());
        }
        Map<String, String> problems = new java.util.LinkedHashMap<>();
        Optional<Placement> placement = blank(componentId) ? Optional.empty() : component(componentId);
        if (!blank(componentId) && placement.isEmpty()) {
            problems.put("componentId", "there is no component '" + componentId + "'; the components are "
                    + String.join(", ", sites().stream().flatMap(site -> site.components().stream().map(SiteDefined.Component::id)).toList()));
        }
        if (!blank(siteId) && !sites.containsKey(siteId)) {
            problems.put("siteId", "there is no site '" + siteId + "'; the sites are "
                    + String.join(", ", sites().stream().map(SiteDefined::siteId).toList()));
        } else if (!blank(siteId) && placement.isPresent() && !placement.get().siteId().equals(siteId)) {
            problems.put("siteId", "component '" + componentId + "' is on site '" + placement.get().siteId() + "', not '" + siteId + "'");
        }
        return problems;
    }

    private static boolean blank(String text) {
        return text == null || text.isBlank();
    }

    /** Applies one record of the topic: a site as it is now, or its removal (a record without a value). */
    @Override
    protected void apply(ConsumerRecord<String, byte[]> record) {
        Map<String, SiteDefined> changed = rereading != null ? rereading : new LinkedHashMap<>(sites);
        if (record.value() == null) {
            if (record.key() != null) {
                changed.remove(record.key());
            }
        } else {
            SiteDefined site = json.readValue(record.value(), SiteDefined.class);
            changed.put(site.siteId(), site);
        }
        if (rereading == null) {
            publish(changed);
        }
    }

    /** Read again from the beginning into a new catalog; the old one is answered from until it is read. */
    @Override
    protected void restart() {
        rereading = new LinkedHashMap<>();
    }

    @Override
    protected void readToEnd() {
        if (rereading != null) {
            publish(rereading);
            rereading = null;
        }
        read = true;
    }

    private void publish(Map<String, SiteDefined> changed) {
        Map<String, Placement> placed = new java.util.HashMap<>();
        for (SiteDefined site : changed.values()) {
            site.components().forEach(c -> placed.put(c.id(), new Placement(site.siteId(), site.name(), c.id(), c.name())));
        }
        sites = Collections.unmodifiableMap(new LinkedHashMap<>(changed));
        components = Map.copyOf(placed);
    }
}
