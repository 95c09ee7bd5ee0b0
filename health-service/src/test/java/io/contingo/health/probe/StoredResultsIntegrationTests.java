package io.contingo.health.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.BulkOperationException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.SimpleMongoClientDatabaseFactory;

import io.contingo.devstack.TestInfrastructure;
import io.contingo.events.HealthEvent;
import io.contingo.events.HealthStatus;
import io.contingo.health.probe.LatestResults.LatestResult;
import io.contingo.health.probe.ResultHistory.PastResult;

/** What health-service keeps of its results, on the real MongoDB-wire server: history, retention, latest results. */
class StoredResultsIntegrationTests {

    private static final Instant NOW = Instant.parse("2026-11-26T12:00:00Z");

    private final SimpleMongoClientDatabaseFactory database = new SimpleMongoClientDatabaseFactory(
            TestInfrastructure.mongoUri("health-stored-" + UUID.randomUUID()));
    private final MongoTemplate mongo = new MongoTemplate(database);
    private final ResultHistory history = new ResultHistory(mongo, Duration.ofDays(7), Clock.fixed(NOW, ZoneOffset.UTC));
    private final LatestResults latestResults = new LatestResults(mongo);
    private final ResultBuckets buckets = new ResultBuckets(mongo, Clock.fixed(NOW, ZoneOffset.UTC), Duration.ofSeconds(30));

    @AfterEach
    void closeClient() throws Exception {
        database.destroy();
    }

    @Test
    void aMonitorsRecentResultsComeNewestFirstAndAtMostTheLimit() {
        history.append(List.of(result("web", NOW.minusSeconds(30), HealthStatus.UP), result("web", NOW.minusSeconds(10), HealthStatus.DOWN),
                result("api", NOW.minusSeconds(5), HealthStatus.UP), result("web", NOW.minusSeconds(20), HealthStatus.DEGRADED)));

        assertThat(history.recent("web", 2)).extracting(PastResult::observedAt, PastResult::status).containsExactly(
                org.assertj.core.groups.Tuple.tuple(NOW.minusSeconds(10), HealthStatus.DOWN),
                org.assertj.core.groups.Tuple.tuple(NOW.minusSeconds(20), HealthStatus.DEGRADED));
        assertThat(history.recent("api", 10)).hasSize(1);
        assertThat(history.recent("dns", 10)).isEmpty();
    }

    @Test
    void resultsWrittenAgainAfterAFailedTryAreKeptOnceAndTheOthersWritten() {
        HealthEvent first = result("web", NOW.minusSeconds(20), HealthStatus.UP);
        history.append(List.of(first));

        history.append(List.of(first, result("web", NOW.minusSeconds(10), HealthStatus.UP)));

        assertThat(history.recent("web", 10)).extracting(PastResult::eventId).hasSize(2).doesNotHaveDuplicates();
    }

    @Test
    void pruningDeletesTheResultsOlderThanTheRetention() {
        history.append(List.of(result("web", NOW.minus(Duration.ofDays(8)), HealthStatus.DOWN),
                result("web", NOW.minus(Duration.ofDays(7)).minusSeconds(1), HealthStatus.UP),
                result("web", NOW.minus(Duration.ofDays(6)), HealthStatus.UP),
                result("api", NOW.minus(Duration.ofDays(30)), HealthStatus.UP),
                result("api", NOW.minusSeconds(1), HealthStatus.UP)));

        assertThat(history.prune()).isEqualTo(3);

        assertThat(history.recent("web", 10)).extracting(PastResult::observedAt).containsExactly(NOW.minus(Duration.ofDays(6)));
        assertThat(history.recent("api", 10)).extracting(PastResult::observedAt).containsExactly(NOW.minusSeconds(1));
        assertThat(history.prune()).isZero();
    }

    @Test
    void latestResultsAreReplacedInBulkAndReadOneByOneOrManyAtOnce() {
        latestResults.saveAll(List.of(result("web", NOW.minusSeconds(20), HealthStatus.UP), result("api", NOW.minusSeconds(20), HealthStatus.UP)));
        latestResults.saveAll(List.of(result("web", NOW, HealthStatus.DOWN)));

        assertThat(latestResults.of("web").status()).isEqualTo(HealthStatus.DOWN);
        assertThat(latestResults.of("dns")).isNull();
        Map<String, LatestResult> many = latestResults.of(List.of("web", "api", "dns"));
        assertThat(many).containsOnlyKeys("web", "api");
        assertThat(many.get("web").observedAt()).isEqualTo(NOW);
        assertThat(many.get("api").status()).isEqualTo(HealthStatus.UP);

        latestResults.saveAll(List.of(result("web", NOW.minusSeconds(5), HealthStatus.UP), result("api", NOW, HealthStatus.DOWN)));
        assertThat(latestResults.of("web").status()).as("a result observed before the stored one leaves it").isEqualTo(HealthStatus.DOWN);
        assertThat(latestResults.of("api").status()).isEqualTo(HealthStatus.DOWN);
    }

