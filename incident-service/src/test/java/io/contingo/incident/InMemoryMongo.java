package io.contingo.incident;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.data.mongodb.core.MongoTemplate;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;

import io.contingo.devstack.MongoWireServer;

/**
 * A MongoDB-wire server in memory for the tests of one class ({@code @RegisterExtension static}), and a fresh
 * database on it for each test that asks.
 */
public final class InMemoryMongo implements BeforeAllCallback, AfterAllCallback {

    private MongoWireServer server;
    private MongoClient client;

    @Override
    public void beforeAll(ExtensionContext context) {
        server = MongoWireServer.startInMemory();
        client = MongoClients.create(server.uri());
    }

    @Override
    public void afterAll(ExtensionContext context) {
        client.close();
        server.close();
    }

    public MongoClient client() {
        return client;
    }

    /** A database no other test has used. */
    public MongoTemplate freshDatabase(String prefix) {
        return new MongoTemplate(client, freshDatabaseName(prefix));
    }

    /** The name of a database no other test has used, for a test that builds its own template on {@link #client()}. */
    public String freshDatabaseName(String prefix) {
        return prefix + "-" + System.nanoTime();
    }
}
