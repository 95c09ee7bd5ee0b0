package io.contingo.report.backup;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

import io.contingo.events.HealthEvent;

/**
 * {@code onHealthEvent}: keeps every good backup the backup monitors report (the ground of the monthly report's
 * backups against the RPO), read from {@code health-events}. A backup result names, for each kind, when its newest
 * good backup finished; each distinct one is stored once, and the monitor's target and schedule with it. Every other
 * health result is passed over.
 */
@Configuration
class BackupHistory {

    static final String RPO_TARGET = "rpoTargetSeconds";
    static final String LAST_GOOD_AT = "lastGoodAt.";
    static final String EVERY = "every.";

    /** What was last stored, per monitor and kind, so that the checks in between cost no write. */
    private final Map<String, Instant> stored = new ConcurrentHashMap<>();
    private final Map<String, BackupMonitorRecord> monitors = new ConcurrentHashMap<>();

    @Bean
    Consumer<HealthEvent> onHealthEvent(MongoTemplate mongo) {
        return event -> {
            Map<String, String> attributes = event.attributes();
            if (!attributes.containsKey(RPO_TARGET)) {
                return; // not a backup monitor's result
            }
            keepMonitor(mongo, event);
            attributes.forEach((name, value) -> {
                if (name.startsWith(LAST_GOOD_AT)) {
                    keepBackup(mongo, event.monitorId(), name.substring(LAST_GOOD_AT.length()), instant(value, name));
                }
            });
        };
    }

    private void keepBackup(MongoTemplate mongo, String monitorId, String kind, Instant at) {
        String key = monitorId + "|" + kind;
        if (at.equals(stored.get(key))) {
            return;
        }
        try {
            mongo.insert(GoodBackup.of(monitorId, kind, at));
        } catch (DuplicateKeyException alreadyStored) {
            // seen before a restart, or by the other instance
        }
        stored.put(key, at);
    }

    private void keepMonitor(MongoTemplate mongo, HealthEvent event) {
        Map<String, Long> every = new HashMap<>();
        event.attributes().forEach((name, value) -> {
            if (name.startsWith(EVERY)) {
                every.put(name.substring(EVERY.length()), seconds(value, name));
            }
        });
        long target = seconds(event.attributes().get(RPO_TARGET), RPO_TARGET);
        BackupMonitorRecord known = monitors.get(event.monitorId());
        if (known != null && known.rpoTargetSeconds() == target && known.everySeconds().equals(every)
                && Objects.equals(known.componentId(), event.componentId())) {
            return;
        }
        Update update = new Update().set("componentId", event.componentId()).set("siteId", event.siteId())
                .set("rpoTargetSeconds", target).set("everySeconds", every).min("firstSeenAt", event.observedAt());
        mongo.upsert(Query.query(Criteria.where("_id").is(event.monitorId())), update, BackupMonitorRecord.class);
        monitors.put(event.monitorId(), mongo.findById(event.monitorId(), BackupMonitorRecord.class));
    }

    private static Instant instant(String value, String name) {
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(name + " is not an instant: " + value, e); // parked on health-events.dlq
        }
    }

    private static long seconds(String value, String name) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " is not a number of seconds: " + value, e);
        }
    }
}
