package io.contingo.report.component;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;

import io.contingo.devstack.TestInfrastructure;
import io.contingo.events.ComponentStatus;
import io.contingo.starter.relay.RelayLease;

/** Only one instance rebuilds the status days at a time, on the MongoDB-wire server: the rebuild's lease. */
class StatusDaysLeaseTests {

    static MongoClient client;

    @BeforeAll
    static void connect() {
        client = MongoClients.create(TestInfrastructure.mongoUri("status-days-lease"));
    }

    @AfterAll
    static void close() {
        client.close();
    }

    @Test
    void twoInstancesStartingTogetherOnAFirstDeployBuildTheDaysOnce() throws Exception {
        MongoTemplate mongo = new MongoTemplate(client, "status-days-lease-" + System.nanoTime());
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
        assertThat(new RelayLease(mongo.getCollection("component_status_days_state"), "days-rebuild", Duration.ofSeconds(60),
                Clock.systemUTC()).hold()).as("given back when done").isTrue();
    }
}
