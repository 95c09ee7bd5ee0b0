package io.contingo.health.monitor;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * A backup job reports each backup to the push URL; judged against the RPO and the schedule per kind.
 *
 * @param rpo      the recovery point objective, the oldest a last good backup may be
 * @param grace    how late a scheduled kind may be before it counts as overdue (none when null)
 * @param schedule how often each kind of backup ({@code full}, {@code incremental}, {@code log}) is expected
 */
public record BackupMonitor(MonitorBasics basics, Duration rpo, Duration grace, Map<String, Duration> schedule)
        implements PushedMonitor {

    /** The kinds of backup a backup monitor knows. */
    public static final List<String> KINDS = List.of("full", "incremental", "log");

    public BackupMonitor {
        schedule = schedule == null ? Map.of() : Map.copyOf(schedule);
    }

    @Override
    public String target() {
        return "backups, RPO " + MonitorDefinition.written(rpo) + new TreeMap<>(schedule).entrySet().stream()
                .map(e -> ", " + e.getKey() + " every " + MonitorDefinition.written(e.getValue())).collect(Collectors.joining());
    }
}
