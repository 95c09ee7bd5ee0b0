package io.contingo.benchmarks;

import java.io.PrintStream;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs the benchmarks named on the command line ({@code ingest}, {@code detection}, {@code statuspage},
 * {@code probes}, {@code drp}, {@code monthly} or {@code all}) and prints their figures. Options: {@code --events=N}, {@code --crossings=N},
 * {@code --runs=N} (drp: DRP runs measured, default 200),
 * {@code --warm-up=N} (ingest: events read before the clock starts, default 600,000),
 * {@code --seconds=N} (wrk duration), {@code --connections=N}, {@code --limit=N} (seconds a phase may take),
 * {@code --concurrency=N} (ingest: incident-service's consumer threads instead of its own setting), {@code --separate}
 * (ingest: incident-service from its jar in a JVM of its own), {@code --burst} (statuspage: summary.json during a burst of
 * health events, the service from its jar with {@code .mvn/service-jvm.options} or {@code --service-jvm="..."}),
 * {@code --background=R} (detection: UP events per second from other components meanwhile), {@code --monitors=N},
 * {@code --measure=S} and {@code --heap=SIZE} (probes: monitors, seconds measured, health-service's heap limit),
 * {@code --components=N}, {@code --incidents=N}, {@code --changes=N} and {@code --repeat=N} (monthly: the month's size and
 * the requests timed; {@code --heap=SIZE} is report-service's heap limit there; {@code --before=0}: no change before the
 * month, so that report-service looks up no component's last one).
 */
public final class Benchmarks {

    private static final PrintStream OUT = System.out;

    private Benchmarks() {
    }

    public static void main(String[] args) throws Exception {
        String carriers = IncidentServiceUnderTest.carryVirtualThreadsAsTheServiceDoes();
        Map<String, String> options = new HashMap<>();
        List<String> names = new java.util.ArrayList<>();
        boolean separate = false;
        boolean burst = false;
        boolean gzip = false;
        for (String arg : args) {
            if (arg.equals("--separate")) {
                separate = true;
            } else if (arg.equals("--burst")) {
                burst = true;
            } else if (arg.equals("--gzip")) {
                gzip = true;
            } else if (arg.startsWith("--") && arg.contains("=")) {
                options.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
            } else {
                names.add(arg);
            }
        }
        if (names.isEmpty() || names.contains("all")) {
            names = List.of("ingest", "detection", "statuspage", "probes", "drp", "monthly");
        }
        OUT.printf("Contingo benchmarks, %s, %d cores, %s %s, max heap %d MB, %s carriers for virtual threads%n",
                LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")),
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.name"),
                System.getProperty("java.version"), Runtime.getRuntime().maxMemory() >> 20, carriers);
        for (String name : names) {
            switch (name) {
                case "ingest" -> new IngestBenchmark(IngestBenchmark.Settings.defaults(
                        bounded(options, "warm-up", 600_000, 0, 1_000_000),
                        bounded(options, "events", 400_000, 1_000, 1_000_000),
                        Duration.ofSeconds(bounded(options, "limit", 150, 10, 240)),
                        bounded(options, "concurrency", 0, 0, 3), separate), OUT).run();
                case "detection" -> new DetectionBenchmark(bounded(options, "crossings", 200, 10, 1_000),
                        bounded(options, "background", 0, 0, 5_000),
                        Duration.ofSeconds(bounded(options, "limit", 120, 10, 240)), OUT).run();
                case "statuspage" -> {
                    if (burst) {
                        new StatusPageBurst(bounded(options, "components", 1_000, 10, 2_000),
                                bounded(options, "events", 10_000, 1_000, 100_000), bounded(options, "connections", 50, 1, 200),
                                Duration.ofSeconds(bounded(options, "seconds", 10, 3, 60)), options.get("service-jvm"), gzip, OUT).run();
                    } else {
                        new StatusPageBenchmark(bounded(options, "connections", 50, 1, 200),
                                Duration.ofSeconds(bounded(options, "seconds", 15, 3, 60)), OUT).run();
                    }
                }
                case "probes" -> new ProbeBenchmark(bounded(options, "monitors", 10_000, 100, 20_000),
                        Duration.ofSeconds(bounded(options, "measure", 60, 10, 300)),
                        options.getOrDefault("heap", "512m"), OUT).run();
                case "drp" -> new DrpBenchmark(bounded(options, "runs", 200, 10, 1_000),
                        Duration.ofSeconds(bounded(options, "limit", 300, 10, 900)), OUT).run();
                case "monthly" -> new MonthlyBenchmark(bounded(options, "components", 200, 2, 1_000),
                        bounded(options, "incidents", 2_000, 0, 20_000), bounded(options, "changes", 1_000_000, 0, 2_000_000),
                        bounded(options, "repeat", 5, 1, 20), Duration.ofSeconds(bounded(options, "limit", 1_200, 10, 1_800)),
                        options.getOrDefault("heap", "1g"), bounded(options, "before", 1, 0, 1) == 1, OUT).run();
                default -> throw new IllegalArgumentException("No benchmark '" + name + "': ingest, detection, statuspage, probes, drp, monthly or all");
            }
        }
        OUT.println();
        System.exit(0); // the Kafka broker leaves non-daemon threads behind
    }

    private static int bounded(Map<String, String> options, String name, int otherwise, int min, int max) {
        int value = options.containsKey(name) ? Integer.parseInt(options.get(name)) : otherwise;
        if (value < min || value > max) {
            throw new IllegalArgumentException("--" + name + " must be between " + min + " and " + max);
        }
        return value;
    }

    /** A line on stderr saying what runs now: progress, apart from the figures on stdout. */
    static void progress(String what) {
        System.err.printf("[%tT] %s%n", System.currentTimeMillis(), what);
    }
}
