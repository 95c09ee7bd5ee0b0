package io.contingo.report.incident;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.util.function.Consumer;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.FindAndReplaceOptions;
import org.springframework.data.mongodb.core.MongoTemplate;

import io.contingo.events.IncidentEvent;

/**
 * {@code onIncidentEvent}: keeps report-service's own copy of every incident, rebuilt from
 * {@code incident-events}. An event whose sequence is not newer than the stored one (a redelivery, or an
 * old event arriving late) never overwrites the newer snapshot.
 */
@Configuration
class IncidentReadModel {

    @Bean
    Consumer<IncidentEvent> onIncidentEvent(MongoTemplate mongo) {
        return event -> apply(mongo, event);
    }

    static void apply(MongoTemplate mongo, IncidentEvent event) {
        IncidentRecord record = new IncidentRecord(event.incidentId(), event.sequence(), event.incident());
        IncidentRecord replaced = mongo.findAndReplace(
                query(where("_id").is(event.incidentId()).and("sequence").lt(event.sequence())), record,
                FindAndReplaceOptions.none());
        if (replaced == null && mongo.findById(event.incidentId(), IncidentRecord.class) == null) {
            try {
                mongo.insert(record);
            } catch (DuplicateKeyException raced) {
                apply(mongo, event); // inserted meanwhile: compare sequences again
            }
        }
    }
}
