package io.contingo.report.component;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;

import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;

import io.contingo.devstack.TestInfrastructure;
import io.contingo.events.ComponentStatus;

/** Only one instance rebuilds the status days at a time, on the MongoDB-wire server: the rebuild's claim. */
class StatusDaysClaimTests {

    static MongoClient client;

    @BeforeAll
    static void connect() {
        client = MongoClients.create(TestInfrastructure.mongoUri("status-days-claim"));
    }

    @AfterAll
    static void close() {
        client.close();
    }

    /** A clock a test moves by hand. */
    static final class TestClock extends Clock {
        volatile Instant now = Instant.parse("2026-12-01T09:00:00Z");

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void oneOwnerHoldsTheClaimUntilItReleasesItOrItExpires() {
        MongoCollection<Document> claims = client.getDatabase("claims-" + System.nanoTime()).getCollection("claims");
        TestClock clock = new TestClock();
        Claim first = new Claim(claims, "rebuild", Duration.ofSeconds(60), clock);
        Claim second = new Claim(claims, "rebuild", Duration.ofSeconds(60), clock);

        assertThat(first.take()).isTrue();
        assertThat(second.take()).as("held by the first").isFalse();
        assertThat(first.take()).as("kept by its owner").isTrue();
        clock.now = clock.now.plusSeconds(59);
        assertThat(second.take()).as("kept for 60 s from the first's last take").isFalse();

        first.release();
        assertThat(second.take()).as("released").isTrue();
        assertThat(first.take()).isFalse();

        clock.now = clock.now.plusSeconds(61); // the second died without releasing it
        assertThat(first.take()).as("expired").isTrue();
        assertThat(second.take()).as("taken over").isFalse();
        assertThat(claims.countDocuments()).isEqualTo(1);
        assertThat(claims.find().first().getString("owner")).isEqualTo(first.owner());
    }

    @Test
    void twoInstancesStartingTogetherOnAFirstDeployBuildTheDaysOnce() throws Exception {
        MongoTemplate mongo = new MongoTemplate(client, "status-days-claim-" + System.nanoTime());
        Instant at = Instant.parse("2026-11-30T10:00:00Z");
        for (int i = 0; i < 200; i++) {
            ComponentStatus to = i / 20 % 2 == 0 ? ComponentStatus.MAJOR_OUTAGE : ComponentStatus.OPERATIONAL;
            mongo.save(new StatusChangeRecord("e" + i, "c" + i % 20, "C", "production", i / 20 + 1,
                    i < 20 ? null : to == ComponentStatus.OPERATIONAL ? ComponentStatus.MAJOR_OUTAGE : ComponentStatus.OPERATIONAL,
                    to, at.plusSeconds(600L * i), null));
        }
        StatusDays a = new StatusDays(mongo, ZoneId.of("Europe/Madrid"));
        StatusDays b = new StatusDays(mongo, ZoneId.of("Europe/Madrid"));
        CyclicBarrier together = new CyclicBarrier(2);

        List<CompletableFuture<Boolean>> starts = List.of(a, b).stream().map(days -> CompletableFuture.supplyAsync(() -> {
            try {
                together.await();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            return days.buildIfMissing();
        })).toList();

        List<Boolean> built = starts.stream().map(start -> start.orTimeout(30, java.util.concurrent.TimeUnit.SECONDS).join()).toList();
        assertThat(built).as("which instance rebuilt").containsExactlyInAnyOrder(true, false);
        assertThat(mongo.getCollection("component_status_days").countDocuments()).isPositive();
        assertThat(mongo.getCollection("component_status_days_state").find(new Document("_id", "days-rebuild")).first())
                .as("released").isNull();
    }
}
