package io.contingo.devstack;

import java.util.Date;
import java.util.List;

import org.bson.Document;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;

/**
 * The demo's one customer, subscribed to every component: written into notification-service's database
 * (a {@code subscribers} document as that service stores it) when missing, so that a demo outage sends mail.
 */
public final class DemoCustomer {

    public static final String EMAIL = "ana.garcia@example.com";

    private DemoCustomer() {
    }

    /** Adds the demo customer to {@code contingo-notification} on the given server, unless already there. */
    public static void seed(String mongoUri) {
        try (MongoClient client = MongoClients.create(mongoUri)) {
            MongoCollection<Document> subscribers = client.getDatabase("contingo-notification").getCollection("subscribers");
            if (subscribers.find(Filters.eq("_id", "demo-customer")).first() != null) {
                return;
            }
            subscribers.replaceOne(Filters.eq("_id", "demo-customer"), new Document("_id", "demo-customer")
                    .append("email", EMAIL)
                    .append("name", "Ana García")
                    .append("timeZone", "Europe/Madrid")
                    .append("locale", "en")
                    .append("components", List.of("*"))
                    .append("confirmed", true)
                    .append("createdAt", new Date()), new ReplaceOptions().upsert(true));
        }
    }
}
