package io.contingo.report.component;

import java.util.function.Consumer;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

import io.contingo.events.ComponentStatusChanged;

/**
 * {@code onComponentStatus}: keeps the history of every component's public status (the ground of availability
 * reports), rebuilt from {@code component-status}. Keyed by event id, so a redelivered event is stored once. Each
 * component's first and latest change are kept apart ({@link ComponentWatch}).
 */
@Configuration
class ComponentStatusHistory {

    @Bean
    Consumer<ComponentStatusChanged> onComponentStatus(MongoTemplate mongo) {
        return change -> {
            try {
                mongo.insert(new StatusChangeRecord(change.eventId(), change.componentId(), change.componentName(), change.siteId(),
                        change.sequence(), change.from(), change.to(), change.at(), change.incidentId()));
            } catch (DuplicateKeyException alreadyStored) {
                // delivered twice: already in the history
            }
            watch(mongo, change);
        };
    }

    /** Keeps the component's first and latest change; a late or repeated event never moves the latest back. */
    private static void watch(MongoTemplate mongo, ComponentStatusChanged change) {
        Query component = Query.query(Criteria.where("_id").is(change.componentId()));
        mongo.upsert(component, new Update().min("firstAt", change.at()), ComponentWatch.class);
        mongo.updateFirst(Query.query(Criteria.where("_id").is(change.componentId())
                        .orOperator(Criteria.where("lastSequence").exists(false), Criteria.where("lastSequence").lt(change.sequence()))),
                new Update().set("lastAt", change.at()).set("lastStatus", change.to()).set("lastSequence", change.sequence()),
                ComponentWatch.class);
    }
}
