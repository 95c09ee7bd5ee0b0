package io.contingo.incident;

import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.data.domain.Sort.Direction;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import io.contingo.incident.component.ComponentState;
import io.contingo.incident.incident.Incident;
import io.contingo.incident.maintenance.Maintenance;

/**
 * The indexes behind the queries that run all the time, so that none of them reads a whole collection as the
 * incident history grows: the engine's look-up of a component's open or recently resolved incident (every
 * confirmed failure), the relay's pending events (every round), the quiet resolution and the maintenance
 * windows (every second), and the history pages. Created while the application starts, before the consumers,
 * the relay and the seeding of component states write to the collections (the devstack's MongoDB-wire server
 * fails a write that creates a collection while an index creates it too); tried again each minute while
 * MongoDB cannot be reached. Creating an index that exists changes nothing.
 */
@Component
class DatabaseIndexes implements InitializingBean {

    private static final Logger log = LoggerFactory.getLogger(DatabaseIndexes.class);

    private static final Map<Class<?>, List<Index>> INDEXES = Map.of(
            Incident.class, List.of(
                    new Index().on("components.componentId", Direction.ASC).on("open", Direction.ASC).named("component_open"),
                    new Index().on("open", Direction.ASC).on("monitoringSince", Direction.ASC).named("open_monitoring"),
                    new Index().on("createdAt", Direction.DESC).named("created"),
                    new Index().on("pendingEvents", Direction.ASC).named("pending_events")),
            ComponentState.class, List.of(new Index().on("pendingEvents", Direction.ASC).named("pending_events")),
            Maintenance.class, List.of(new Index().on("status", Direction.ASC).named("status")));

    private final MongoTemplate mongo;
    private volatile boolean created;

    DatabaseIndexes(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    @Override
    public void afterPropertiesSet() {
        ensure();
    }

    @Scheduled(initialDelay = 60_000, fixedDelay = 60_000)
    void ensure() {
        if (created) {
            return;
        }
        try {
            INDEXES.forEach((type, indexes) -> indexes.forEach(index -> mongo.indexOps(type).createIndex(index)));
            created = true;
        } catch (RuntimeException e) {
            log.warn("Could not create the database indexes, trying again in a minute: {}", e.getMessage());
        }
    }
}
