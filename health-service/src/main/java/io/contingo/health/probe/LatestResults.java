package io.contingo.health.probe;

import java.time.Instant;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.stereotype.Component;

import io.contingo.events.HealthEvent;
import io.contingo.events.HealthStatus;

/** The latest result of each monitor, kept in health-service's own database for its API and pages. */
@Component
public class LatestResults {

    /** One document per monitor, replaced at every check. */
    @Document("latest_results")
    public record LatestResult(@Id String monitorId, String componentId, HealthStatus status, Instant observedAt,
            Long latencyMs, String detail) {
    }

    private final MongoTemplate mongo;

    LatestResults(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    void record(HealthEvent event) {
        mongo.save(new LatestResult(event.monitorId(), event.componentId(), event.status(), event.observedAt(),
                event.latencyMs(), event.detail()));
    }

    public LatestResult of(String monitorId) {
        return mongo.findById(monitorId, LatestResult.class);
    }
}
