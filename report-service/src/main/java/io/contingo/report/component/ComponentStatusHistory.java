package io.contingo.report.component;

import java.util.function.Consumer;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;

import io.contingo.events.ComponentStatusChanged;

/**
 * {@code onComponentStatus}: keeps the history of every component's public status (the ground of availability
 * reports), rebuilt from {@code component-status}. Keyed by event id, so a redelivered event is stored once. Each
 * component's first and latest change ({@link ComponentWatch}) and its seconds in each status per day
 * ({@link StatusDay}) are kept from it by {@link StatusDays}.
 */
@Configuration
class ComponentStatusHistory {

    @Bean
    Consumer<ComponentStatusChanged> onComponentStatus(MongoTemplate mongo, StatusDays days) {
        return change -> {
            try {
                mongo.insert(new StatusChangeRecord(change.eventId(), change.componentId(), change.componentName(), change.siteId(),
                        change.sequence(), change.from(), change.to(), change.at(), change.incidentId()));
            } catch (DuplicateKeyException alreadyStored) {
                // delivered twice: already in the history
            }
            days.record(change);
        };
    }
}
