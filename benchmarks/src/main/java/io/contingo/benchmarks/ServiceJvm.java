package io.contingo.benchmarks;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A service run from its jar as a process of its own, its output in a log file: started, waited for until its
 * health says UP, its CPU read from the OS, stopped with SIGTERM (then killed if it lingers).
 */
final class ServiceJvm implements AutoCloseable {

    private static final Duration HEALTHY_WITHIN = Duration.ofSeconds(120);

    private final String name;
    private final Process process;
    private final Path log;
    private final HttpClient http = HttpClient.newHttpClient();

    private ServiceJvm(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
    }

    static ServiceJvm start(String name, ProcessBuilder builder, Path log) throws IOException {
        return new ServiceJvm(name, builder.redirectErrorStream(true).redirectOutput(log.toFile()).start(), log);
    }

    /** Waits until {@code /actuator/health} on the port says UP; fails when the process stops or takes too long. */
    void awaitHealthy(int port) throws Exception {
        long deadline = System.nanoTime() + HEALTHY_WITHIN.toNanos();
        while (System.nanoTime() < deadline) {
            requireAlive();
            try {
                HttpResponse<String> health = http.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/actuator/health")).build(), HttpResponse.BodyHandlers.ofString());
                if (health.body().contains("\"UP\"")) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(200); // polling another process's health, not synchronising threads
        }
        throw new IllegalStateException(name + " not healthy within " + HEALTHY_WITHIN.toSeconds() + " s; see " + log);
    }

    void requireAlive() {
        if (!process.isAlive()) {
            throw new IllegalStateException(name + " stopped; see " + log);
        }
    }

    long cpuNanos() {
        return cpuNanos(process.toHandle());
    }

    /** CPU time a process has used so far, from the OS. */
    static long cpuNanos(ProcessHandle process) {
        return process.info().totalCpuDuration().map(Duration::toNanos).orElse(0L);
    }

    /** The process's resident set (VmRSS in /proc), 0 where the OS has no /proc. */
    long residentBytes() throws IOException {
        Path status = Path.of("/proc", String.valueOf(process.pid()), "status");
        if (!java.nio.file.Files.isReadable(status)) {
            return 0;
        }
        return java.nio.file.Files.readAllLines(status).stream().filter(l -> l.startsWith("VmRSS:"))
                .mapToLong(l -> Long.parseLong(l.replaceAll("\\D", "")) * 1024).findFirst().orElse(0);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
