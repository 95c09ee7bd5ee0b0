package io.contingo.incident.drp;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.bson.Document;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.UpdateOptions;

import io.contingo.incident.catalog.Catalog;

/**
 * Each site pair's state, in {@code site_pairs}: the roles of its sites (active, standby, maintenance, inactive),
 * the site customers are served from, whether the active site was declared lost, and the run in progress (at most
 * one per pair, claimed with a conditional write so that two instances never start two). Every change of roles is
 * kept with who made it, when and why.
 */
@Component
public class SitePairs {

    static final Set<String> ROLES = Set.of("active", "standby", "maintenance", "inactive");
    private static final String COLLECTION = "site_pairs";

    /** A change of roles: by a run's step or by an administrator's switchover. */
    public record RoleChange(Instant at, String by, Map<String, String> roles, String reason, String runId) {
    }

    /** A pair as it stands. */
    public record State(String pairId, Map<String, String> roles, String servingSiteId, Instant lostAt, String lostBy,
            String openRunId, List<RoleChange> changes) {

        public String roleOf(String siteId) {
            return roles.getOrDefault(siteId, "inactive");
        }
    }

    private final MongoTemplate mongo;
    private final DrpSettings settings;
    private final Catalog catalog;
    private final Clock clock;

    SitePairs(MongoTemplate mongo, DrpSettings settings, Catalog catalog, Clock clock) {
        this.mongo = mongo;
        this.settings = settings;
        this.catalog = catalog;
        this.clock = clock;
    }

    /** Each pair starts with the roles of the catalog, served from its production site. */
    @EventListener(ApplicationReadyEvent.class)
    @Order(0)
    void seed() {
        for (DrpSettings.Pair pair : settings.pairs()) {
            Map<String, String> roles = new LinkedHashMap<>();
            catalog.sites().stream().filter(s -> s.id().equals(pair.productionSite()) || s.id().equals(pair.contingencySite()))
                    .forEach(s -> roles.put(s.id(), s.role()));
            collection().updateOne(Filters.eq("_id", pair.id()), new Document("$setOnInsert", new Document("roles", new Document(roles))
                    .append("servingSiteId", pair.productionSite()).append("changes", List.of())), new UpdateOptions().upsert(true));
        }
    }

    public State get(String pairId) {
        settings.pair(pairId);
        Document d = collection().find(Filters.eq("_id", pairId)).first();
        if (d == null) {
            seed();
            d = collection().find(Filters.eq("_id", pairId)).first();
        }
        return read(d);
    }

    public List<State> all() {
        return settings.pairs().stream().map(p -> get(p.id())).toList();
    }

    /** The pair whose sites include this one, if any. */
    public java.util.Optional<DrpSettings.Pair> pairOfSite(String siteId) {
        return settings.pairs().stream().filter(p -> p.productionSite().equals(siteId) || p.contingencySite().equals(siteId)).findFirst();
    }

    /** Sets roles (those named; others keep theirs), recorded with who, why and which run. */
    public State setRoles(String pairId, Map<String, String> roles, String by, String reason, String runId) {
        DrpSettings.Pair pair = settings.pair(pairId);
        Map<String, String> next = new LinkedHashMap<>(get(pairId).roles());
        roles.forEach((site, role) -> {
            if (!site.equals(pair.productionSite()) && !site.equals(pair.contingencySite())) {
                throw new DrpRefusal("roles: " + site + " is not a site of the pair " + pairId + " (" + pair.productionSite()
                        + ", " + pair.contingencySite() + ")");
            }
            if (!ROLES.contains(role)) {
                throw new DrpRefusal("roles." + site + ": active, standby, maintenance or inactive, not " + role);
            }
            next.put(site, role);
        });
        if (next.values().stream().filter("active"::equals).count() > 1 || next.values().stream().filter("standby"::equals).count() > 1) {
            throw new DrpRefusal("roles: at most one active and one standby site per pair, asked for " + next);
        }
        Instant now = clock.instant();
        Document change = new Document("at", java.util.Date.from(now)).append("by", by).append("roles", new Document(next))
                .append("reason", reason).append("runId", runId);
        collection().updateOne(Filters.eq("_id", pairId), new Document("$set", new Document("roles", new Document(next)))
                .append("$push", new Document("changes", change)));
        return get(pairId);
    }

    /** Customers are served from this site now (the entry URL points to it). */
    void serveFrom(String pairId, String siteId) {
        collection().updateOne(Filters.eq("_id", pairId), new Document("$set", new Document("servingSiteId", siteId)));
    }

    /** An agent (or the watch) says the active site is lost, from {@code at}; kept until a run ends. */
    void declareLost(String pairId, Instant at, String by) {
        collection().updateOne(Filters.and(Filters.eq("_id", pairId), Filters.eq("lostAt", null)),
                new Document("$set", new Document("lostAt", java.util.Date.from(at)).append("lostBy", by)));
    }

    void clearLost(String pairId) {
        collection().updateOne(Filters.eq("_id", pairId), new Document("$unset", new Document("lostAt", "").append("lostBy", "")));
    }

    /** Claims the pair for a run: false when another run holds it. */
    boolean claim(String pairId, String runId) {
        return collection().findOneAndUpdate(Filters.and(Filters.eq("_id", pairId), Filters.eq("openRunId", null)),
                new Document("$set", new Document("openRunId", runId)), new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER)) != null;
    }

    void release(String pairId, String runId) {
        collection().updateOne(Filters.and(Filters.eq("_id", pairId), Filters.eq("openRunId", runId)),
                new Document("$unset", new Document("openRunId", "")));
    }

    @SuppressWarnings("unchecked")
    private static State read(Document d) {
        Map<String, String> roles = new LinkedHashMap<>();
        ((Document) d.get("roles")).forEach((k, v) -> roles.put(k, (String) v));
        List<RoleChange> changes = new ArrayList<>();
        for (Document c : (List<Document>) d.getOrDefault("changes", List.of())) {
            Map<String, String> r = new LinkedHashMap<>();
            ((Document) c.get("roles")).forEach((k, v) -> r.put(k, (String) v));
            changes.add(new RoleChange(c.getDate("at").toInstant(), c.getString("by"), r, c.getString("reason"), c.getString("runId")));
        }
        return new State(d.getString("_id"), roles, d.getString("servingSiteId"),
                d.getDate("lostAt") == null ? null : d.getDate("lostAt").toInstant(), d.getString("lostBy"),
                d.getString("openRunId"), changes);
    }

    private com.mongodb.client.MongoCollection<Document> collection() {
        return mongo.getCollection(COLLECTION);
    }
}
