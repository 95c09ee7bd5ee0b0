package io.contingo.health.push;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/** The {@link MetricsSample} of each metrics monitor, in health-service's own database. */
@Component
public class MetricsSamples {

    private final MongoTemplate mongo;

    MetricsSamples(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    public MetricsSample of(String monitorId) {
        MetricsSample sample = mongo.findById(monitorId, MetricsSample.class);
        return sample == null ? MetricsSample.none(monitorId) : sample;
    }

    /** Replaces the monitor's sample: the latest push is all that counts. */
    MetricsSample save(MetricsSample sample) {
        return mongo.save(sample);
    }
}
