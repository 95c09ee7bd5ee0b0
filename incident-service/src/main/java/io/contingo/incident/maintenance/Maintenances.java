package io.contingo.incident.maintenance;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import io.contingo.incident.component.ComponentState;
import io.contingo.incident.component.HandlingHealthEvents;

/**
 * Plans and cancels maintenance windows, and every second moves them along the clock: a window starts and
 * ends by itself, and the components it covers follow. Safe with several instances: a window changes state
 * under optimistic locking, and the components are reconciled with the windows in progress on every pass,
 * so a crash between the two writes is mended on the next one.
 */
@Component
public class Maintenances {

    private static final Logger log = LoggerFactory.getLogger(Maintenances.class);
    private static final DateTimeFormatter ID_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmm").withZone(ZoneOffset.UTC);

    private final MongoTemplate mongo;
    private final HandlingHealthEvents components;
    private final Clock clock;

    Maintenances(MongoTemplate mongo, HandlingHealthEvents components, Clock clock) {
        this.mongo = mongo;
        this.components = components;
        this.clock = clock;
    }

    public Maintenance plan(String name, String description, List<Maintenance.Covered> covered, Instant from, Instant until,
            String agent) {
        Instant now = clock.instant();
        byte[] random = new byte[2];
        ThreadLocalRandom.current().nextBytes(random);
        Maintenance maintenance = Maintenance.plan("mnt-" + ID_TIME.format(from) + "-" + HexFormat.of().formatHex(random), name,
                description, covered, from, until, agent, now);
        maintenance.advance(now); // a window planned to start now starts now
        mongo.insert(maintenance);
        reconcile(now);
        return maintenance;
    }

    /** Cancels a window read at {@code expectedVersion}; throws {@link OptimisticLockingFailureException} if it changed. */
    public void cancel(String id, long expectedVersion) {
        Maintenance maintenance = find(id).orElseThrow(() -> new IllegalArgumentException("No maintenance " + id));
        if (maintenance.version() == null || maintenance.version() != expectedVersion) {
            throw new OptimisticLockingFailureException("Maintenance " + id + " changed meanwhile");
        }
        Instant now = clock.instant();
        maintenance.cancel(now);
        mongo.save(maintenance);
        reconcile(now);
    }

    public Optional<Maintenance> find(String id) {
        return Optional.ofNullable(mongo.findById(id, Maintenance.class));
    }

    /** Windows in progress or planned, soonest first. */
    public List<Maintenance> current() {
        return mongo.find(query(where("status").in(Maintenance.Status.SCHEDULED, Maintenance.Status.IN_PROGRESS))
                .with(Sort.by("scheduledFor")), Maintenance.class);
    }

    /** The most recent windows of any status, newest first. */
    public List<Maintenance> recent(int limit) {
        return mongo.find(new org.springframework.data.mongodb.core.query.Query().with(Sort.by(Sort.Direction.DESC, "scheduledFor"))
                .limit(limit), Maintenance.class);
    }

    @Scheduled(fixedDelayString = "${contingo.maintenance.tick:1s}")
    void tick() {
        Instant now = clock.instant();
        try {
            for (Maintenance maintenance : current()) {
                if (maintenance.advance(now)) {
                    try {
                        mongo.save(maintenance);
                        log.info("Maintenance {} is now {}", maintenance.id(), maintenance.status());
                    } catch (OptimisticLockingFailureException anotherInstance) {
                        // another instance moved it first
                    }
                }
            }
            reconcile(now);
        } catch (RuntimeException e) {
            log.warn("Maintenance pass failed, trying again on the next one: {}", e.toString());
        }
    }

    /** Puts each component under the window in progress that covers it, and takes it out of any other. */
    private void reconcile(Instant now) {
        Map<String, String> wanted = new HashMap<>();
        for (Maintenance active : mongo.find(query(where("status").is(Maintenance.Status.IN_PROGRESS)), Maintenance.class)) {
            active.components().forEach(c -> wanted.putIfAbsent(c.componentId(), active.id()));
        }
        for (ComponentState state : mongo.find(query(new org.springframework.data.mongodb.core.query.Criteria().orOperator(
                where("maintenanceId").ne(null), where("_id").in(wanted.keySet()))), ComponentState.class)) {
            String want = wanted.get(state.componentId());
            String current = state.maintenanceId();
            if (current != null && !current.equals(want)) {
                components.endMaintenance(state.componentId(), current, now);
            }
            if (want != null && !want.equals(current)) {
                components.startMaintenance(state.componentId(), want, now);
            }
        }
    }
}