    @Test
    void resultsAreCountedPerFiveMinutesAndTheUptimeIsSummedInTheDatabase() {
        buckets.count(List.of(result("web", NOW.minusSeconds(590), HealthStatus.UP, 10L), result("web", NOW.minusSeconds(550), HealthStatus.DOWN, null),
                result("web", NOW.minus(Duration.ofHours(30)), HealthStatus.DOWN, 40L), result("api", NOW.minusSeconds(10), HealthStatus.UP, 5L)));
        buckets.flush();
        buckets.count(List.of(result("web", NOW.minusSeconds(580), HealthStatus.DEGRADED, 30L), result("web", NOW.minusSeconds(20), HealthStatus.UP, 20L)));
        buckets.flush();

        List<ResultBuckets.Bucket> day = buckets.since("web", NOW.minus(Duration.ofHours(24)));
        assertThat(day).extracting(ResultBuckets.Bucket::start).containsExactly(NOW.minusSeconds(600), NOW.minusSeconds(300));
        ResultBuckets.Bucket first = day.getFirst();
        assertThat(List.of(first.up(), first.degraded(), first.down(), first.latencyCount())).containsExactly(1L, 1L, 1L, 2L);
        assertThat(first.latencyAverage()).isEqualTo(20);
        assertThat(List.of(first.latencyMin(), first.latencyMax())).containsExactly(10L, 30L);

        assertThat(buckets.uptime("web", NOW.minus(Duration.ofHours(24)))).isEqualTo(new ResultBuckets.Uptime(2, 1, 1));
        assertThat(buckets.uptime("web", NOW.minus(Duration.ofDays(7))).percent()).isEqualTo(60.0);
        assertThat(buckets.uptime("dns", NOW.minus(Duration.ofDays(7))).percent()).isNull();

        buckets.count(List.of(result("dns", NOW, HealthStatus.UP, 1L)));
        buckets.countNow(result("web", NOW.minus(Duration.ofDays(40)), HealthStatus.UP, 1L));
        assertThat(buckets.since("web", NOW.minus(Duration.ofDays(41)))).as("written at once").hasSize(4);
        assertThat(buckets.since("dns", NOW.minus(Duration.ofDays(1)))).as("not without the others' flush").isEmpty();
        assertThat(buckets.prune()).isEqualTo(1);
    }

    @Test
    void countsTheDatabaseRefusedWaitForTheNextFlushAndTheOthersAreNotAddedTwice() {
        // a bucket whose count is not a number: the database refuses the $inc of that one upsert, applies the other
        mongo.getCollection("result_buckets").insertOne(new org.bson.Document("_id", "api|" + NOW.minusSeconds(300))
                .append("monitorId", "api").append("start", java.util.Date.from(NOW.minusSeconds(300))).append("up", "many"));
        buckets.count(List.of(result("web", NOW.minusSeconds(20), HealthStatus.UP, 10L), result("api", NOW.minusSeconds(20), HealthStatus.UP, 10L)));

        assertThatThrownBy(buckets::flush).isInstanceOf(BulkOperationException.class);
        mongo.getCollection("result_buckets").updateOne(new org.bson.Document("_id", "api|" + NOW.minusSeconds(300)),
                new org.bson.Document("$set", new org.bson.Document("up", 0)));
        buckets.flush();

        assertThat(buckets.uptime("web", NOW.minus(Duration.ofHours(1)))).as("applied by the failed bulk, not added again")
                .isEqualTo(new ResultBuckets.Uptime(1, 0, 0));
        assertThat(buckets.uptime("api", NOW.minus(Duration.ofHours(1)))).as("refused, then added at the next flush")
                .isEqualTo(new ResultBuckets.Uptime(1, 0, 0));
    }

    private static HealthEvent result(String monitorId, Instant observedAt, HealthStatus status, Long latencyMs) {
        return new HealthEvent(UUID.randomUUID().toString(), monitorId, "component-" + monitorId, "production", "probe-it",
                status, observedAt, latencyMs, status.name(), Map.of());
    }

    private static HealthEvent result(String monitorId, Instant observedAt, HealthStatus status) {
        return new HealthEvent(UUID.randomUUID().toString(), monitorId, "component-" + monitorId, "production", "probe-it",
                status, observedAt, 15L, status.name(), Map.of());
    }
}
