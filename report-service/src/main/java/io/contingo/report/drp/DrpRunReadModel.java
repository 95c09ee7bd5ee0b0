package io.contingo.report.drp;

import java.util.function.Consumer;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.MongoTemplate;

import io.contingo.events.DrpEvent;
import io.contingo.report.snapshot.LatestSnapshots;

/**
 * {@code onDrpEvent}: keeps report-service's own copy of every DRP run, rebuilt from {@code drp-events}. Both
 * {@code RUN_CHANGED} and {@code SERVING_SITE_CHANGED} carry the run whole; an event whose sequence is not newer
 * than the stored one never overwrites the newer snapshot. The executors' {@code STEP_FINISHED} outcomes, on the
 * same topic, are incident-service's to judge: the run that follows them is what is reported.
 */
@Configuration
class DrpRunReadModel {

    @Bean
    Consumer<DrpEvent> onDrpEvent(MongoTemplate mongo) {
        return event -> {
            if (event.type() != DrpEvent.Type.STEP_FINISHED) {
                LatestSnapshots.keep(mongo, event.runId(), event.sequence(),
                        new DrpRunRecord(event.runId(), event.sequence(), event.run()), DrpRunRecord.class);
            }
        };
    }
}
