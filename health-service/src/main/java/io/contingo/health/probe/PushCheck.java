package io.contingo.health.probe;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

import io.contingo.events.HealthStatus;
import io.contingo.health.monitor.BackupMonitor;
import io.contingo.health.monitor.Periodic;
import io.contingo.health.monitor.PushMonitor;
import io.contingo.health.push.PushState;
import io.contingo.starter.text.ReadableDuration;

/**
 * Judges a pushed monitor from what its job last said; no connection is made.
 * <ul>
 * <li>push: DOWN when no push arrived within period + grace (counted from start-up until the first push) or
 * when the last push said DOWN; otherwise UP.</li>
 * <li>backup: DOWN when the last good backup is older than the RPO (or there is none and the RPO has passed
 * since start-up); DEGRADED when a scheduled kind is overdue or the latest backup failed; otherwise UP. Every
 * result carries the RPO target and the schedule, and once a good backup exists {@code rpoSeconds} (the age of the
 * last good backup), {@code lastBackupKind}, when it finished, and when each kind last succeeded: report-service
 * counts the backups of each day from them.</li>
 * </ul>
 * Metrics monitors keep the same deadline as push monitors ({@link #overdue}); {@link MetricsCheck} judges
 * their readings.
 */
final class PushCheck {

    static final String RPO_SECONDS = "rpoSeconds";
    static final String LAST_PUSH_AT = "lastPushAt";
    static final String LAST_BACKUP_KIND = "lastBackupKind";
    /** Backup: when the newest good backup finished (ISO-8601), so that a reader can count backups without rounding. */
    static final String LAST_GOOD_BACKUP_AT = "lastGoodBackupAt";
    /** Backup: the monitor's RPO in seconds, the target its readings are judged against. */
    static final String RPO_TARGET_SECONDS = "rpoTargetSeconds";
    /** Backup: prefix of one attribute per kind, when its newest good backup finished ({@code lastGoodAt.full}). */
    static final String LAST_GOOD_AT = "lastGoodAt.";
    /** Backup: prefix of one attribute per scheduled kind, how often it is expected in seconds ({@code every.log}). */
    static final String EVERY = "every.";

    private PushCheck() {
    }

    static CheckResult heartbeat(PushMonitor monitor, PushState state, Instant startedAt, Instant now) {
        Map<String, String> attributes = state.lastPushAt() == null ? Map.of() : Map.of(LAST_PUSH_AT, state.lastPushAt().toString());
        CheckResult late = overdue(monitor, state.lastPushAt(), "push", startedAt, now, attributes);
        if (late != null) {
            return late;
        }
        Duration age = Duration.between(state.lastPushAt(), now);
        if (state.lastPushStatus() == HealthStatus.DOWN) {
            return CheckResult.down(null, "The job reported DOWN " + ReadableDuration.of(age) + " ago"
                    + (state.lastMessage() == null ? "" : ": " + state.lastMessage()), attributes);
        }
        return up("Last push " + ReadableDuration.of(age) + " ago, " + expected(monitor), attributes);
    }

    /**
     * The deadline of a monitor that is pushed to every period: DOWN when nothing came within period + grace,
     * counted from start-up until the first push and from a restart after it; UP while the first push is awaited
     * in time; null when the last push is on time.
     *
     * @param what what is pushed, in the detail: {@code push}, {@code readings}
     */
    static CheckResult overdue(Periodic monitor, Instant lastAt, String what, Instant startedAt, Instant now,
            Map<String, String> attributes) {
        Duration allowed = monitor.period().plus(monitor.graceOrNone());
        if (lastAt == null) {
            Duration since = Duration.between(startedAt, now);
            return since.compareTo(allowed) > 0
                    ? CheckResult.down(null, "No " + what + " since start-up " + ReadableDuration.of(since) + " ago, " + expected(monitor), attributes)
                    : up("Waiting for the first " + what + ", " + expected(monitor), attributes);
        }
        Instant from = lastAt.isAfter(startedAt) ? lastAt : startedAt;
        if (Duration.between(from, now).compareTo(allowed) > 0) {
            return CheckResult.down(null, "No " + what + " for " + ReadableDuration.of(Duration.between(lastAt, now)) + ", "
                    + expected(monitor), attributes);
        }
        return null;
    }

    /** How often pushes are due, in the words of a detail: {@code expected every 5 min + 1 min grace}. */
    private static String expected(Periodic monitor) {
        return "expected every " + ReadableDuration.of(monitor.period())
                + (monitor.grace() == null ? "" : " + " + ReadableDuration.of(monitor.grace()) + " grace");
    }

    static CheckResult backup(BackupMonitor monitor, PushState state, Instant startedAt, Instant now) {
        Duration rpo = monitor.rpo();
        String target = "RPO " + ReadableDuration.of(rpo);
        Map<String, String> attributes = new HashMap<>();
        attributes.put(RPO_TARGET_SECONDS, Long.toString(rpo.toSeconds()));
        monitor.schedule().forEach((kind, every) -> attributes.put(EVERY + kind, Long.toString(every.toSeconds())));
        state.lastGoodByKind().forEach((kind, at) -> attributes.put(LAST_GOOD_AT + kind, at.toString()));
        String detail;
        if (state.lastGoodBackupAt() == null) {
            Duration since = Duration.between(startedAt, now);
            if (since.compareTo(rpo) > 0) {
                return CheckResult.down(null, "No good backup since start-up " + ReadableDuration.of(since) + " ago, " + target, attributes);
            }
            detail = "no good backup yet (start-up " + ReadableDuration.of(since) + " ago), " + target;
        } else {
            Duration age = Duration.between(state.lastGoodBackupAt(), now);
            attributes.put(RPO_SECONDS, Long.toString(Math.max(0, age.toSeconds())));
            attributes.put(LAST_BACKUP_KIND, state.lastGoodKind());
            attributes.put(LAST_GOOD_BACKUP_AT, state.lastGoodBackupAt().toString());
            detail = "last good backup " + ReadableDuration.of(age) + " ago (" + state.lastGoodKind() + "), " + target;
            if (age.compareTo(rpo) > 0) {
                return CheckResult.down(null, "RPO missed: " + detail, attributes);
            }
        }
        StringBuilder late = new StringBuilder();
        new TreeMap<>(monitor.schedule()).forEach((kind, every) -> {
            Instant last = state.lastGoodByKind().get(kind);
            Instant from = last == null ? startedAt : last;
            if (Duration.between(from, now).compareTo(every.plus(monitor.graceOrNone())) > 0) {
                late.append("; ").append(kind).append(" overdue (")
                        .append(last == null ? "none yet" : "last " + ReadableDuration.of(Duration.between(last, now)) + " ago")
                        .append(", expected every ").append(ReadableDuration.of(every)).append(')');
            }
        });
        if (state.lastFailedAt() != null) {
            late.append("; the latest ").append(state.lastFailedKind()).append(" backup failed ")
                    .append(ReadableDuration.of(Duration.between(state.lastFailedAt(), now))).append(" ago");
        }
        if (!late.isEmpty()) {
            return new CheckResult(HealthStatus.DEGRADED, null, capitalized(detail) + late, attributes);
        }
        return up(capitalized(detail), attributes);
    }

    /** UP without a latency: nothing was measured. */
    static CheckResult up(String detail, Map<String, String> attributes) {
        return new CheckResult(HealthStatus.UP, null, detail, attributes);
    }

    private static String capitalized(String text) {
        return Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}
