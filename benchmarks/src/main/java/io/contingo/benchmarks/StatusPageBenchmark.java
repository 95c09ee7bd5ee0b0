package io.contingo.benchmarks;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
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
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.contingo.events.HealthStatus;

/**
 * Status page: requests per second and latency percentiles under {@code wrk} with 50 connections on loopback,
 * for the HTML status page {@code /} and {@code /api/v2/summary.json}, next to the same summary.json bytes served
 * as a static file by the same JVM (the file lies under {@code /api/v2/}, so that it passes through the same
 * security and ETag filters, and only the controller, its MongoDB reads and its rendering are missing).
 *
 * <p>The service runs the demo catalog (two sites, six components) during an outage of one component, so the
 * pages show an open incident. All URLs get a warm-up run first, then each a measured one, during which the
 * MongoDB commands per request are counted, the JVM's CPU is accounted per part and the request threads are
 * sampled. Next to wrk's mean latency the table shows the mean that its own throughput implies (Little's law:
 * connections / requests per second), as a check on wrk's latency figures.
 */
final class StatusPageBenchmark {

    private static final Duration WARM_UP = Duration.ofSeconds(15);
    private static final Duration CLIENT_RUN = Duration.ofSeconds(10);
    private static final Duration CLIENT_WARM_UP = Duration.ofSeconds(2);
    private static final String STATIC_COPY = "/api/v2/summary-static.json";

    private final int connections;
    private final Duration duration;
    private final PrintStream out;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    StatusPageBenchmark(int connections, Duration duration, PrintStream out) {
        this.connections = connections;
        this.duration = duration;
        this.out = out;
    }

    /** What wrk measured for one URL, what the JVM spent meanwhile, and the closed-loop client's second opinion. */
    record WrkResult(String path, long bytes, long requests, double perSecond, double mean, double p50, double p90, double p99,
            double max, long errors, long non2xx, double mongoPerRequest, double mongoMicrosPerRequest,
            CpuAccounting.Usage cpu, CpuProfile.Profile profile, ClientResult client) {
    }

    /** What {@link ClosedLoopClient} measured, latencies in milliseconds. */
    record ClientResult(long requests, double seconds, double mean, double p50, double p90, double p99, double max, long errors) {
        double perSecond() {
            return requests / seconds;
        }
    }

    void run() throws Exception {
        Wrk.require();
        Path staticDir = Files.createTempDirectory("contingo-bench-static");
        try (Infrastructure infrastructure = Infrastructure.start()) {
            Files.createDirectories(staticDir.resolve("api/v2"));
            Benchmarks.progress("starting incident-service (demo catalog)");
            try (IncidentServiceUnderTest service = IncidentServiceUnderTest.start(infrastructure,
                    // the copy's directory first: found at once, without a look through the class path's jars
                    Map.of("spring.web.resources.static-locations", "file:" + staticDir.toAbsolutePath() + "/,classpath:/static/"),
                    MongoCommandCounter.class)) {
                openAnIncident(infrastructure, service);
                byte[] summary = get(service.baseUrl() + "/api/v2/summary.json");
                Files.write(staticDir.resolve("api/v2/summary-static.json"), summary);
                byte[] copy = get(service.baseUrl() + STATIC_COPY);
                if (!Arrays.equals(summary, copy)) {
                    throw new IllegalStateException("The static copy of summary.json is not served as written");
                }
                MongoCommandCounter mongo = service.context().getBean(MongoCommandCounter.class);
                List<String> paths = List.of("/", "/api/v2/summary.json", STATIC_COPY);
                for (String path : paths) { // all first, so that code they share is compiled before any is measured
                    Benchmarks.progress("wrk " + path + ": " + WARM_UP.toSeconds() + " s warm-up");
                    Wrk.run(service.baseUrl() + path, connections, WARM_UP, false);
                }
                List<WrkResult> results = new ArrayList<>();
                for (String path : paths) {
                    String url = service.baseUrl() + path;
                    long bytes = get(url).length;
                    Benchmarks.progress("wrk " + path + ": " + duration.toSeconds() + " s measured");
                    mongo.reset();
                    CpuAccounting cpu = new CpuAccounting(CpuAccounting::platformRole);
                    CpuProfile profile = new CpuProfile();
                    profile.start();
                    cpu.start();
                    Wrk.Output measured = Wrk.run(url, connections, duration, true);
                    CpuAccounting.Usage usage = cpu.stop();
                    CpuProfile.Profile requests = profile.stop(sample -> sample.passesThrough("org.apache.catalina."));
                    long commands = mongo.tallies().values().stream().mapToLong(MongoCommandCounter.Tally::count).sum();
                    long nanos = mongo.tallies().values().stream().mapToLong(MongoCommandCounter.Tally::nanos).sum();
                    long count = Math.max(1, measured.requests());
                    Benchmarks.progress("closed-loop client " + path + ": " + (CLIENT_WARM_UP.toSeconds() + CLIENT_RUN.toSeconds()) + " s");
                    ClientResult client = runClient(url);
                    results.add(new WrkResult(path, bytes, measured.requests(), measured.perSecond(), measured.mean(),
                            measured.p50(), measured.p90(), measured.p99(), measured.max(), measured.socketErrors(), measured.non2xx(),
                            commands / (double) count, nanos / 1e3 / count, usage, requests, client));
                }
                print(results);
            }
        } finally {
            Infrastructure.delete(staticDir);
        }
    }

