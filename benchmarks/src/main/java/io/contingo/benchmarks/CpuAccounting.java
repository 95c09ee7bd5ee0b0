package io.contingo.benchmarks;

import java.lang.management.CompilationMXBean;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * CPU time spent between two moments by each group of this JVM's threads (named by {@code role}), and by the
 * whole process. What the process spent outside Java threads is the difference; on Linux the JIT compiler's and
 * the garbage collector's native threads are read from /proc. Everything under measurement runs in this one
 * JVM, so this says which part used the machine.
 */
final class CpuAccounting {

    static final String JIT = "JVM: JIT compiler threads";
    static final String GC = "JVM: garbage collector threads";
    static final String JVM_OTHER = "JVM: other internal threads, ended threads";
    /** Linux's clock ticks per second for /proc CPU times (USER_HZ, 100 on every common kernel). */
    private static final long TICKS_PER_SECOND = 100;
    private static final Path TASKS = Path.of("/proc/self/task");

    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final com.sun.management.OperatingSystemMXBean os =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private final CompilationMXBean compiler = ManagementFactory.getCompilationMXBean();
    private final Function<String, String> role;
    private long startWall;
    private long startProcess;
    private long startCompilationMillis;
    private Map<String, Long> startInternal = Map.of();
    private long startGcMillis;
    private long startGcCount;
    private Map<Long, Long> startThreads = Map.of();

    /** @param role maps a thread group name ({@link ThreadNames#group(String)}) to the part it belongs to */
    CpuAccounting(Function<String, String> role) {
        this.role = role;
    }

    /** CPU seconds per part over a wall-clock duration, and the collector's work (pauses and concurrent cycles). */
    record Usage(Duration wall, long processNanos, Map<String, Long> nanosByPart, long gcCount, Duration gcTime) {
        double cores() {
            return processNanos / (double) wall.toNanos();
        }
    }

    void start() {
        startThreads = threadTimes(new HashMap<>());
        startProcess = os.getProcessCpuTime();
        startCompilationMillis = compiler.getTotalCompilationTime();
        startInternal = internalThreadTimes();
        startGcMillis = gcMillis();
        startGcCount = gcCount();
        startWall = System.nanoTime();
    }

    Usage stop() {
        Map<Long, String> names = new HashMap<>();
        Map<Long, Long> end = threadTimes(names);
        long process = os.getProcessCpuTime() - startProcess;
        Duration wall = Duration.ofNanos(System.nanoTime() - startWall);
        Map<String, Long> byPart = new HashMap<>();
        long inThreads = 0;
        for (Map.Entry<Long, Long> e : end.entrySet()) {
            long used = e.getValue() - startThreads.getOrDefault(e.getKey(), 0L);
            inThreads += used;
            byPart.merge(role.apply(ThreadNames.group(names.get(e.getKey()))), used, Long::sum);
        }
        long outside = Math.max(0, process - inThreads);
        Map<String, Long> internal = internalThreadTimes();
        if (!internal.isEmpty()) { // Linux: the JVM's own threads by name
            for (Map.Entry<String, Long> e : internal.entrySet()) {
                long used = Math.min(outside, Math.max(0, e.getValue() - startInternal.getOrDefault(e.getKey(), 0L)));
                byPart.merge(e.getKey(), used, Long::sum);
                outside -= used;
            }
        } else { // elsewhere: the compiler's time from its bean, the rest mostly the collector's
            long jit = Math.min(outside, (compiler.getTotalCompilationTime() - startCompilationMillis) * 1_000_000);
            byPart.merge(JIT, jit, Long::sum);
            outside -= jit;
        }
        byPart.merge(JVM_OTHER, outside, Long::sum);
        Map<String, Long> sorted = new LinkedHashMap<>();
        byPart.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .forEach(e -> sorted.put(e.getKey(), e.getValue()));
        return new Usage(wall, process, sorted, gcCount() - startGcCount, Duration.ofMillis(gcMillis() - startGcMillis));
    }

    private static long gcMillis() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream().mapToLong(GarbageCollectorMXBean::getCollectionTime).sum();
    }

    private static long gcCount() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream().mapToLong(GarbageCollectorMXBean::getCollectionCount).sum();
    }

    /** CPU nanoseconds of the JVM's own native threads (compiler, collector), from /proc; empty where there is none. */
    private static Map<String, Long> internalThreadTimes() {
        Map<String, Long> times = new HashMap<>();
        if (!Files.isDirectory(TASKS)) {
            return times;
        }
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(TASKS)) {
            for (Path task : tasks) {
                String stat;
                try {
                    stat = Files.readString(task.resolve("stat"));
                } catch (IOException ended) {
                    continue;
                }
                String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                String part = name.startsWith("C1 Compiler") || name.startsWith("C2 Compiler") ? JIT
                        : name.startsWith("GC Thread") || name.startsWith("G1 ") ? GC : null;
                if (part == null) {
                    continue;
                }
                String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime, stime
                times.merge(part, ticks * (1_000_000_000L / TICKS_PER_SECOND), Long::sum);
            }
        } catch (IOException e) {
            return Map.of();
        }
        return times;
    }

    private Map<Long, Long> threadTimes(Map<Long, String> names) {
        Map<Long, Long> times = new HashMap<>();
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            long cpu = threads.getThreadCpuTime(thread.threadId());
            if (cpu >= 0) {
                times.put(thread.threadId(), cpu);
                names.put(thread.threadId(), thread.getName());
            }
        }
        return times;
    }

    /** The parts of a benchmark JVM: incident-service's threads, the broker's, the MongoDB-wire server's. */
    static String platformRole(String group) {
        String g = group.toLowerCase(java.util.Locale.ROOT);
        if (g.contains("-c-#") || g.contains("onhealthevent") || g.contains("kafkaconsumerdestination")) {
            return "incident-service: health-events consumer";
        }
        if (g.startsWith("outbox-relay")) {
            return "incident-service: outbox relay";
        }
        if (g.startsWith("http-nio") || g.startsWith("tomcat")) {
            return "incident-service: web (Tomcat)";
        }
        if (g.startsWith("forkjoinpool-#-worker")) {
            return "virtual threads (web requests)";
        }
        if (g.startsWith("kafka-producer-network-thread")) {
            return "Kafka producers' I/O threads";
        }
        if (g.startsWith("mongo-server") || g.contains("nioeventloop") || g.startsWith("h#-")) {
            return "MongoDB-wire server";
        }
        if (g.startsWith("cluster-") || g.startsWith("maintenance-timer") || g.contains("mongo")) {
            return "MongoDB driver background";
        }
        if (g.startsWith("main")) {
            return "benchmark driver";
        }
        if (g.startsWith("data-plane") || g.startsWith("kafka") || g.startsWith("broker") || g.contains("raft")
                || g.contains("controller") || g.startsWith("expirationreaper") || g.contains("logcleaner")
                || g.contains("group-coordinator") || g.contains("quorum") || g.contains("metadata")
                || g.startsWith("executor-") || g.startsWith("share-") || g.contains("coordinator")) {
            return "Kafka broker";
        }
        return "other: " + group;
    }
}
