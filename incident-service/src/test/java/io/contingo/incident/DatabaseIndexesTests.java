package io.contingo.incident;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;

import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.IndexDefinition;
import org.springframework.data.mongodb.core.index.IndexOperations;

import io.contingo.incident.incident.Incident;

/**
 * The indexes incident-service asks MongoDB for. The MongoDB-wire server of the devstack keeps unique indexes
 * only, so the requests are recorded on their way to it (and must go through without error).
 */
class DatabaseIndexesTests {

    @RegisterExtension
    static final InMemoryMongo MONGO = new InMemoryMongo();

    @Test
    void theQueriesThatRunAllTheTimeHaveTheirIndexes() {
        List<String> asked = new ArrayList<>();
        String database = MONGO.freshDatabaseName("indexes");
        MongoTemplate mongo = new MongoTemplate(MONGO.client(), database) {
            @Override
            public IndexOperations indexOps(Class<?> entityClass) {
                IndexOperations real = super.indexOps(entityClass);
                return (IndexOperations) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] { IndexOperations.class },
                        (proxy, method, args) -> {
                            if (method.getName().equals("createIndex")) {
                                asked.add(getCollectionName(entityClass) + " " + ((IndexDefinition) args[0]).getIndexKeys().toJson());
                            }
                            return method.invoke(real, args);
                        });
            }
        };
        DatabaseIndexes indexes = new DatabaseIndexes(mongo);

        indexes.ensure();
        indexes.ensure(); // done once: nothing asked again

        assertThat(asked).containsExactlyInAnyOrder(
                "incidents {\"components.componentId\": 1, \"open\": 1}",
                "incidents {\"open\": 1, \"monitoringSince\": 1}",
                "incidents {\"createdAt\": -1}",
                "incidents {\"pendingEvents\": 1}",
                "component_states {\"pendingEvents\": 1}",
                "maintenances {\"status\": 1}");
        assertThat(mongo.getCollectionName(Incident.class)).isEqualTo("incidents");
        assertThat(MONGO.client().getDatabase(database).getCollection("incidents").listIndexes().into(new ArrayList<Document>()))
                .as("the server took the requests").isNotEmpty();
    }
}
