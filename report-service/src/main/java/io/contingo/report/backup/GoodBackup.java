package io.contingo.report.backup;

import java.time.Instant;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/** One good backup of one kind that a backup monitor reported, once however many checks saw it. */
@Document("good_backups")
public record GoodBackup(@Id String id, String monitorId, String kind, Instant at) {

    static GoodBackup of(String monitorId, String kind, Instant at) {
        return new GoodBackup(monitorId + "|" + kind + "|" + at, monitorId, kind, at);
    }
}
