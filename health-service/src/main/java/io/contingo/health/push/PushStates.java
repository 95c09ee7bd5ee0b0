package io.contingo.health.push;

import java.util.function.UnaryOperator;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/** The {@link PushState} of each pushed monitor, in health-service's own database. */
@Component
public class PushStates {

    private final MongoTemplate mongo;

    PushStates(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    public PushState of(String monitorId) {
        PushState state = mongo.findById(monitorId, PushState.class);
        return state == null ? PushState.none(monitorId) : state;
    }

    /** Reads, changes and saves one monitor's state; pushes to the same monitor are taken one at a time. */
    synchronized PushState update(String monitorId, UnaryOperator<PushState> change) {
        return mongo.save(change.apply(of(monitorId)));
    }
}
