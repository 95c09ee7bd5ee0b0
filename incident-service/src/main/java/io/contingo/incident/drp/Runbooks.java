package io.contingo.incident.drp;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.Sorts;

import io.contingo.incident.catalog.Catalog;
import tools.jackson.databind.json.JsonMapper;

/**
 * The runbooks, kept in {@code runbooks}: those of the configuration are stored at start-up when missing, so that
 * an administrator's edits survive restarts. Every save is checked first ({@link RunbookRules}); a refused one
 * changes nothing.
 */
@Component
public class Runbooks {

    private static final Logger log = LoggerFactory.getLogger(Runbooks.class);
    private static final String COLLECTION = "runbooks";

    private final MongoTemplate mongo;
    private final JsonMapper json;
    private final Clock clock;
    private final DrpSettings settings;
    private final RunbookRules rules;

    Runbooks(MongoTemplate mongo, JsonMapper json, Clock clock, DrpSettings settings, Catalog catalog) {
        this.mongo = mongo;
        this.json = json;
        this.clock = clock;
        this.settings = settings;
        Set<String> sites = new HashSet<>();
        Set<String> components = new HashSet<>();
        catalog.sites().forEach(site -> {
            sites.add(site.id());
            site.components().forEach(c -> components.add(c.id()));
        });
        this.rules = new RunbookRules(settings, settings.denyList(),
                sites, components);
    }

    /** Stores the configured runbooks that are not stored yet; a configured runbook that is wrong stops start-up. */
    @EventListener(ApplicationReadyEvent.class)
    @Order(0)
    void seed() {
        for (Runbook runbook : settings.runbooks()) {
            List<String> problems = rules.problems(runbook);
            if (!problems.isEmpty()) {
                throw new IllegalStateException("The runbook " + runbook.id() + " in contingo.drp.runbooks is wrong: " + problems);
            }
            Document stored = document(runbook, "configuration");
            stored.remove("_id");
            mongo.getCollection(COLLECTION).updateOne(Filters.eq("_id", runbook.id()),
                    new Document("$setOnInsert", stored), new com.mongodb.client.model.UpdateOptions().upsert(true));
        }
        log.info("{} runbooks stored", mongo.getCollection(COLLECTION).countDocuments());
    }

    public Optional<Runbook> find(String id) {
        return Optional.ofNullable(mongo.getCollection(COLLECTION).find(Filters.eq("_id", id)).first()).map(this::read);
    }

    public Runbook get(String id) {
        return find(id).orElseThrow(() -> new DrpRefusal.NotFound("No runbook " + id));
    }

    public List<Runbook> all() {
        List<Runbook> all = new ArrayList<>();
        mongo.getCollection(COLLECTION).find().sort(Sorts.ascending("_id")).forEach(d -> all.add(read(d)));
        return all;
    }

    /** Who last changed a runbook, and when. */
    public record Edit(String by, Instant at) {
    }

    public Optional<Edit> lastEdit(String id) {
        return Optional.ofNullable(mongo.getCollection(COLLECTION).find(Filters.eq("_id", id)).first())
                .map(d -> new Edit(d.getString("updatedBy"), d.getDate("updatedAt").toInstant()));
    }

    /**
     * Stores a runbook (new, or replacing the one of the same id), or refuses it with every problem named.
     *
     * @throws DrpRefusal with the problems when the runbook is wrong; nothing is stored then
     */
    public Runbook save(Runbook runbook, String by) {
        List<String> problems = rules.problems(runbook);
        if (!problems.isEmpty()) {
            throw new DrpRefusal("The runbook is not valid: " + String.join("; ", problems), problems);
        }
        mongo.getCollection(COLLECTION).replaceOne(Filters.eq("_id", runbook.id()), document(runbook, by),
                new ReplaceOptions().upsert(true));
        return runbook;
    }

    /**
     * A runbook from the API's JSON, whose step kinds may be written as in the configuration ({@code wait-for-health})
     * or as in the events ({@code WAIT_FOR_HEALTH}).
     */
    Runbook fromJson(tools.jackson.databind.JsonNode body) {
        if (body.get("steps") instanceof tools.jackson.databind.node.ArrayNode steps) {
            for (tools.jackson.databind.JsonNode step : steps) {
                if (step instanceof tools.jackson.databind.node.ObjectNode object && step.get("kind") != null && step.get("kind").isString()) {
                    object.put("kind", step.get("kind").asString().trim().replace('-', '_').toUpperCase(java.util.Locale.ROOT));
                }
            }
        }
        if (body instanceof tools.jackson.databind.node.ObjectNode object && body.get("kind") != null && body.get("kind").isString()) {
            object.put("kind", body.get("kind").asString().trim().toUpperCase(java.util.Locale.ROOT));
        }
        return json.treeToValue(body, Runbook.class);
    }

    /** Why a webhook may not call this URL, if it may not (the deny-list, the scheme). */
    Optional<String> webhookUrlProblem(String url) {
        return rules.webhookUrlProblem(url);
    }

    private Document document(Runbook runbook, String by) {
        return new Document("_id", runbook.id()).append("json", json.writeValueAsString(runbook))
                .append("updatedBy", by).append("updatedAt", java.util.Date.from(clock.instant()));
    }

    private Runbook read(Document document) {
        return json.readValue(document.getString("json"), Runbook.class);
    }
}
