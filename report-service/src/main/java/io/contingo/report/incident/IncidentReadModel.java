package io.contingo.report.incident;

import java.util.function.Consumer;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.MongoTemplate;

import io.contingo.events.IncidentEvent;
import io.contingo.report.snapshot.LatestSnapshots;

/**
 * {@code onIncidentEvent}: keeps report-service's own copy of every incident, rebuilt from
 * {@code incident-events}. An event whose sequence is not newer than the stored one (a redelivery, or an
 * old event arriving late) never overwrites the newer snapshot.
 */
@Configuration
class IncidentReadModel {

    @Bean
    Consumer<IncidentEvent> onIncidentEvent(MongoTemplate mongo) {
        return event -> LatestSnapshots.keep(mongo, event.incidentId(), event.sequence(),
                new IncidentRecord(event.incidentId(), event.sequence(), event.incident()), IncidentRecord.class);
    }
}
