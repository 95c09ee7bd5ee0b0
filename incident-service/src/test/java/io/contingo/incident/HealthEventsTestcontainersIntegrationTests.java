package io.contingo.incident;

import org.junit.jupiter.api.Test;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.mongodb.MongoDBContainer;

/**
 * The outage scenario on the images docker-compose runs (apache/kafka, mongo) instead of the devstack's
 * in-JVM parts. Skipped, and reported as skipped, where no Docker engine is available.
 */
@Testcontainers(disabledWithoutDocker = true)
class HealthEventsTestcontainersIntegrationTests {

    @Container
    static final KafkaContainer kafka = new KafkaContainer("apache/kafka:4.1.2");

    @Container
    static final MongoDBContainer mongo = new MongoDBContainer("mongo:8");

    @Test
    void anOutageOpensAnIncidentAndRecoveryResolvesItOnRealImages() throws Exception {
        new HealthEventsIntegrationTests().outageOpensAndRecoveryResolves(
                IncidentServiceRunner.on(kafka.getBootstrapServers(), mongo.getConnectionString() + "/incident"));
    }
}
