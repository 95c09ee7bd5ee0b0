package io.contingo.health.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Updates;

import io.contingo.devstack.TestInfrastructure;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.validation.Validation;

/**
 * The monitors' store on the real MongoDB-wire server: monitors are stored as documents of their fields, so a
 * header that looks like extended JSON comes back as it was written, and a document that cannot be read is left
 * out (logged and counted) without stopping the start or the refresh of the others.
 */
class MonitorStoreIntegrationTests {

    private final String database = "health-store-" + ProcessHandle.current().pid() + "-" + System.nanoTime();
    private final MongoClient client = MongoClients.create(TestInfrastructure.mongoUri(database));
    private final MongoTemplate mongo = new MongoTemplate(client, database);
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final MonitorStore store = new MonitorStore(mongo, meters);

    @AfterEach
    void close() {
        client.close();
    }

    @Test
    void headersComeBackAsTheyWereWrittenWhateverTheyLookLike() {
        HttpMonitor monitor = MonitorBuilder.http("http://127.0.0.1/").id("typed")
                .header("X-Trace.Id", "{\"$numberLong\": \"x\"}").header("Accept", "{\"$date\": 0}")
                .header("$numberLong", "1").build(); // refused by the rules since, but stored by older versions
        store.insert(monitor, "admin", false);

        assertThat(store.find("typed").orElseThrow().definition()).isEqualTo(monitor);
        assertThat(store.all()).extracting(StoredMonitor::definition).containsExactly(monitor);
    }

    @Test
    void anUnreadableDocumentIsLeftOutAndCountedWithoutStoppingTheStartOrTheRefresh() {
        store.insert(MonitorBuilder.http("http://127.0.0.1/a").id("a").build(), "admin", false);
        insertRaw(new Document("_id", "broken").append("type", "http").append("url", "http://127.0.0.1/")
                .append("interval", "often"));
        store.insert(MonitorBuilder.http("http://127.0.0.1/b").id("b").build(), "admin", false);

        assertThat(store.all()).extracting(StoredMonitor::id).containsExactly("a", "b");
        assertThat(meters.get("contingo.monitors.unreadable").gauge().value()).isEqualTo(1);

        MonitorCatalog catalog = new MonitorCatalog(store, new MonitorSettings(List.of()),
                new ProbeSettings("probe-store", "local", List.of(), 64, Duration.ofSeconds(6), Duration.ofSeconds(2),
                        Duration.ofSeconds(2)),
                Validation.buildDefaultValidatorFactory().getValidator(), id -> { }, null);
        assertThat(catalog.all()).extracting(StoredMonitor::id).containsExactly("a", "b");

        insertRaw(new Document("_id", "legacy").append("type", "http").append("url", "http://127.0.0.1/")
                .append("headers", 1L)); // what the JSON text {"$numberLong":"1"} was parsed into
        store.insert(MonitorBuilder.http("http://127.0.0.1/c").id("c").build(), "admin", false);
        catalog.refresh();

        assertThat(catalog.find("c")).as("a change after an unreadable one is read").isPresent();
        assertThat(meters.get("contingo.monitors.unreadable").gauge().value()).isEqualTo(2);
        assertThat(store.changedSince(0).latest()).as("the unreadable are passed over, not read again and again")
                .isEqualTo(catalog.revision());
    }

    /** A document as an older version, or a hand, may have written it, with the next revision. */
    private void insertRaw(Document document) {
        Document counter = mongo.getCollection("monitor_revisions").findOneAndUpdate(Filters.eq("_id", MonitorStore.COLLECTION),
                Updates.inc("value", 1L), new FindOneAndUpdateOptions().upsert(true).returnDocument(ReturnDocument.AFTER));
        mongo.getCollection(MonitorStore.COLLECTION).insertOne(document.append("paused", false).append("deleted", false)
                .append("revision", ((Number) counter.get("value")).longValue()));
    }
}
