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

    private static final YearMonth MONTH = SyntheticMonth.MONTH;
    private static final ZoneId ZONE = SyntheticMonth.ZONE;
    private static final String DATABASE = SyntheticMonth.DATABASE;
    private static final Duration GOAL_TIME = Duration.ofSeconds(5);
    private static final long GOAL_BYTES = 2L * 1000 * 1000;
    private static final Path SERVICE_LOG = Path.of("benchmarks/target/monthly-service.log");
    private static final Path SAVED_PDF = Path.of("benchmarks/target/monthly-2026-11.pdf");

    private final int components;
    private final int incidents;
    private final int repeat;
    private final Duration limit;
    private final String heap;
    private final boolean changeBefore;
    private final PrintStream out;
    private final SyntheticMonth data;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    MonthlyBenchmark(int components, int incidents, int changes, int repeat, Duration limit, String heap, boolean changeBefore,
            PrintStream out) {
        this.components = components;
        this.incidents = incidents;
        this.repeat = repeat;
        this.limit = limit;
        this.heap = heap;
        this.changeBefore = changeBefore;
        this.out = out;
        this.data = new SyntheticMonth(incidents, changes, changeBefore);
    }

    void run() throws Exception {
        Benchmarks.progress("Monthly: starting Kafka and the MongoDB-wire server");
        SyntheticCatalog catalog = new SyntheticCatalog(2, (components + 1) / 2);
        List<SyntheticCatalog.Component> all = catalog.components().subList(0, components);
        try (Infrastructure infra = Infrastructure.start()) {
            long loading = System.nanoTime();
            data.publishCatalog(infra.bootstrapServers(), catalog, all);
            Map<String, Double> loaded = data.load(infra.mongoUri(DATABASE), all);
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
                + " %,d good backups of %d monitors".formatted(Math.round(loaded.get("good_backups")), SyntheticMonth.BACKUP_MONITORS);
        new Table("report-service, monthly service report of " + month + " (" + ZONE + "): " + load + "; heap limit " + heap,
                "figure", "value", "goal")
                .row("data written (catalog on Kafka, read models in MongoDB)", "%.1f s".formatted(loadSeconds), "")
                .row("  of which status changes (insertMany)", "%.1f s".formatted(loaded.get("seconds:component_status_history")), "")
                .row("report-service started (until healthy)", "%.1f s".formatted(startSeconds), "")
                .row("  of which building the components' days from the history", daysBuilt(), "")
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
     * alone: the components' days of the month, each component's first and latest change, the catalog; and, for
     * comparison, the month's changes (the fields the figures were computed from before the days were kept).
     */
    private void queriesAlone(String uri, String bootstrap) {
        Benchmarks.progress("Monthly: report-service's status history queries, sent once from the benchmark");
        try (MongoClient client = MongoClients.create(uri)) {
            MongoCollection<Document> history = client.getDatabase(DATABASE).getCollection("component_status_history");
            long t = System.nanoTime();
            long n = 0;
            for (Document ignored : history.find(Filters.and(Filters.gte("at", Date.from(data.start)), Filters.lt("at", Date.from(data.end))))
                    .projection(new Document("componentId", 1).append("componentName", 1).append("siteId", 1)
                            .append("sequence", 1).append("from", 1).append("to", 1).append("at", 1))
                    .batchSize(10_000)) {
                n++;
            }
            double month = (System.nanoTime() - t) / 1e6;
            t = System.nanoTime();
            long watches = 0;
            for (Document ignored : client.getDatabase(DATABASE).getCollection("component_watch").find()) {
                watches++;
            }
            double watch = (System.nanoTime() - t) / 1e6;
            t = System.nanoTime();
            long days = 0;
            for (Document ignored : client.getDatabase(DATABASE).getCollection("component_status_days")
                    .find(Filters.and(Filters.gte("day", MONTH.atDay(1).toString()), Filters.lte("day", MONTH.atEndOfMonth().toString())))
                    .batchSize(10_000)) {
                days++;
            }
            double day = (System.nanoTime() - t) / 1e6;
            t = System.nanoTime();
            int sites;
            try (TopicReader reader = new TopicReader(bootstrap, SyntheticMonth.CATALOG_TOPIC)) {
                sites = reader.latestByKey(Duration.ofSeconds(30)).size();
            }
            double catalog = (System.nanoTime() - t) / 1e6;
            new Table("report-service's reads of the month (MonthlyData) and of the catalog, sent once from "
                    + "the benchmark (the MongoDB driver alone: no mapping to records)", "query", "documents", "time")
                    .row("each component's seconds in each status per day of the month (component_status_days)", Table.count(days),
                            Table.millis(day))
                    .row("each component's first and latest change (component_watch)", Table.count(watches), Table.millis(watch))
                    .row("(not read: the month's changes, at in the month, batches of 10,000)", Table.count(n), Table.millis(month))
                    .row("the catalog, site-catalog read to its end by a new TopicReader", Table.count(sites), Table.millis(catalog))
                    .print(out);
        }
    }

    /** What report-service's log says building the components' days from the history took, at its start. */
    private static String daysBuilt() {
        try (java.util.stream.Stream<String> lines = java.nio.file.Files.lines(SERVICE_LOG)) {
            return lines.filter(l -> l.contains("Built the components' status days")).map(l -> l.replaceAll(".* in (\\d+) ms.*", "$1"))
                    .findFirst().map(ms -> Table.millis(Double.parseDouble(ms))).orElse("(not in the log)");
        } catch (IOException | NumberFormatException e) {
            return "(not in the log: " + e + ")";
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
        return ServiceJvm.start("report-service", new ProcessBuilder(command), SERVICE_LOG);
    }
}
