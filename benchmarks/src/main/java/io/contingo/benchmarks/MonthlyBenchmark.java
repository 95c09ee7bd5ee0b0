package io.contingo.benchmarks;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Base64;
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
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
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
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.InsertManyOptions;

import io.contingo.devstack.FreePorts;
import io.contingo.events.ComponentStatus;
import io.contingo.events.IncidentSnapshot;
import io.contingo.starter.kafka.TopicReader;

/**
 * The monthly service report at scale: a month (November 2026, Europe/Madrid) of N components over 2 sites with M
 * incidents and C status changes, written straight into report-service's read models, and the site catalog on
 * {@code site-catalog}; report-service runs from its jar as a JVM of its own. Times {@code GET
 * /api/reports/monthly/2026-11.json} (the figures) and {@code .pdf} (the figures and the document) as a manager, the
 * first request of each apart (a cold JVM), then R more each: median, min and max, the PDF's size and pages.
 */
final class MonthlyBenchmark {

    private static final YearMonth MONTH = YearMonth.of(2026, 11);
    private static final ZoneId ZONE = ZoneId.of("Europe/Madrid");
    private static final String DATABASE = "contingo-report-bench";
    private static final String CATALOG_TOPIC = "site-catalog";
    private static final Duration GOAL_TIME = Duration.ofSeconds(5);
    private static final long GOAL_BYTES = 2L * 1000 * 1000;
    private static final int BATCH = 10_000;
    private static final Path SAVED_PDF = Path.of("benchmarks/target/monthly-2026-11.pdf");
    private static final int BACKUP_MONITORS = 4;
    /** The catalog named the components, and each was first seen operational, well before the month. */
    private static final Instant WATCHED_SINCE = Instant.parse("2026-10-01T00:00:00Z");

    private final int components;
    private final int incidents;
    private final int changes;
    private final int repeat;
    private final Duration limit;
    private final String heap;
    private final boolean changeBefore;
    private final PrintStream out;
    private final Random random = new Random(20261101);
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final Instant start = MONTH.atDay(1).atStartOfDay(ZONE).toInstant();
    private final Instant end = MONTH.plusMonths(1).atDay(1).atStartOfDay(ZONE).toInstant();

    MonthlyBenchmark(int components, int incidents, int changes, int repeat, Duration limit, String heap, boolean changeBefore,
            PrintStream out) {
        this.components = components;
        this.incidents = incidents;
        this.changes = changes;
        this.repeat = repeat;
        this.limit = limit;
        this.heap = heap;
        this.changeBefore = changeBefore;
        this.out = out;
    }

    void run() throws Exception {
        Benchmarks.progress("Monthly: starting Kafka and the MongoDB-wire server");
        SyntheticCatalog catalog = new SyntheticCatalog(2, (components + 1) / 2);
        List<SyntheticCatalog.Component> all = catalog.components().subList(0, components);
        try (Infrastructure infra = Infrastructure.start()) {
            long loading = System.nanoTime();
            publishCatalog(infra.bootstrapServers(), catalog, all);
            Map<String, Double> loaded = load(infra.mongoUri(DATABASE), all);
            double loadSeconds = (System.nanoTime() - loading) / 1e9;
            int port = FreePorts.next();
            Benchmarks.progress("Monthly: data loaded in %.1f s; starting report-service (-Xmx%s)".formatted(loadSeconds, heap));
            long starting = System.nanoTime();
            try (ServiceJvm service = startService(port, infra.bootstrapServers(), infra.mongoUri(DATABASE))) {
                service.awaitHealthy(port);
                double startSeconds = (System.nanoTime() - starting) / 1e9;
                measure(port, service, loaded, loadSeconds, startSeconds);
                queriesAlone(infra.mongoUri(DATABASE), infra.bootstrapServers());
            }
        }
    }