    /** Runs {@link ClosedLoopClient} in a JVM of its own, like wrk a process beside the server. */
    private ClientResult runClient(String url) throws IOException, InterruptedException {
        String java = ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        String classes;
        try {
            classes = Path.of(ClosedLoopClient.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        Process client = new ProcessBuilder(java, "-Xmx256m", "-XX:+UseSerialGC", "-cp", classes, ClosedLoopClient.class.getName(),
                url, String.valueOf(connections), String.valueOf(CLIENT_RUN.toSeconds()), String.valueOf(CLIENT_WARM_UP.toSeconds()))
                .redirectErrorStream(true).start();
        String text = new String(client.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        if (!client.waitFor(CLIENT_RUN.plus(CLIENT_WARM_UP).toSeconds() + 30, TimeUnit.SECONDS) || client.exitValue() != 0) {
            client.destroyForcibly();
            throw new IllegalStateException("The closed-loop client failed on " + url + ":\n" + text);
        }
        String[] f = text.lines().reduce((first, last) -> last).orElse("").split(" ");
        return new ClientResult(Long.parseLong(f[0]), Double.parseDouble(f[1]), Double.parseDouble(f[2]), Double.parseDouble(f[3]),
                Double.parseDouble(f[4]), Double.parseDouble(f[5]), Double.parseDouble(f[6]), Long.parseLong(f[7]));
    }

    /** The demo's production web component goes down for good: the pages show an open incident. */
    private void openAnIncident(Infrastructure infrastructure, IncidentServiceUnderTest service) throws Exception {
        Instant at = Instant.now();
        try (HealthEventsProducer producer = HealthEventsProducer.forLatency(infrastructure.bootstrapServers())) {
            for (int i = 0; i < 3; i++) {
                producer.sendNow(HealthEventsProducer.event("production", "prod-web", "prod-web-http", "probe-1",
                        HealthStatus.DOWN, at.plusSeconds(i)));
            }
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            String summary = new String(get(service.baseUrl() + "/api/v2/summary.json"), StandardCharsets.UTF_8);
            if (summary.contains("\"major_outage\"") && summary.contains("Production site outage")) {
                return;
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("incident-service did not open the incident within 30 s");
    }

    private byte[] get(String url) throws IOException, InterruptedException {
        HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("GET " + url + " answered " + response.statusCode());
        }
        return response.body();
    }

    private void print(List<WrkResult> results) {
        out.printf("%nSTATUS PAGE  wrk -t2 -c%d -d%ds --latency on 127.0.0.1 after a %d s warm-up per URL; "
                + "demo catalog with one open incident%n", connections, duration.toSeconds(), WARM_UP.toSeconds());
        Table table = new Table("Requests per second and latency (wrk)", "URL", "bytes", "requests", "req/s", "mean",
                "mean by Little", "p50", "p90", "p99", "max", "errors", "MongoDB cmds/req", "MongoDB µs/req");
        for (WrkResult r : results) {
            table.row(r.path(), Table.count(r.bytes()), Table.count(r.requests()), Table.rate(r.perSecond()), Table.millis(r.mean()),
                    Table.millis(1000.0 * connections / r.perSecond()), Table.millis(r.p50()),
                    Table.millis(r.p90()), Table.millis(r.p99()), Table.millis(r.max()), Table.count(r.errors() + r.non2xx()),
                    String.format("%.2f", r.mongoPerRequest()), String.format("%.0f", r.mongoMicrosPerRequest()));
        }
        table.print(out);
        if (results.stream().anyMatch(r -> r.mean() > 1.5 * 1000.0 * connections / r.perSecond())) {
            out.println("  wrk's mean latency is above what its own throughput allows (Little's law, 'mean by Little'):"
                    + " on this machine its percentiles overstate the tail; see the closed-loop client below");
        }
        Table second = new Table(String.format("Second opinion: a closed-loop client (%d connections, keep-alive, nanoTime per request) "
                + "in a JVM of its own, %d s after %d s of its own warm-up", connections, CLIENT_RUN.toSeconds(),
                CLIENT_WARM_UP.toSeconds()), "URL", "requests", "req/s", "mean", "mean by Little", "p50", "p90", "p99", "max", "errors");
        for (WrkResult r : results) {
            ClientResult c = r.client();
            second.row(r.path(), Table.count(c.requests()), Table.rate(c.perSecond()), Table.millis(c.mean()),
                    Table.millis(1000.0 * connections / c.perSecond()), Table.millis(c.p50()), Table.millis(c.p90()),
                    Table.millis(c.p99()), Table.millis(c.max()), Table.count(c.errors()));
        }
        second.print(out);
        WrkResult dynamic = results.get(1);
        WrkResult file = results.get(2);
        out.printf("  summary.json from the controller reaches %s of the same bytes served as a static file%n",
                Table.percent(100 * dynamic.perSecond() / file.perSecond()));
        for (WrkResult r : results.subList(0, 2)) {
            boolean rate = r.perSecond() >= 5_000;
            out.printf("  %-22s goal >= 5,000 req/s: %s (%s, wrk); goal p99 < 20 ms: wrk %s (%s), closed-loop client %s (%s)%n",
                    r.path(), rate ? "MET" : "NOT MET", Table.rate(r.perSecond()), r.p99() < 20 ? "MET" : "NOT MET",
                    Table.millis(r.p99()), r.client().p99() < 20 ? "MET" : "NOT MET", Table.millis(r.client().p99()));
        }

        List<String> parts = new ArrayList<>();
        for (WrkResult r : results) {
            r.cpu().nanosByPart().entrySet().stream().filter(e -> e.getValue() > 0.02 * r.cpu().processNanos())
                    .map(Map.Entry::getKey).filter(k -> !parts.contains(k)).forEach(parts::add);
        }
        List<String> headers = new ArrayList<>(List.of("CPU µs per request, by part of the JVM"));
        results.forEach(r -> headers.add(r.path()));
        Table cpu = new Table("Where the time goes: this JVM's CPU per request while wrk ran (wrk itself shares the 2 cores)",
                headers.toArray(String[]::new));
        for (String part : parts) {
            List<Object> row = new ArrayList<>(List.of(part));
            results.forEach(r -> row.add(String.format("%.0f",
                    r.cpu().nanosByPart().getOrDefault(part, 0L) / 1e3 / Math.max(1, r.requests()))));
            cpu.row(row.toArray());
        }
        List<Object> total = new ArrayList<>(List.of("whole JVM (cores busy)"));
        results.forEach(r -> total.add(String.format("%.0f (%.2f)",
                r.cpu().processNanos() / 1e3 / Math.max(1, r.requests()), r.cpu().cores())));
        cpu.row(total.toArray());
        cpu.print(out);

        List<String> layers = new ArrayList<>();
        for (WrkResult r : results) {
            r.profile().samplesByLayer().keySet().stream().limit(8).filter(k -> !layers.contains(k)).forEach(layers::add);
        }
        headers.set(0, "request threads' CPU samples by library");
        Table profile = new Table("The request-handling threads' CPU by library (share of samples, 10 ms apart)",
                headers.toArray(String[]::new));
        for (String layer : layers) {
            List<Object> row = new ArrayList<>(List.of(layer));
            results.forEach(r -> row.add(Table.percent(r.profile().share(r.profile().samplesByLayer().getOrDefault(layer, 0)))));
            profile.row(row.toArray());
        }
        profile.print(out);
    }

    /** The {@code wrk} HTTP benchmarking tool (Debian package {@code wrk}), run as a child process. */
    static final class Wrk {

        private static final Pattern PERCENTILE = Pattern.compile("^\\s*(50|75|90|99)%\\s+([\\d.]+)(us|ms|s)\\s*$", Pattern.MULTILINE);
        private static final Pattern STATS = Pattern.compile(
                "^\\s*Latency\\s+([\\d.]+)(us|ms|s)\\s+\\S+\\s+([\\d.]+)(us|ms|s)", Pattern.MULTILINE);
        private static final Pattern REQUESTS = Pattern.compile("^\\s*(\\d+) requests in", Pattern.MULTILINE);
        private static final Pattern RATE = Pattern.compile("^Requests/sec:\\s+([\\d.]+)", Pattern.MULTILINE);
        private static final Pattern SOCKET_ERRORS = Pattern.compile(
                "Socket errors: connect (\\d+), read (\\d+), write (\\d+), timeout (\\d+)");
        private static final Pattern NON_2XX = Pattern.compile("Non-2xx or 3xx responses: (\\d+)");

        record Output(long requests, double perSecond, double mean, double p50, double p90, double p99, double max, long socketErrors,
                long non2xx) {
        }

        static void require() {
            try {
                Process version = new ProcessBuilder("wrk", "--version").redirectErrorStream(true).start();
                version.getInputStream().readAllBytes();
                version.waitFor(10, TimeUnit.SECONDS);
            } catch (IOException | InterruptedException e) {
                throw new IllegalStateException("The status page benchmark needs wrk: install the Debian package 'wrk' "
                        + "(apt-get install wrk)", e);
            }
        }

        static Output run(String url, int connections, Duration duration, boolean latency) throws IOException, InterruptedException {
            return run(url, connections, duration, latency, List.of());
        }

        /** wrk with these request headers ({@code Name: value}) on every request. */
        static Output run(String url, int connections, Duration duration, boolean latency, List<String> headers)
                throws IOException, InterruptedException {
            List<String> command = new ArrayList<>(List.of("wrk", "-t2", "-c" + connections, "-d" + duration.toSeconds() + "s",
                    "--timeout", "5s"));
            headers.forEach(header -> command.addAll(List.of("-H", header)));
            if (latency) {
                command.add("--latency");
            }
            command.add(url);
            Process wrk = new ProcessBuilder(command).redirectErrorStream(true).start();
            String text = new String(wrk.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!wrk.waitFor(duration.toSeconds() + 30, TimeUnit.SECONDS) || wrk.exitValue() != 0) {
                wrk.destroyForcibly();
                throw new IllegalStateException("wrk failed on " + url + ":\n" + text);
            }
            if (!latency) {
                return null;
            }
            double[] percentiles = new double[100];
            Matcher m = PERCENTILE.matcher(text);
            while (m.find()) {
                percentiles[Integer.parseInt(m.group(1))] = toMillis(m.group(2), m.group(3));
            }
            Matcher stats = STATS.matcher(text);
            Matcher requests = REQUESTS.matcher(text);
            Matcher rate = RATE.matcher(text);
            if (!requests.find() || !rate.find() || !stats.find()) {
                throw new IllegalStateException("Could not read wrk's output:\n" + text);
            }
            long socketErrors = 0;
            Matcher errors = SOCKET_ERRORS.matcher(text);
            if (errors.find()) {
                for (int g = 1; g <= 4; g++) {
                    socketErrors += Long.parseLong(errors.group(g));
                }
            }
            Matcher non2xx = NON_2XX.matcher(text);
            return new Output(Long.parseLong(requests.group(1)), Double.parseDouble(rate.group(1)),
                    toMillis(stats.group(1), stats.group(2)), percentiles[50], percentiles[90], percentiles[99],
                    toMillis(stats.group(3), stats.group(4)), socketErrors,
                    non2xx.find() ? Long.parseLong(non2xx.group(1)) : 0);
        }

        private static double toMillis(String value, String unit) {
            double v = Double.parseDouble(value);
            return switch (unit) {
                case "us" -> v / 1000;
                case "s" -> v * 1000;
                default -> v;
            };
        }
    }
}
