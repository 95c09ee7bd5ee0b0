package io.contingo.report.backup;

import java.time.Instant;
import java.util.Map;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A backup monitor as its results describe it: its component and site, its RPO target and how often each kind is
 * expected (kind → seconds), and since when its results are read here (backups are judged from then on).
 */
@Document("backup_monitors")
public record BackupMonitorRecord(@Id String monitorId, String componentId, String siteId, long rpoTargetSeconds,
        Map<String, Long> everySeconds, Instant firstSeenAt) {

    public BackupMonitorRecord {
        everySeconds = everySeconds == null ? Map.of() : Map.copyOf(everySeconds);
    }
}