    private void measure(int port, ServiceJvm service, Map<String, Double> loaded, double loadSeconds, double startSeconds)
            throws Exception {
        long deadline = System.nanoTime() + limit.toNanos();
        String month = MONTH.toString();
        List<Double> json = new ArrayList<>();
        List<Double> pdf = new ArrayList<>();
        Response firstJson = null;
        Response firstPdf = null;
        Response lastJson = null;
        Response lastPdf = null;
        long cpuBefore = service.cpuNanos();
        long lastPair = 0;
        for (int i = 0; i <= repeat; i++) {
            if (i > 1 && System.nanoTime() + lastPair * 6 / 5 > deadline) {
                Benchmarks.progress("Monthly: no time left for another repeat within --limit=" + limit.toSeconds() + " s; "
                        + (i - 1) + " measured");
                break;
            }
            long pairStarted = System.nanoTime();
            Benchmarks.progress("Monthly: GET " + month + ".json and .pdf, " + (i == 0 ? "first (cold)" : "repeat " + i + " of " + repeat));
            Response json1;
            Response pdf1;
            try {
                json1 = get(port, "/api/reports/monthly/" + month + ".json", deadline);
                pdf1 = get(port, "/api/reports/monthly/" + month + ".pdf", deadline);
            } catch (IOException e) {
                if (i < 2) {
                    throw e;
                }
                Benchmarks.progress("Monthly: repeat " + i + " failed (" + e + "); " + (i - 1) + " measured");
                break;
            }
            lastJson = json1;
            lastPdf = pdf1;
            Benchmarks.progress("Monthly: .json %.0f ms, .pdf %.0f ms (%,d bytes)".formatted(lastJson.millis(), lastPdf.millis(),
                    lastPdf.body().length));
            if (i == 0) {
                firstJson = lastJson;
                firstPdf = lastPdf;
            } else {
                json.add(lastJson.millis());
                pdf.add(lastPdf.millis());
            }
            lastPair = System.nanoTime() - pairStarted;
        }
        int measured = json.size();
        double serviceCpuPerPair = (service.cpuNanos() - cpuBefore) / 1e6 / (measured + 1);
        int pages;
        try (PDDocument document = Loader.loadPDF(lastPdf.body())) {
            pages = document.getNumberOfPages();
        }
        Distribution j = Distribution.of(json);
        Distribution p = Distribution.of(pdf);
        long pdfBytes = lastPdf.body().length;
        java.nio.file.Files.write(SAVED_PDF, lastPdf.body());
        String load = "%,d components over 2 sites, %,d incidents, %,d status changes in the month (and %,d before it),"
                .formatted(components, incidents, Math.round(loaded.get("component_status_history")) - (changeBefore ? components : 0),
                        changeBefore ? components : 0)
                + " %,d good backups of %d monitors".formatted(Math.round(loaded.get("good_backups")), BACKUP_MONITORS);
        new Table("report-service, monthly service report of " + month + " (" + ZONE + "): " + load + "; heap limit " + heap,
                "figure", "value", "goal")
                .row("data written (catalog on Kafka, read models in MongoDB)", "%.1f s".formatted(loadSeconds), "")
                .row("  of which status changes (insertMany)", "%.1f s".formatted(loaded.get("seconds:component_status_history")), "")
                .row("report-service started (until healthy)", "%.1f s".formatted(startSeconds), "")
                .row(".json first request (cold JVM)", Table.millis(firstJson.millis()), "")
                .row(".pdf first request (cold JVM)", Table.millis(firstPdf.millis()), "")
                .row(".json (figures), median of " + measured, Table.millis(j.p50()), verdict(j.p50() < GOAL_TIME.toMillis()))
                .row(".json min / max", Table.millis(java.util.Collections.min(json)) + " / " + Table.millis(j.max()), "")
                .row(".pdf (figures + PDF), median of " + measured, Table.millis(p.p50()),
                        "< " + GOAL_TIME.toSeconds() + " s: " + verdict(p.p50() < GOAL_TIME.toMillis()))
                .row(".pdf min / max", Table.millis(java.util.Collections.min(pdf)) + " / " + Table.millis(p.max()),
                        "max < " + GOAL_TIME.toSeconds() + " s: " + verdict(p.max() < GOAL_TIME.toMillis()))
                .row("PDF rendering alone (.pdf median - .json median)", Table.millis(p.p50() - j.p50()), "")
                .row("PDF size", "%,.0f KB".formatted(pdfBytes / 1000.0), "< 2 MB: " + verdict(pdfBytes < GOAL_BYTES))
                .row("PDF pages", Table.count(pages), "")
                .row("JSON size", "%,.0f KB".formatted(lastJson.body().length / 1000.0), "")
                .row("report-service CPU per .json + .pdf pair", Table.millis(serviceCpuPerPair), "")
                .print(out);
        out.println("The last PDF is in " + SAVED_PDF + ".");
        if (firstPdf.body().length != pdfBytes) {
            out.printf("(the first PDF was %,d bytes)%n", firstPdf.body().length);
        }
    }

    /**
     * The reads of the month that report-service makes (MonthlyData), sent once by the benchmark itself with the driver
     * alone: the month's changes (the fields the figures need), each component's first and latest change, the catalog.
     */
    private void queriesAlone(String uri, String bootstrap) {
        Benchmarks.progress("Monthly: report-service's status history queries, sent once from the benchmark");
        try (MongoClient client = MongoClients.create(uri)) {
            MongoCollection<Document> history = client.getDatabase(DATABASE).getCollection("component_status_history");
            long t = System.nanoTime();
            long n = 0;
            for (Document ignored : history.find(Filters.and(Filters.gte("at", Date.from(start)), Filters.lt("at", Date.from(end))))
                    .projection(new Document("componentId", 1).append("componentName", 1).append("siteId", 1)
                            .append("sequence", 1).append("from", 1).append("to", 1).append("at", 1))
                    .batchSize(10_000)) {
                n++;
            }
            double month = (System.nanoTime() - t) / 1e6;
            t = System.nanoTime();
            long watches = client.getDatabase(DATABASE).getCollection("component_watch").countDocuments();
            double watch = (System.nanoTime() - t) / 1e6;
            t = System.nanoTime();
            int sites;
            try (TopicReader reader = new TopicReader(bootstrap, CATALOG_TOPIC)) {
                sites = reader.latestByKey(Duration.ofSeconds(30)).size();
            }
            double catalog = (System.nanoTime() - t) / 1e6;
            new Table("report-service's reads of the month (MonthlyData) and of the catalog, sent once from "
                    + "the benchmark (the MongoDB driver alone: no mapping to records)", "query", "documents", "time")
                    .row("the month's changes (at in the month, batches of 10,000)", Table.count(n), Table.millis(month))
                    .row("each component's first and latest change (component_watch)", Table.count(watches), Table.millis(watch))
                    .row("the catalog, site-catalog read to its end by a new TopicReader", Table.count(sites), Table.millis(catalog))
                    .print(out);
        }
    }

