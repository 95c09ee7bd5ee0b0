package io.contingo.devstack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;

/**
 * A server that speaks the MongoDB wire protocol (mongo-java-server). With a file it keeps its data in an
 * H2 store that survives restarts; without one it keeps data in memory (tests).
 * No sessions, transactions or change streams: Contingo's code relies on single-document atomicity only.
 */
public final class MongoWireServer implements AutoCloseable {

    private final MongoServer server;
    private final MongoBackend backend;
    private final String uri;

    private MongoWireServer(MongoServer server, MongoBackend backend, String uri) {
        this.server = server;
        this.backend = backend;
        this.uri = uri;
    }

    /** Listens on {@code port}, data in {@code file} (H2 MVStore). */
    public static MongoWireServer start(Path file, int port) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        return start(new H2Backend(file.toAbsolutePath().toString()), port);
    }

    /** Listens on a free port, data in memory (for tests). */
    public static MongoWireServer startInMemory() {
        return start(new MemoryBackend(), FreePorts.next());
    }

    private static MongoWireServer start(MongoBackend backend, int port) {
        MongoServer server = new MongoServer(backend);
        server.bind("127.0.0.1", port);
        return new MongoWireServer(server, backend, "mongodb://127.0.0.1:" + port);
    }

    /** The connection string, without a database name. */
    public String uri() {
        return uri;
    }

    @Override
    public void close() {
        server.shutdown();
        backend.close();
    }
}
