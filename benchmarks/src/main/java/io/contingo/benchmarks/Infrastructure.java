package io.contingo.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

import io.contingo.devstack.FreePorts;
import io.contingo.devstack.KafkaBroker;
import io.contingo.devstack.MongoWireServer;

/**
 * The devstack's real Kafka broker and MongoDB-wire server (data in memory) on free loopback ports, started
 * afresh for one benchmark so that no figure depends on an earlier run. The broker's log directory is
 * deleted on close.
 */
final class Infrastructure implements AutoCloseable {

    private final Path dir;
    private final KafkaBroker kafka;
    private final MongoWireServer mongo;

    private Infrastructure(Path dir, KafkaBroker kafka, MongoWireServer mongo) {
        this.dir = dir;
        this.kafka = kafka;
        this.mongo = mongo;
    }

    static Infrastructure start() throws IOException {
        Path dir = Files.createTempDirectory("contingo-bench-kafka");
        KafkaBroker kafka = KafkaBroker.start(dir, FreePorts.next(), FreePorts.next());
        return new Infrastructure(dir, kafka, MongoWireServer.startInMemory());
    }

    String bootstrapServers() {
        return kafka.bootstrapServers();
    }

    String mongoUri(String database) {
        return mongo.uri() + "/" + database;
    }

    @Override
    public void close() {
        try {
            mongo.close();
        } finally {
            kafka.close();
            delete(dir);
        }
    }

    static void delete(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException("Could not delete " + dir, e);
        }
    }
}