    private static String verdict(boolean met) {
        return met ? "met" : "NOT MET";
    }

    private record Response(double millis, byte[] body) {
    }

    private Response get(int port, String path, long deadline) throws Exception {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
            throw new IllegalStateException("The monthly benchmark took longer than " + limit.toSeconds() + " s (--limit)");
        }
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString("manager:demo".getBytes(StandardCharsets.UTF_8)))
                .timeout(Duration.ofNanos(left)).build();
        long sent = System.nanoTime();
        HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        double millis = (System.nanoTime() - sent) / 1e6;
        if (response.statusCode() != 200) {
            throw new IllegalStateException("GET " + path + " answered " + response.statusCode() + ": "
                    + new String(response.body(), StandardCharsets.UTF_8) + "; see benchmarks/target/monthly-service.log");
        }
        return new Response(millis, response.body());
    }

    /** The catalog as incident-service publishes it: one {@code SiteDefined} per site, key siteId, on a compacted topic. */
    private void publishCatalog(String bootstrap, SyntheticCatalog catalog, List<SyntheticCatalog.Component> all) throws Exception {
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

    /** Each component's first and latest change, filled as its history is generated. */
    private final Map<String, Document> watches = new LinkedHashMap<>();

    /** Writes the read models; the number of documents and the seconds each collection took, by name. */
    private Map<String, Double> load(String uri, List<SyntheticCatalog.Component> all) {
        Map<String, Double> loaded = new LinkedHashMap<>();
        try (MongoClient client = MongoClients.create(uri)) {
            MongoDatabase db = client.getDatabase(DATABASE);
            long t = System.nanoTime();
            long n = insert(db.getCollection("component_status_history"), statusChanges(all));
            loaded.put("component_status_history", (double) n);
            loaded.put("seconds:component_status_history", (System.nanoTime() - t) / 1e9);
            insert(db.getCollection("component_watch"), watches.values().iterator()); // as the consumer keeps it
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
            docs.add(change(c, 1, null, ComponentStatus.OPERATIONAL, WATCHED_SINCE));
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
        if (!docs.isEmpty()) { // the component's first and latest change, as report-service keeps them (ComponentWatch)
            Document first = docs.getFirst();
            Document last = docs.getLast();
            watches.put(c.id(), new Document("_id", c.id()).append("firstAt", first.get("at")).append("lastAt", last.get("at"))
                    .append("lastStatus", last.get("to")).append("lastSequence", last.get("sequence")));
        }
        return docs;
    }

    private ComponentStatus trouble() {
        int r = random.nextInt(100);
        return r < 45 ? ComponentStatus.DEGRADED_PERFORMANCE : r < 75 ? ComponentStatus.PARTIAL_OUTAGE
                : r < 95 ? ComponentStatus.MAJOR_OUTAGE : ComponentStatus.UNDER_MAINTENANCE;
    }

    /** As report-service stores a {@code ComponentStatusChanged} (StatusChangeRecord): nulls left out. */
    private static Document change(SyntheticCatalog.Component c, long sequence, ComponentStatus from, ComponentStatus to, Instant at) {
        Document d = new Document("_id", UUID.randomUUID().toString()).append("componentId", c.id()).append("componentName", name(c))
                .append("siteId", c.siteId()).append("sequence", sequence);
        if (from != null) {
            d.append("from", from.name());
        }
        return d.append("to", to.name()).append("at", Date.from(at));
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

    private ServiceJvm startService(int port, String bootstrap, String mongoUri) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java, "-Xmx" + heap));
        String extra = System.getenv("BENCHMARKS_SERVICE_JAVA_OPTS");
        if (extra != null && !extra.isBlank()) {
            command.addAll(List.of(extra.trim().split("\\s+")));
        }
        command.addAll(List.of("-jar", "report-service/target/report-service.jar",
                "--server.port=" + port, "--spring.kafka.bootstrap-servers=" + bootstrap, "--spring.mongodb.uri=" + mongoUri,
                "--contingo.reports.monthly.generate=false", "--contingo.reports.time-zone=" + ZONE, "--contingo.security.demo=true",
                "--logging.level.root=WARN", "--logging.level.io.contingo=INFO"));
        return ServiceJvm.start("report-service", new ProcessBuilder(command), Path.of("benchmarks/target/monthly-service.log"));
    }
}
