package io.contingo.devstack;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * One Kafka broker and one MongoDB-wire server per test JVM, on free ports, started on first use and
 * stopped when the JVM exits. Integration tests of every service run on these real parts; Spring tests
 * point their properties at {@link #kafkaBootstrapServers()} and {@link #mongoUri(String)}.
 */
public final class TestInfrastructure {

    private static KafkaBroker kafka;
    private static MongoWireServer mongo;

    private TestInfrastructure() {
    }

    public static synchronized String kafkaBootstrapServers() {
        if (kafka == null) {
            try {
                kafka = KafkaBroker.startTemporary();
            } catch (IOException e) {
                throw new UncheckedIOException("Could not start the test Kafka broker", e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(kafka::close, "test-kafka-shutdown"));
        }
        return kafka.bootstrapServers();
    }

    /** A connection string for {@code database} on the shared MongoDB-wire server (data in memory). */
    public static synchronized String mongoUri(String database) {
        if (mongo == null) {
            mongo = MongoWireServer.startInMemory();
            Runtime.getRuntime().addShutdownHook(new Thread(mongo::close, "test-mongo-shutdown"));
        }
        return mongo.uri() + "/" + database;
    }
}
