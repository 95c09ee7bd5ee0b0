package io.contingo.incident.incident;

import org.springframework.data.mongodb.core.MongoTemplate;

import io.contingo.incident.outbox.OutboxSignal;

/** Incidents for tests of other packages. */
public final class TestIncidents {

    private TestIncidents() {
    }

    public static Incidents on(MongoTemplate mongo, OutboxSignal outbox, IncidentSettings settings) {
        return new Incidents(mongo, outbox, settings);
    }
}
