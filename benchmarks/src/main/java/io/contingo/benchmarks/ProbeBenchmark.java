package io.contingo.benchmarks;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.bson.Document;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.contingo.devstack.FreePorts;

/**
 * health-service at scale: N HTTP monitors (5 % of them on a target that never answers in time) checked by
 * health-service running as its own JVM with a 512 MiB heap, against a local HTTP target, a fresh Kafka broker
 * and MongoDB-wire server. After a warm-up (every monitor checked once, then one more interval) it measures
 * for a while and prints: checks per second next to the rate planned, schedule lag (when a check starts against
 * when it was due; from the service's {@code contingo.probe.schedule.lag} histogram), DOWN results of healthy
 * monitors (false DOWN), heap used and platform threads (from the service's Prometheus endpoint).
 */
final class ProbeBenchmark {

    private static final String HEALTH_EVENTS = "health-events";
    private static final Duration INTERVAL = Duration.ofSeconds(10);
    private static final Duration TIMEOUT = Duration.ofSeconds(3);
    private static final double HANGING_SHARE = 0.05;
    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{[^}]*\\})? ([-+0-9.eE]+|NaN|[+-]Inf)");

    private final int monitors;
    private final Duration measure;
    private final String heap;
    private final PrintStream out;
    private final HttpClient http = HttpClient.newHttpClient();

    ProbeBenchmark(int monitors, Duration measure, String heap, PrintStream out) {
        this.monitors = monitors;
        this.measure = measure;
        this.heap = heap;
        this.out = out;
    }

    void run() throws Exception {
        int hanging = (int) Math.round(monitors * HANGING_SHARE);
        Benchmarks.progress("Probes: starting Kafka, MongoDB-wire server and the HTTP target");
        try (Infrastructure infra = Infrastructure.start(); Target target = Target.start()) {
            String database = "contingo-health-bench";
            seed(infra.mongoUri(database), target.port(), hanging);
            Benchmarks.progress("Probes: " + monitors + " monitors stored; starting health-service (-Xmx" + heap + ")");
            int port = FreePorts.next();
            try (ServiceJvm service = startService(port, infra.bootstrapServers(), infra.mongoUri(database))) {
                service.awaitHealthy(port);
                run(port, infra.bootstrapServers(), hanging, target, service);
            }
        }
    }

    private void run(int port, String bootstrap, int hanging, Target target, ServiceJvm service) throws Exception {
        Benchmarks.progress("Probes: warming up until every monitor was checked once, then one more interval");
        long deadline = System.nanoTime() + INTERVAL.multipliedBy(6).toNanos();
        while (scrape(port).getOrDefault("contingo_probe_schedule_lag_seconds_count", 0.0) < monitors) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("health-service did not check every monitor within " + INTERVAL.multipliedBy(6).toSeconds()
                        + " s; see benchmarks/target/probes-service.log");
            }
            Thread.sleep(500); // polling a figure of another process, not synchronising threads
        }
        Thread.sleep(INTERVAL.toMillis());

        Benchmarks.progress("Probes: measuring for " + measure.toSeconds() + " s");
        EventCounter events = EventCounter.start(bootstrap);
        Map<String, Double> before = scrape(port);
        long started = System.nanoTime();
        long targetBefore = target.answered.get();
        long serviceCpuBefore = service.cpuNanos();
        long ownCpuBefore = ServiceJvm.cpuNanos(ProcessHandle.current());
        double peakHeap = 0;
        double peakThreads = 0;
        while (System.nanoTime() - started < measure.toNanos()) {
            Map<String, Double> sample = scrape(port);
            peakHeap = Math.max(peakHeap, heapUsed(sample));
            peakThreads = Math.max(peakThreads, sample.getOrDefault("jvm_threads_live_threads", 0.0));
            Thread.sleep(1000);
        }
        Map<String, Double> after = scrape(port);
        double seconds = (System.nanoTime() - started) / 1e9;
        long targetAnswered = target.answered.get() - targetBefore;
        double serviceCores = (service.cpuNanos() - serviceCpuBefore) / 1e9 / seconds;
        double ownCores = (ServiceJvm.cpuNanos(ProcessHandle.current()) - ownCpuBefore) / 1e9 / seconds;
        events.stopAfter(Duration.ofSeconds(3));

        double checks = after.get("contingo_probe_schedule_lag_seconds_count") - before.get("contingo_probe_schedule_lag_seconds_count");
        TreeMap<Double, Double> buckets = new TreeMap<>();
        after.forEach((key, value) -> {
            if (key.startsWith("contingo_probe_schedule_lag_seconds_bucket{") && !key.contains("+Inf")) {
                double le = Double.parseDouble(key.replaceAll(".*le=\"([^\"]+)\".*", "$1"));
                buckets.put(le, value - before.getOrDefault(key, 0.0));
            }
        });
        double planned = monitors / (double) INTERVAL.toSeconds();

        new Table("health-service, " + Table.count(monitors) + " HTTP monitors every " + INTERVAL.toSeconds() + " s ("
                + Table.count(hanging) + " on a target that hangs, timeout " + TIMEOUT.toSeconds() + " s), heap limit "
                + heap + ", measured " + Math.round(seconds) + " s", "figure", "value", "goal")
                .row("checks started per second", Table.rate(checks / seconds), "planned " + Table.rate(planned))
                .row("health events published per second", Table.rate(events.total.get() / seconds), "")
                .row("requests answered by the target per second", Table.rate(targetAnswered / seconds), "")
                .row("schedule lag p50", "≤ " + Table.millis(quantile(buckets, 0.50) * 1000), "")
                .row("schedule lag p99", "≤ " + Table.millis(quantile(buckets, 0.99) * 1000), "< 1000 ms")
                .row("schedule lag max (service's window)", Table.millis(after.getOrDefault("contingo_probe_schedule_lag_seconds_max", Double.NaN) * 1000), "")
                .row("false DOWN (healthy target)", Table.count(events.healthyDown.get()) + " of " + Table.count(events.healthy.get()), "0")
                .row("DOWN of the hanging target", Table.count(events.hangingDown.get()) + " of " + Table.count(events.hanging.get()), "all")
                .row("heap used, peak (MiB)", Table.count(Math.round(peakHeap / (1 << 20))), "< 512")
                .row("platform threads, peak", Table.count(Math.round(peakThreads)), "")
                .row("health-service CPU (cores)", String.format("%.2f", serviceCores), "of " + Runtime.getRuntime().availableProcessors())
                .row("broker, MongoDB, target, counting (cores)", String.format("%.2f", ownCores), "")
                .row("health-service CPU per check (µs)", Table.count(Math.round(serviceCores * 1e6 / (checks / seconds))), "")
                .row("results dropped (buffer full)", Table.count(Math.round(after.getOrDefault("contingo_probe_results_dropped_total", 0.0))), "0")
                .print(out);
        if (!events.healthyDownSamples.isEmpty()) {
            out.println("First false DOWN details:");
            events.healthyDownSamples.forEach(s -> out.println("  " + s));
        }
    }

    /** The smallest bucket bound under which the given share of the observations fall. */
    private static double quantile(TreeMap<Double, Double> cumulative, double share) {
        if (cumulative.isEmpty()) {
            return Double.NaN;
        }
        double total = cumulative.lastEntry().getValue();
        for (Map.Entry<Double, Double> bucket : cumulative.entrySet()) {
            if (bucket.getValue() >= share * total) {
                return bucket.getKey();
            }
        }
        return Double.POSITIVE_INFINITY;
    }

    private static double heapUsed(Map<String, Double> sample) {
        return sample.entrySet().stream().filter(e -> e.getKey().startsWith("jvm_memory_used_bytes{") && e.getKey().contains("area=\"heap\""))
                .mapToDouble(Map.Entry::getValue).sum();
    }

    /** The monitors, written as health-service stores them (MonitorStore): HTTP, every 10 s, timeout 3 s. */
    private void seed(String uri, int targetPort, int hanging) {
        try (MongoClient client = MongoClients.create(uri)) {
            var db = client.getDatabase(URI.create(uri.replace("mongodb://", "http://")).getPath().substring(1));
            List<Document> documents = new ArrayList<>();
            Date now = new Date();
            for (int i = 0; i < monitors; i++) {
                boolean hangs = i < hanging;
                String id = (hangs ? "hang-" : "ok-") + String.format("%05d", i);
                documents.add(new Document("_id", id).append("componentId", "bench-" + (i % 500)).append("siteId", "bench")
                        .append("type", "http").append("url", "http://127.0.0.1:" + targetPort + (hangs ? "/hang" : "/ok") + "?m=" + id)
                        .append("interval", INTERVAL.toSeconds() + "s").append("timeout", TIMEOUT.toSeconds() + "s")
                        .append("paused", false).append("deleted", false).append("revision", 1L)
                        .append("updatedAt", now).append("updatedBy", "benchmark"));
            }
            db.getCollection("monitors").insertMany(documents);
            db.getCollection("monitor_revisions").insertOne(new Document("_id", "monitors").append("value", 1L));
        }
    }

    private ServiceJvm startService(int port, String bootstrap, String mongoUri) throws IOException {
        Path noMonitors = Files.createTempFile("contingo-bench-monitors", ".yml");
        Files.writeString(noMonitors, "contingo:\n  monitors: []\n");
        noMonitors.toFile().deleteOnExit();
        String java = ProcessHandle.current().info().command().orElse("java");
        ProcessBuilder builder = new ProcessBuilder(java, "-Xmx" + heap, "-jar", "health-service/target/health-service.jar",
                "--server.port=" + port, "--spring.kafka.bootstrap-servers=" + bootstrap, "--spring.mongodb.uri=" + mongoUri,
                "--contingo.probe.id=probe-bench", "--contingo.probe.location=bench", "--contingo.security.demo=true", "--logging.level.root=WARN",
                "--logging.level.io.contingo=INFO");
        builder.environment().put("CONTINGO_MONITORS_FILE", "file:" + noMonitors);
        return ServiceJvm.start("health-service", builder, Path.of("benchmarks/target/probes-service.log"));
    }

    /** The service's Prometheus samples by name and labels. */
    private Map<String, Double> scrape(int port) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/prometheus"))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString("admin:demo".getBytes(StandardCharsets.UTF_8)))
                .build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("GET /actuator/prometheus answered " + response.statusCode());
        }
        Map<String, Double> samples = new TreeMap<>();
        response.body().lines().filter(l -> !l.startsWith("#")).forEach(line -> {
            Matcher m = SAMPLE.matcher(line);
            if (m.find()) {
                String value = m.group(3);
                samples.put(m.group(1) + (m.group(2) == null ? "" : m.group(2)),
                        value.endsWith("Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(value));
            }
        });
        return samples;
    }

    /** Counts the health events published from now on, by kind of monitor and status. */
    private static final class EventCounter {
        final AtomicLong total = new AtomicLong();
        final AtomicLong healthy = new AtomicLong();
        final AtomicLong healthyDown = new AtomicLong();
        final AtomicLong hanging = new AtomicLong();
        final AtomicLong hangingDown = new AtomicLong();
        final List<String> healthyDownSamples = java.util.Collections.synchronizedList(new ArrayList<>());
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final CountDownLatch ready = new CountDownLatch(1);
        private volatile long stopAtMillis = Long.MAX_VALUE;
        private Thread thread;

        static EventCounter start(String bootstrap) throws InterruptedException {
            EventCounter counter = new EventCounter();
            counter.thread = Thread.ofPlatform().name("bench-events").start(() -> counter.read(bootstrap));
            counter.ready.await(30, TimeUnit.SECONDS);
            return counter;
        }

        private void read(String bootstrap) {
            Properties props = new Properties();
            props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
            props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
            props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
            try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props)) {
                List<TopicPartition> partitions = consumer.partitionsFor(HEALTH_EVENTS).stream()
                        .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
                consumer.assign(partitions);
                consumer.seekToEnd(partitions);
                partitions.forEach(consumer::position);
                long from = System.currentTimeMillis();
                ready.countDown();
                while (running.get()) {
                    for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                        if (record.timestamp() >= from && record.timestamp() <= stopAtMillis) {
                            count(record.value());
                        }
                    }
                }
            }
        }

        private void count(String event) {
            total.incrementAndGet();
            boolean down = event.contains("\"status\":\"DOWN\"");
            if (event.contains("\"monitorId\":\"ok-")) {
                healthy.incrementAndGet();
                if (down) {
                    healthyDown.incrementAndGet();
                    if (healthyDownSamples.size() < 5) {
                        healthyDownSamples.add(event.replaceAll(".*\"detail\":\"([^\"]*)\".*", "$1"));
                    }
                }
            } else if (event.contains("\"monitorId\":\"hang-")) {
                hanging.incrementAndGet();
                if (down) {
                    hangingDown.incrementAndGet();
                }
            }
        }

        /** Stops counting events published after now; reads what is still on its way for a moment. */
        void stopAfter(Duration drain) throws InterruptedException {
            stopAtMillis = System.currentTimeMillis();
            Thread.sleep(drain.toMillis());
            running.set(false);
            thread.join();
        }
    }

    /** The monitors' target: {@code /ok} answers at once, {@code /hang} holds the request until the target closes. */
    private static final class Target implements AutoCloseable {
        final AtomicLong answered = new AtomicLong();
        private final CountDownLatch closing = new CountDownLatch(1);
        private final HttpServer server;

        private Target(HttpServer server) {
            this.server = server;
        }

        static Target start() throws IOException {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", FreePorts.next()), 1024);
            Target target = new Target(server);
            server.createContext("/ok", target::ok);
            server.createContext("/hang", target::hang);
            server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
            server.start();
            return target;
        }

        int port() {
            return server.getAddress().getPort();
        }

        private void ok(HttpExchange exchange) throws IOException {
            byte[] body = "OK".getBytes(StandardCharsets.US_ASCII);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
            answered.incrementAndGet();
        }

        private void hang(HttpExchange exchange) {
            try {
                closing.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
        }

        @Override
        public void close() {
            closing.countDown();
            server.stop(0);
        }
    }
}
