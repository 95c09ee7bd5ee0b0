package io.contingo.health.probe;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.data.mongodb.core.BulkOperations;
import org.springframework.data.mongodb.core.BulkOperations.BulkMode;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.IndexOperations;

import io.contingo.events.HealthEvent;
import io.contingo.events.HealthStatus;

/** A flush that timed out may have been applied: its counts are not added again (that would count them twice). */
class ResultBucketsTests {

    private static final Instant NOW = Instant.parse("2026-11-26T12:00:00Z");

    private final MongoTemplate mongo = mock(MongoTemplate.class);
    private final BulkOperations bulk = mock(BulkOperations.class);
    private final ResultBuckets buckets = new ResultBuckets(mongo, Clock.fixed(NOW, ZoneOffset.UTC), Duration.ofSeconds(30));

    @Test
    void countsOfAFlushThatTimedOutAreDroppedNotWrittenAgain() {
        QueryTimeoutException timedOut = new QueryTimeoutException("Timed out waiting for the bulk write's answer");
        when(mongo.indexOps(ResultBuckets.Bucket.class)).thenReturn(mock(IndexOperations.class));
        when(mongo.bulkOps(BulkMode.UNORDERED, ResultBuckets.Bucket.class)).thenReturn(bulk);
        when(bulk.execute()).thenThrow(timedOut);
        buckets.count(List.of(result("web")));

        assertThatThrownBy(buckets::flush).isSameAs(timedOut);
        buckets.flush();
        buckets.countNow(result("api"));
        buckets.flush();

        verify(bulk, times(2)).execute(); // the first flush and countNow; nothing was left to write again
    }

    private static HealthEvent result(String monitorId) {
        return new HealthEvent(UUID.randomUUID().toString(), monitorId, "component-" + monitorId, "production", "probe-it",
                HealthStatus.UP, NOW, 10L, "UP", Map.of());
    }
}
