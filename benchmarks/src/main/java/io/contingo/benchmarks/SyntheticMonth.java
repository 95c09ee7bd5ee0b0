package io.contingo.benchmarks;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.UUID;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.bson.Document;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.convert.DefaultMongoTypeMapper;
import org.springframework.data.mongodb.core.convert.MappingMongoConverter;
import org.springframework.data.mongodb.core.convert.MongoCustomConversions;
import org.springframework.data.mongodb.core.convert.NoOpDbRefResolver;
import org.springframework.data.mongodb.core.mapping.MongoMappingContext;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.InsertManyOptions;

import io.contingo.events.ComponentStatus;
import io.contingo.events.IncidentSnapshot;

/**
 * The month the monthly benchmark reports on (November 2026, Europe/Madrid): the site catalog on {@code site-catalog}
 * and report-service's read models written straight into its database (status changes, incidents, backups), as
 * report-service's consumers store them. The components' days and first and latest changes are not written:
 * report-service builds them from the history when it starts, as it does for a history it has not seen.
 */
final class SyntheticMonth {

    static final YearMonth MONTH = YearMonth.of(2026, 11);
    static final ZoneId ZONE = ZoneId.of("Europe/Madrid");
    static final String DATABASE = "contingo-report-bench";
    static final String CATALOG_TOPIC = "site-catalog";
    static final int BACKUP_MONITORS = 4;
    private static final int BATCH = 10_000;
    /** The catalog named the components, and each was first seen operational, well before the month. */
    private static final Instant WATCHED_SINCE = Instant.parse("2026-10-01T00:00:00Z");

    final Instant start = MONTH.atDay(1).atStartOfDay(ZONE).toInstant();
    final Instant end = MONTH.plusMonths(1).atDay(1).atStartOfDay(ZONE).toInstant();
    private final int incidents;
    private final int changes;
    private final boolean changeBefore;
    private final Random random = new Random(20261101);

    SyntheticMonth(int incidents, int changes, boolean changeBefore) {
        this.incidents = incidents;
        this.changes = changes;
        this.changeBefore = changeBefore;
    }

