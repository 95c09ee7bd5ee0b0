package io.contingo.benchmarks;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Threads grouped by name with their numbers blanked out, so that a pool's threads count as one group. */
final class ThreadNames {

    private static final Map<String, String> GROUPS = new ConcurrentHashMap<>();

    private ThreadNames() {
    }

    static String group(Thread thread) {
        return thread.isVirtual() && thread.getName().isEmpty() ? "(virtual thread)" : group(thread.getName());
    }

    static String group(String name) {
        return name == null || name.isEmpty() ? "(unnamed)" : GROUPS.computeIfAbsent(name, n -> n.replaceAll("\\d+", "#"));
    }
}
