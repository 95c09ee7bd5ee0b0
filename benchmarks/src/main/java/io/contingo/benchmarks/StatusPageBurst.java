package io.contingo.benchmarks;

import java.io.IOException;
import java.io.PrintStream;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.contingo.devstack.FreePorts;
import io.contingo.events.HealthStatus;
import io.contingo.events.Topics;

/**
 * The status page during a burst of health events, with incident-service as {@code ./platform up} runs it: a
 * process of its own from its jar, with the JVM options of {@code .mvn/service-jvm.options} (or those given with
 * {@code --service-jvm=...}), and a catalog of 1,000 components. As soon as the service is healthy (cold, as after
 * {@code ./platform up}), wrk requests {@code /api/v2/summary.json} while 10,000 health events, ten for each
 * component, go to the broker as fast as it takes them and a signed-in agent opens the console twice a second;
 * then the same once more on the now warm service. Each burst prints wrk's percentiles, the console's, how long
 * the service took to consume the events (its group's committed offsets back at the end of the topic), and the
 * garbage collector's pauses meanwhile (from the service's {@code -Xlog:gc} file).
 */
final class StatusPageBurst {

    static final Path OPTIONS = Path.of(".mvn/service-jvm.options");
    static final Path LOG = Path.of("benchmarks/target/statuspage-burst-service.log");
    static final Path GC_LOG = Path.of("benchmarks/target/statuspage-burst-gc.log");
    private static final int COMPONENTS_PER_SITE = 10;
    private static final int BURSTS = 2;
    private static final Duration CONSUMED_WITHIN = Duration.ofSeconds(120);
    private static final Duration CONSOLE_EVERY = Duration.ofMillis(500);
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"\\s+value=\"([^\"]+)\"");
    private static final Pattern GC_PAUSE = Pattern.compile("^\\[([\\d.]+)s\\].*Pause.* ([\\d.]+)ms$");

    private final int components;
    private final int events;
    private final int connections;
    private final Duration duration;
    private final String serviceJvm;
    private final boolean gzip;
    private final PrintStream out;

    StatusPageBurst(int components, int events, int connections, Duration duration, String serviceJvm, boolean gzip,
            PrintStream out) {
        this.components = components;
        this.events = events;
        this.connections = connections;
        this.duration = duration;
        this.serviceJvm = serviceJvm;
        this.gzip = gzip;
        this.out = out;
    }

    /** One burst: wrk on summary.json, the console, the events consumed, the GC pauses, times in milliseconds. */
    record Burst(StatusPageBenchmark.Wrk.Output wrk, Distribution console, long consoleErrors, long consumed,
            double producedSeconds, double consumedSeconds, int gcPauses, double gcPauseMillis, double gcMaxPause) {
    }

    void run() throws Exception {
        StatusPageBenchmark.Wrk.require();
        if (!Files.isRegularFile(SeparateIngest.JAR)) {
            throw new IllegalStateException(SeparateIngest.JAR + " is missing: benchmarks/run builds it");
        }
        String jvm = serviceJvm != null ? serviceJvm : Files.readString(OPTIONS).strip();
        SyntheticCatalog catalog = new SyntheticCatalog(components / COMPONENTS_PER_SITE, COMPONENTS_PER_SITE);
        int port = FreePorts.next();
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java")));
        command.addAll(Arrays.asList(jvm.split("\\s+")));
        command.add("-Xlog:gc:file=" + GC_LOG);
        String extra = System.getenv("BENCHMARKS_SERVICE_JAVA_OPTS");
        if (extra != null && !extra.isBlank()) {
            command.addAll(List.of(extra.trim().split("\\s+")));
        }
        try (Infrastructure infrastructure = Infrastructure.start()) {
            command.addAll(List.of("-jar", SeparateIngest.JAR.toString(), "--server.port=" + port, "--server.address=127.0.0.1",
                    "--spring.kafka.bootstrap-servers=" + infrastructure.bootstrapServers(),
                    "--spring.mongodb.uri=" + infrastructure.mongoUri("contingo-incident"),
                    "--spring.cloud.stream.kafka.binder.consumer-properties.auto.offset.reset=earliest",
                    "--spring.main.banner-mode=off", "--logging.level.root=WARN", "--contingo.security.demo=true"));
            catalog.properties().forEach((key, value) -> command.add("--" + key + "=" + value));
            Files.createDirectories(LOG.getParent());
            Files.deleteIfExists(GC_LOG);
            Benchmarks.progress("starting incident-service from its jar: " + jvm + " (" + components + " components)");
            long launched = System.nanoTime();
            try (ServiceJvm service = ServiceJvm.start("incident-service", new ProcessBuilder(command), LOG);
                 KafkaOffsets offsets = new KafkaOffsets(infrastructure.bootstrapServers());
                 HealthEventsProducer producer = HealthEventsProducer.forBulk(infrastructure.bootstrapServers())) {
                service.awaitHealthy(port);
                double startUp = (System.nanoTime() - launched) / 1e9;
                String base = "http://127.0.0.1:" + port;
                HttpClient agent = signIn(base);
                List<Burst> bursts = new ArrayList<>();
                for (int b = 1; b <= BURSTS; b++) {
                    Benchmarks.progress("burst " + b + " of " + BURSTS + ": " + events + " events, wrk " + duration.toSeconds() + " s");
                    bursts.add(burst(base, agent, producer, offsets, service, launched, b));
                }
                long rss = service.residentBytes();
                print(jvm, startUp, rss, bursts);
            }
        }
    }

    private Burst burst(String base, HttpClient agent, HealthEventsProducer producer, KafkaOffsets offsets, ServiceJvm service,
            long launched, int round) throws Exception {
        long committedBefore = offsets.committedTotal(IncidentServiceUnderTest.CONSUMER_GROUP, Topics.HEALTH_EVENTS);
        long target = offsets.endTotal(Topics.HEALTH_EVENTS) + events;
        AtomicBoolean stop = new AtomicBoolean();
        List<Double> console = new ArrayList<>();
        long[] consoleErrors = { 0 };
        Thread poller = Thread.ofVirtual().start(() -> pollConsole(base, agent, stop, console, consoleErrors));
        double windowStart = (System.nanoTime() - launched) / 1e9;
        CompletableFuture<StatusPageBenchmark.Wrk.Output> wrk = CompletableFuture.supplyAsync(() -> {
            try {
                return StatusPageBenchmark.Wrk.run(base + "/api/v2/summary.json", connections, duration, true,
                        gzip ? List.of("Accept-Encoding: gzip") : List.of());
            } catch (IOException | InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(500); // wrk's connections open before the burst begins
        long start = System.nanoTime();
        send(producer, round);
        double produced = (System.nanoTime() - start) / 1e9;
        long deadline = start + CONSUMED_WITHIN.toNanos();
        long committed = committedBefore;
        while (System.nanoTime() < deadline) {
            service.requireAlive();
            committed = offsets.committedTotal(IncidentServiceUnderTest.CONSUMER_GROUP, Topics.HEALTH_EVENTS);
            if (committed >= target) {
                break;
            }
            Thread.sleep(50); // polling the broker's committed offsets of another process
        }
        double consumed = committed >= target ? (System.nanoTime() - start) / 1e9 : Double.NaN;
        StatusPageBenchmark.Wrk.Output measured = wrk.join();
        stop.set(true);
        poller.join();
        double windowEnd = (System.nanoTime() - launched) / 1e9;
        double[] gc = gcPauses(windowStart, windowEnd);
        return new Burst(measured, Distribution.of(console), consoleErrors[0], committed - committedBefore, produced,
                consumed, (int) gc[0], gc[1], gc[2]);
    }

    /** Ten events per component, in rounds: one in ten components goes DOWN for four rounds (an incident), the rest stay UP. */
    private void send(HealthEventsProducer producer, int round) {
        List<SyntheticCatalog.Component> all = new SyntheticCatalog(components / COMPONENTS_PER_SITE, COMPONENTS_PER_SITE).components();
        Instant at = Instant.now();
        int rounds = events / all.size();
        for (int r = 0; r < rounds; r++) {
            for (int c = 0; c < all.size(); c++) {
                SyntheticCatalog.Component component = all.get(c);
                boolean down = (c + round) % 10 == 0 && r >= 2 && r < 6;
                producer.send(HealthEventsProducer.event(component.siteId(), component.id(), component.id() + "-http", "probe-1",
                        down ? HealthStatus.DOWN : HealthStatus.UP, at.plusMillis(r * 1_000L)));
            }
        }
        producer.flush();
    }

    /** Signs the agent in through the login form (CSRF token included); the client keeps the session cookie. */
    private static HttpClient signIn(String base) throws IOException, InterruptedException {
        HttpClient client = HttpClient.newBuilder().cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();
        String login = client.send(HttpRequest.newBuilder(URI.create(base + "/login")).build(), HttpResponse.BodyHandlers.ofString()).body();
        Matcher csrf = CSRF.matcher(login);
        if (!csrf.find()) {
            throw new IllegalStateException("No CSRF token on " + base + "/login");
        }
        String form = "username=agent&password=demo&_csrf=" + URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8);
        HttpResponse<String> signedIn = client.send(HttpRequest.newBuilder(URI.create(base + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form)).build(),
                HttpResponse.BodyHandlers.ofString());
        String location = signedIn.headers().firstValue("Location").orElse("");
        HttpResponse<String> console = client.send(HttpRequest.newBuilder(URI.create(base + "/console")).build(),
                HttpResponse.BodyHandlers.ofString());
        if (signedIn.statusCode() != 302 || location.contains("error") || console.statusCode() != 200) {
            throw new IllegalStateException("The agent could not sign in: " + signedIn.statusCode() + " to " + location
                    + ", then /console " + console.statusCode());
        }
        return client;
    }

    /** The console's incident list, opened by the signed-in agent every half second until told to stop. */
    private static void pollConsole(String base, HttpClient agent, AtomicBoolean stop, List<Double> latencies, long[] errors) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/console")).timeout(Duration.ofSeconds(10)).build();
        while (!stop.get()) {
            long start = System.nanoTime();
            try {
                HttpResponse<byte[]> response = agent.send(request, HttpResponse.BodyHandlers.ofByteArray());
                if (response.statusCode() == 200) {
                    latencies.add((System.nanoTime() - start) / 1e6);
                } else {
                    errors[0]++;
                }
                Thread.sleep(CONSOLE_EVERY); // the console's pace: a person's, not a load generator's
            } catch (IOException e) {
                errors[0]++;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** The GC log's pauses whose JVM uptime lies in the window: count, total and longest in milliseconds. */
    private static double[] gcPauses(double from, double to) throws IOException {
        double[] result = new double[3];
        if (!Files.isRegularFile(GC_LOG)) {
            return result;
        }
        for (String line : Files.readAllLines(GC_LOG)) {
            Matcher m = GC_PAUSE.matcher(line.strip());
            if (m.find()) {
                double at = Double.parseDouble(m.group(1));
                double millis = Double.parseDouble(m.group(2));
                if (at >= from && at <= to) {
                    result[0]++;
                    result[1] += millis;
                    result[2] = Math.max(result[2], millis);
                }
            }
        }
        return result;
    }

    private void print(String jvm, double startUp, long rss, List<Burst> bursts) {
        out.printf("%nSTATUS PAGE DURING A BURST  incident-service from its jar with %s; %,d components; "
                + "healthy %.1f s after launch; RSS %d MB after the bursts%n", jvm, components, startUp, rss >> 20);
        out.printf("  each burst: %,d health events to the broker while wrk -t2 -c%d -d%ds requests /api/v2/summary.json%s "
                + "and the agent opens /console every %d ms%n", events, connections, duration.toSeconds(),
                gzip ? " with Accept-Encoding: gzip" : " (no Accept-Encoding: the whole JSON each time)", CONSOLE_EVERY.toMillis());
        Table table = new Table("summary.json during the burst (wrk), the console, the events consumed, GC pauses", "burst",
                "req/s", "p50", "p90", "p99", "max", "errors", "console n", "console p50", "console max", "events consumed",
                "sent in", "lag 0 after", "GC pauses", "GC total", "GC max");
        for (int i = 0; i < bursts.size(); i++) {
            Burst b = bursts.get(i);
            table.row(i == 0 ? "1 (cold)" : (i + 1) + " (warm)", Table.rate(b.wrk().perSecond()), Table.millis(b.wrk().p50()),
                    Table.millis(b.wrk().p90()), Table.millis(b.wrk().p99()), Table.millis(b.wrk().max()),
                    Table.count(b.wrk().socketErrors() + b.wrk().non2xx() + b.consoleErrors()), Table.count(b.console().count()),
                    Table.millis(b.console().p50()), Table.millis(b.console().max()), Table.count(b.consumed()),
                    String.format("%.2f s", b.producedSeconds()),
                    Double.isNaN(b.consumedSeconds()) ? "not within " + CONSUMED_WITHIN.toSeconds() + " s"
                            : String.format("%.2f s", b.consumedSeconds()),
                    Table.count(b.gcPauses()), Table.millis(b.gcPauseMillis()), Table.millis(b.gcMaxPause()));
        }
        table.print(out);
        for (int i = 0; i < bursts.size(); i++) {
            Burst b = bursts.get(i);
            out.printf("  burst %d: goal p99 < 100 ms %s (%s); all %,d events consumed: %s%n", i + 1,
                    b.wrk().p99() < 100 ? "MET" : "NOT MET", Table.millis(b.wrk().p99()), events,
                    b.consumed() >= events ? "yes" : "NO (" + b.consumed() + ")");
        }
        out.printf("  BURST-LINE %s | %.1f | %d | %s%n", jvm, startUp, rss >> 20, String.join(" | ",
                bursts.stream().map(b -> String.format("%.1f %.1f %.1f %.2f", b.wrk().p50(), b.wrk().p99(), b.wrk().max(),
                        b.consumedSeconds())).toList()));
    }
}