    /** The catalog as incident-service publishes it: one {@code SiteDefined} per site, key siteId, on a compacted topic. */
    void publishCatalog(String bootstrap, SyntheticCatalog catalog, List<SyntheticCatalog.Component> all) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.createTopics(List.of(new NewTopic(CATALOG_TOPIC, 1, (short) 1).configs(Map.of("cleanup.policy", "compact"))))
                    .all().get();
        }
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props)) {
            for (int s = 0; s < catalog.sites(); s++) {
                String siteId = catalog.siteId(s);
                StringBuilder list = new StringBuilder();
                for (SyntheticCatalog.Component c : all) {
                    if (c.siteId().equals(siteId)) {
                        list.append(list.isEmpty() ? "" : ",").append("{\"id\":\"").append(c.id()).append("\",\"name\":\"")
                                .append(name(c)).append("\"}");
                    }
                }
                String value = "{\"eventId\":\"%s\",\"siteId\":\"%s\",\"occurredAt\":\"%s\",\"name\":\"%s\",\"components\":[%s]}"
                        .formatted(UUID.randomUUID(), siteId, WATCHED_SINCE, siteName(siteId), list);
                producer.send(new ProducerRecord<>(CATALOG_TOPIC, siteId, value)).get();
            }
        }
    }

    private static String name(SyntheticCatalog.Component c) {
        return "Service " + c.id().substring(c.id().lastIndexOf('c') + 1) + " (" + c.siteId() + ")";
    }

    private static String siteName(String siteId) {
        return siteId.equals("site-000") ? "Madrid data centre" : "Barcelona data centre";
    }

    /** Writes the read models; the number of documents and the seconds each collection took, by name. */
    Map<String, Double> load(String uri, List<SyntheticCatalog.Component> all) {
        Map<String, Double> loaded = new LinkedHashMap<>();
        try (MongoClient client = MongoClients.create(uri)) {
            MongoDatabase db = client.getDatabase(DATABASE);
            long t = System.nanoTime();
            long n = insert(db.getCollection("component_status_history"), statusChanges(all));
            loaded.put("component_status_history", (double) n);
            loaded.put("seconds:component_status_history", (System.nanoTime() - t) / 1e9);
            Benchmarks.progress("Monthly: %,d status changes written in %.1f s".formatted(n, (System.nanoTime() - t) / 1e9));
            t = System.nanoTime();
            n = insert(db.getCollection("incidents"), incidents(all));
            loaded.put("incidents", (double) n);
            Benchmarks.progress("Monthly: %,d incidents written in %.1f s".formatted(n, (System.nanoTime() - t) / 1e9));
            t = System.nanoTime();
            List<Document> monitors = new ArrayList<>();
            n = insert(db.getCollection("good_backups"), backups(all, monitors));
            insert(db.getCollection("backup_monitors"), monitors.iterator());
            loaded.put("good_backups", (double) n);
            Benchmarks.progress("Monthly: %,d good backups of %d monitors written in %.1f s".formatted(n, monitors.size(),
                    (System.nanoTime() - t) / 1e9));
        }
        return loaded;
    }

    private static long insert(MongoCollection<Document> collection, java.util.Iterator<Document> documents) {
        long count = 0;
        List<Document> batch = new ArrayList<>(BATCH);
        while (documents.hasNext()) {
            batch.add(documents.next());
            if (batch.size() == BATCH || !documents.hasNext()) {
                collection.insertMany(batch, new InsertManyOptions().ordered(false));
                count += batch.size();
                batch.clear();
            }
        }
        return count;
    }

    /**
     * Each component's changes, spread over the month in order with increasing sequence after a first OPERATIONAL
     * before it: episodes of trouble (degraded 45 %, partial 30 %, major 20 %, maintenance 5 %, a third of them moving
     * to another status before recovering), each short (its status lasts 1/20 of an operational stretch), so that
     * components are down a few percent of the month. Generated as they are written, not held.
     */
    private java.util.Iterator<Document> statusChanges(List<SyntheticCatalog.Component> all) {
        int perComponent = Math.max(0, changes / all.size());
        int extra = changes - perComponent * all.size();
        return new java.util.Iterator<>() {
            int component = 0;
            List<Document> pending = List.of();
            int next = 0;

            @Override
            public boolean hasNext() {
                while (next >= pending.size() && component < all.size()) {
                    pending = history(all.get(component), perComponent + (component < extra ? 1 : 0));
                    next = 0;
                    component++;
                }
                return next < pending.size();
            }

            @Override
            public Document next() {
                hasNext();
                return pending.get(next++);
            }
        };
    }

    private List<Document> history(SyntheticCatalog.Component c, int count) {
        List<Document> docs = new ArrayList<>(count + 1);
        if (changeBefore) {
            docs.add(change(c, 1, ComponentStatus.OPERATIONAL, ComponentStatus.OPERATIONAL, WATCHED_SINCE));
        }
        ComponentStatus[] statuses = new ComponentStatus[count];
        double[] weights = new double[count];
        double total = 0;
        ComponentStatus status = ComponentStatus.OPERATIONAL;
        for (int i = 0; i < count; i++) {
            if (status == ComponentStatus.OPERATIONAL) {
                status = trouble();
            } else if (i < count - 1 && random.nextInt(3) == 0) {
                ComponentStatus other = trouble();
                status = other == status ? ComponentStatus.OPERATIONAL : other;
            } else {
                status = ComponentStatus.OPERATIONAL;
            }
            statuses[i] = status;
            weights[i] = (status == ComponentStatus.OPERATIONAL ? 20 : 1) * (0.5 + random.nextDouble());
            total += weights[i];
        }
        long span = end.toEpochMilli() - start.toEpochMilli() - 60_000;
        double at = start.toEpochMilli() + 30_000 + random.nextDouble() * span * 0.01;
        ComponentStatus from = ComponentStatus.OPERATIONAL;
        for (int i = 0; i < count; i++) {
            docs.add(change(c, i + 2, from, statuses[i], Instant.ofEpochMilli((long) at)));
            at += weights[i] / total * span * 0.99;
            from = statuses[i];
        }
        return docs;
    }

    private ComponentStatus trouble() {
        int r = random.nextInt(100);
        return r < 45 ? ComponentStatus.DEGRADED_PERFORMANCE : r < 75 ? ComponentStatus.PARTIAL_OUTAGE
                : r < 95 ? ComponentStatus.MAJOR_OUTAGE : ComponentStatus.UNDER_MAINTENANCE;
    }

    /** As report-service stores a {@code ComponentStatusChanged} (StatusChangeRecord): the null incident left out. */
    private static Document change(SyntheticCatalog.Component c, long sequence, ComponentStatus from, ComponentStatus to, Instant at) {
        return new Document("_id", UUID.randomUUID().toString()).append("componentId", c.id()).append("componentName", name(c))
                .append("siteId", c.siteId()).append("sequence", sequence).append("from", from.name()).append("to", to.name())
                .append("at", Date.from(at));
    }

    /** An incident's latest snapshot, as report-service stores it (IncidentRecord), written by Spring Data's own mapping. */
    @org.springframework.data.mongodb.core.mapping.Document("incidents")
    record IncidentRow(@Id String id, long sequence, IncidentSnapshot incident) {
    }

    private static final String[] CAUSES = { "The database's disk filled up with transaction logs",
            "A certificate expired on the load balancer", "A deployment shipped a configuration with a wrong pool size",
            "The upstream provider's network dropped packets", "A batch job locked the orders table" };
    private static final String[] OWNERS = { "Ana García", "Jordi Puig", "Operations", "Database team" };
    private static final String[] ACTIONS = { "Alert when the disk is 80 % full", "Renew certificates 30 days ahead",
            "Review pool sizes in the deployment checklist", "Add a second upstream provider",
            "Move the batch job out of business hours" };

    /**
     * Incidents over the month (3 % opened in the last two days of October), 1-3 components of one site each, with
     * their windows, acknowledgement (90 %), resolution (1 % still open), public updates, root cause (60 %) and a few
     * corrective actions (on 5 % of them).
     */
    private java.util.Iterator<Document> incidents(List<SyntheticCatalog.Component> all) {
        MongoCustomConversions conversions = new MongoCustomConversions(List.of());
        MongoMappingContext context = new MongoMappingContext();
        context.setSimpleTypeHolder(conversions.getSimpleTypeHolder());
        context.afterPropertiesSet();
        MappingMongoConverter converter = new MappingMongoConverter(NoOpDbRefResolver.INSTANCE, context);
        converter.setCustomConversions(conversions);
        converter.setTypeMapper(new DefaultMongoTypeMapper(null));
        converter.afterPropertiesSet();
        List<Document> docs = new ArrayList<>(incidents);
        long month = end.toEpochMilli() - start.toEpochMilli();
        for (int i = 0; i < incidents; i++) {
            String siteId = i % 2 == 0 ? "site-000" : "site-001";
            List<SyntheticCatalog.Component> site = all.stream().filter(c -> c.siteId().equals(siteId)).toList();
            if (site.isEmpty()) {
                site = all;
            }
            Instant created = random.nextInt(100) < 3
                    ? start.minus(Duration.ofMinutes(10 + random.nextInt(2 * 24 * 60)))
                    : Instant.ofEpochMilli(start.toEpochMilli() + (long) (random.nextDouble() * (month - 3_600_000)));
            Duration lasted = Duration.ofSeconds((long) (300 * Math.exp(random.nextDouble() * Math.log(96)))); // 5 min - 8 h
            boolean open = random.nextInt(100) == 0;
            Instant resolved = open ? null : created.plus(lasted);
            Instant acknowledged = random.nextInt(10) == 0 ? null : created.plus(Duration.ofSeconds(30 + random.nextInt(1800)));
            int r = random.nextInt(100);
            IncidentSnapshot.Impact impact = r < 50 ? IncidentSnapshot.Impact.MINOR : r < 85 ? IncidentSnapshot.Impact.MAJOR
                    : r < 95 ? IncidentSnapshot.Impact.CRITICAL : IncidentSnapshot.Impact.NONE;
            IncidentSnapshot.Severity severity = switch (impact) {
                case CRITICAL -> IncidentSnapshot.Severity.SEV1;
                case MAJOR -> IncidentSnapshot.Severity.SEV2;
                case MINOR -> IncidentSnapshot.Severity.SEV3;
                case NONE -> IncidentSnapshot.Severity.SEV4;
            };
            ComponentStatus worst = switch (impact) {
                case CRITICAL, MAJOR -> ComponentStatus.MAJOR_OUTAGE;
                case MINOR -> ComponentStatus.PARTIAL_OUTAGE;
                case NONE -> ComponentStatus.DEGRADED_PERFORMANCE;
            };
            int count = r % 10 < 7 ? 1 : r % 10 < 9 ? 2 : 3;
            List<IncidentSnapshot.AffectedComponent> affected = new ArrayList<>();
            int first = random.nextInt(site.size());
            for (int k = 0; k < Math.min(count, site.size()); k++) {
                SyntheticCatalog.Component c = site.get((first + k) % site.size());
                List<IncidentSnapshot.Window> windows = new ArrayList<>();
                if (!open && random.nextInt(5) == 0) {
                    Instant gap = created.plus(lasted.dividedBy(3));
                    windows.add(new IncidentSnapshot.Window(created, gap));
                    windows.add(new IncidentSnapshot.Window(gap.plus(lasted.dividedBy(6)), resolved));
                } else {
                    windows.add(new IncidentSnapshot.Window(created.plusSeconds(k * 60L), resolved));
                }
                affected.add(new IncidentSnapshot.AffectedComponent(c.id(), name(c), worst, windows,
                        Map.of("en", name(c), "es", "Servicio " + c.id().substring(c.id().lastIndexOf('c') + 1) + " (" + c.siteId() + ")")));
            }
            String what = affected.size() == 1 ? affected.getFirst().name() : affected.size() + " services";
            List<IncidentSnapshot.Update> updates = new ArrayList<>();
            updates.add(new IncidentSnapshot.Update("u" + i + "-1", IncidentSnapshot.Status.INVESTIGATING,
                    "We are investigating problems with " + what + ".", created,
                    Map.of("en", "We are investigating problems with " + what + ".", "es", "Estamos investigando problemas con " + what + ".")));
            if (acknowledged != null) {
                updates.add(new IncidentSnapshot.Update("u" + i + "-2", IncidentSnapshot.Status.IDENTIFIED,
                        "The cause has been identified and a fix is being applied.", acknowledged.plusSeconds(120)));
            }
            if (resolved != null) {
                updates.add(new IncidentSnapshot.Update("u" + i + "-3", IncidentSnapshot.Status.RESOLVED,
                        "The service is working normally again.", resolved,
                        Map.of("en", "The service is working normally again.", "es", "El servicio vuelve a funcionar con normalidad.")));
            }
            List<IncidentSnapshot.CorrectiveAction> actions = new ArrayList<>();
            if (random.nextInt(20) == 0) {
                for (int a = 0, n = 1 + random.nextInt(3); a < n; a++) {
                    actions.add(new IncidentSnapshot.CorrectiveAction(ACTIONS[random.nextInt(ACTIONS.length)],
                            random.nextInt(5) == 0 ? null : OWNERS[random.nextInt(OWNERS.length)],
                            LocalDate.of(2026, 11, 1).plusDays(random.nextInt(60)),
                            IncidentSnapshot.Phase.values()[random.nextInt(3)], random.nextInt(10) < 3));
                }
            }
            String name = (impact == IncidentSnapshot.Impact.NONE ? "Degraded performance of " : "Outage of ") + what;
            IncidentSnapshot snapshot = new IncidentSnapshot("inc-" + String.format("%05d", i), name, siteId, siteName(siteId),
                    open ? IncidentSnapshot.Status.INVESTIGATING : IncidentSnapshot.Status.RESOLVED, impact, created, resolved,
                    affected, updates, random.nextInt(10) < 6 ? CAUSES[random.nextInt(CAUSES.length)] : null, actions, severity,
                    acknowledged, Map.of("en", name, "es", (impact == IncidentSnapshot.Impact.NONE ? "Rendimiento degradado de " : "Caída de ") + what),
                    Map.of("en", siteName(siteId), "es", siteId.equals("site-000") ? "Centro de datos de Madrid" : "Centro de datos de Barcelona"));
            Document doc = new Document();
            converter.write(new IncidentRow(snapshot.id(), updates.size() + 1L, snapshot), doc);
            docs.add(doc);
        }
        return docs.iterator();
    }

    /**
     * {@value #BACKUP_MONITORS} backup monitors on the first components of each site: a database backup expected every
     * hour (RPO target 2 h), good backups every hour from a day before the month, about 1 % of them missing.
     */
    private java.util.Iterator<Document> backups(List<SyntheticCatalog.Component> all, List<Document> monitors) {
        List<Document> docs = new ArrayList<>();
        for (int m = 0; m < Math.min(BACKUP_MONITORS, all.size()); m++) {
            SyntheticCatalog.Component c = all.get(m % 2 == 0 ? m / 2 : all.size() - 1 - m / 2);
            String id = "backup-" + c.id();
            monitors.add(new Document("_id", id).append("componentId", c.id()).append("siteId", c.siteId())
                    .append("rpoTargetSeconds", 7200L).append("everySeconds", new Document("database", 3600L))
                    .append("firstSeenAt", Date.from(WATCHED_SINCE)));
            for (Instant at = start.minus(Duration.ofDays(1)).plusSeconds(600 + 60L * m); at.isBefore(end); at = at.plus(Duration.ofHours(1))) {
                if (random.nextInt(100) == 0) {
                    continue;
                }
                docs.add(new Document("_id", id + "|database|" + at).append("monitorId", id).append("kind", "database")
                        .append("at", Date.from(at)));
            }
        }
        return docs.iterator();
    }
}
