package io.contingo.notification.delivery;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.stereotype.Component;

import io.contingo.events.SiteDefined;
import io.contingo.starter.kafka.TopicReader;
import tools.jackson.databind.json.JsonMapper;

/**
 * Which components are on which site, as incident-service publishes them on {@code site-catalog} ({@link SiteDefined},
 * compacted, key siteId). Read whole, without a consumer group, each time it is asked: it is asked only when the
 * site serving customers changes, which is rare, and then it is never stale.
 */
@Component
public class SiteCatalog {

    private static final Duration DEADLINE = Duration.ofSeconds(30);

    /** The components of the sites asked for, and those of the sites the catalog does not have. */
    record Components(Set<String> ids, Set<String> unknownSites) {
    }

    private final JsonMapper json;
    /** Where the broker is and how to connect to it: Spring's {@code spring.kafka.*} (servers, SASL/TLS). */
    private final KafkaProperties kafka;
    private final String topic;

    SiteCatalog(JsonMapper json, KafkaProperties kafka, @Value("${contingo.catalog.topic:site-catalog}") String topic) {
        this.json = json;
        this.kafka = kafka;
        this.topic = topic;
    }

    /** The ids of the components on these sites. Throws when the broker does not answer, so the event is retried. */
    Components componentsOf(Collection<String> siteIds) {
        Map<String, SiteDefined> sites = read();
        Set<String> ids = new LinkedHashSet<>();
        Set<String> unknown = new LinkedHashSet<>();
        for (String siteId : siteIds) {
            SiteDefined site = siteId == null ? null : sites.get(siteId);
            if (site == null) {
                unknown.add(String.valueOf(siteId));
            } else {
                site.components().forEach(c -> ids.add(c.id()));
            }
        }
        return new Components(ids, unknown);
    }

    /** The sites of the catalog with their components, in no particular order. Throws when the broker does not answer. */
    public java.util.List<SiteDefined> sites() {
        return java.util.List.copyOf(read().values());
    }

    private Map<String, SiteDefined> read() {
        Map<String, SiteDefined> sites = new HashMap<>();
        try (TopicReader reader = new TopicReader(kafka.buildConsumerProperties(), topic)) {
            // empty when incident-service has not published its catalog yet; a removed site is left out
            reader.latestByKey(DEADLINE).values().forEach(value -> {
                SiteDefined site = json.readValue(value, SiteDefined.class);
                sites.put(site.siteId(), site);
            });
        }
        return sites;
    }
}
