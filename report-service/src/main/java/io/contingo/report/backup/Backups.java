package io.contingo.report.backup;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/** The backup monitors and their good backups, as {@code onHealthEvent} kept them. */
@Component
public class Backups {

    private final MongoTemplate mongo;

    Backups(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    public List<BackupMonitorRecord> monitors() {
        return mongo.find(query(where("_id").exists(true)).with(Sort.by("_id")), BackupMonitorRecord.class);
    }

    /**
     * A monitor's good backups from {@code from}  to {@code to} (before it), oldest
     * first, preceded by the last one before {@code from} when there is one: the exposure at the period's start counts
     * from it.
     */
    public List<GoodBackup> between(String monitorId, Instant from, Instant to) {
        List<GoodBackup> all = new ArrayList<>(mongo.find(query(where("monitorId").is(monitorId).and("at").lt(from))
                .with(Sort.by(Sort.Direction.DESC, "at")).limit(1), GoodBackup.class));
        all.addAll(mongo.find(query(where("monitorId").is(monitorId).and("at").gte(from).lt(to)).with(Sort.by("at")),
                GoodBackup.class));
        return all;
    }
}
