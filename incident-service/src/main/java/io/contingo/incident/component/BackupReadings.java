package io.contingo.incident.component;


import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import org.bson.Document;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;

import io.contingo.events.HealthEvent;

/**
 * The last backup report of each backup monitor: the age of its last good backup ({@code rpoSeconds}) when it was
 * observed. The disaster recovery reads it to tell how much data a switch to the standby site would lose.
 * Kept in {@code backup_readings}, one document per monitor, newer observations only.
 */
@Component
public class BackupReadings {

    /** The attribute of a backup monitor's result: the age of the last good backup, in seconds. */
    public static final String RPO_SECONDS = "rpoSeconds";
    private static final String COLLECTION = "backup_readings";

    /** One monitor's last report: the last good backup was {@code rpoSeconds} old at {@code observedAt}. */
    public record Reading(String monitorId, String siteId, String componentId, long rpoSeconds, Instant observedAt) {

        /** The age of the last good backup at {@code now}. */
        public Duration exposureAt(Instant now) {
            return Duration.ofSeconds(rpoSeconds).plus(Duration.between(observedAt, now).isNegative()
                    ? Duration.ZERO : Duration.between(observedAt, now));
        }
    }

    private final MongoTemplate mongo;

    BackupReadings(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /** Keeps the backup reports among {@code events}: for each monitor, the newest one. */
    void record(Collection<HealthEvent> events) {
        List<HealthEvent> reports = new ArrayList<>();
        for (HealthEvent event : events) {
            if (event.attributes().containsKey(RPO_SECONDS)) {
                reports.add(event);
            }
        }
        reports.sort(Comparator.comparing(HealthEvent::observedAt));
        for (HealthEvent event : reports) {
            long seconds;
            try {
                seconds = Long.parseLong(event.attributes().get(RPO_SECONDS));
            } catch (NumberFormatException e) {
                continue;
            }
            Document reading = new Document("_id", event.monitorId()).append("siteId", event.siteId())
                    .append("componentId", event.componentId()).append("rpoSeconds", seconds)
                    .append("observedAt", java.util.Date.from(event.observedAt()));
            try {
                mongo.getCollection(COLLECTION).replaceOne(Filters.and(Filters.eq("_id", event.monitorId()),
                        Filters.lt("observedAt", java.util.Date.from(event.observedAt()))), reading, new ReplaceOptions().upsert(true));
            } catch (DuplicateKeyException | com.mongodb.MongoWriteException e) {
                // a newer reading is stored already: the upsert found no older one and could not insert
            }
        }
    }

    /** The last report of one monitor. */
    public Optional<Reading> of(String monitorId) {
        return Optional.ofNullable(mongo.getCollection(COLLECTION).find(Filters.eq("_id", monitorId)).first())
                .map(d -> new Reading(d.getString("_id"), d.getString("siteId"), d.getString("componentId"),
                        ((Number) d.get("rpoSeconds")).longValue(), d.getDate("observedAt").toInstant()));
    }
}
