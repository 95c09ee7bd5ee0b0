package io.contingo.health.push;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

import io.contingo.events.HealthStatus;

/**
 * What the job behind a pushed monitor last said, kept in {@code push_states} so that a restart does not forget
 * the last push or the last backup.
 *
 * @param lastPushAt        when the last push arrived (any status)
 * @param lastPushStatus    UP, or DOWN when the job said so ({@code ?status=down})
 * @param lastMessage       the job's message with an explicit DOWN
 * @param lastGoodBackupAt  backup: when the newest good backup finished
 * @param lastGoodKind      backup: its kind
 * @param lastGoodSizeBytes backup: its size
 * @param lastGoodByKind    backup: when the newest good backup of each kind finished
 * @param lastFailedAt      backup: when the newest failed backup was reported, if after the newest good one
 * @param lastFailedKind    backup: its kind
 */
@Document("push_states")
public record PushState(@Id String monitorId, Instant lastPushAt, HealthStatus lastPushStatus, String lastMessage,
        Instant lastGoodBackupAt, String lastGoodKind, Long lastGoodSizeBytes, Map<String, Instant> lastGoodByKind,
        Instant lastFailedAt, String lastFailedKind) {

    public PushState {
        lastGoodByKind = lastGoodByKind == null ? Map.of() : Map.copyOf(lastGoodByKind);
    }

    public static PushState none(String monitorId) {
        return new PushState(monitorId, null, null, null, null, null, null, Map.of(), null, null);
    }

    /** After a heartbeat push: UP, or DOWN with the job's message. */
    public PushState pushed(Instant at, HealthStatus status, String message) {
        return new PushState(monitorId, at, status, message, lastGoodBackupAt, lastGoodKind, lastGoodSizeBytes,
                lastGoodByKind, lastFailedAt, lastFailedKind);
    }

    /** After a backup report: a good one moves the last good backup forward (never back), a failed one is kept. */
    public PushState backedUp(Instant at, String kind, Long sizeBytes, Instant finishedAt, boolean ok) {
        if (!ok) {
            return new PushState(monitorId, at, HealthStatus.DOWN, null, lastGoodBackupAt, lastGoodKind,
                    lastGoodSizeBytes, lastGoodByKind, finishedAt, kind);
        }
        Map<String, Instant> byKind = new HashMap<>(lastGoodByKind);
        byKind.merge(kind, finishedAt, (a, b) -> a.isAfter(b) ? a : b);
        boolean newest = lastGoodBackupAt == null || !finishedAt.isBefore(lastGoodBackupAt);
        boolean failureOutdated = lastFailedAt != null && newest && !finishedAt.isBefore(lastFailedAt);
        return new PushState(monitorId, at, HealthStatus.UP, null,
                newest ? finishedAt : lastGoodBackupAt, newest ? kind : lastGoodKind, newest ? sizeBytes : lastGoodSizeBytes,
                byKind, failureOutdated ? null : lastFailedAt, failureOutdated ? null : lastFailedKind);
    }
}
