package io.contingo.starter.relay;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;

import io.contingo.devstack.MongoWireServer;
import io.contingo.starter.SettableClock;

/** Two replicas of a relay on one MongoDB-wire server: one at a time holds the lease. */
class RelayLeaseTests {

    private static final MongoWireServer SERVER = MongoWireServer.startInMemory();
    private static final MongoClient CLIENT = MongoClients.create(SERVER.uri());
    private static final Duration TERM = Duration.ofSeconds(10);

    private final SettableClock clock = new SettableClock(Instant.parse("2026-12-03T21:00:00Z"));
    private RelayLease replicaA;
    private RelayLease replicaB;

    @BeforeEach
    void twoReplicas() {
        MongoCollection<Document> leases = CLIENT.getDatabase("leases-test").getCollection("relay_leases");
        leases.drop();
        replicaA = new RelayLease(leases, "outbox-relay", TERM, clock);
        replicaB = new RelayLease(leases, "outbox-relay", TERM, clock);
    }

    @AfterAll
    static void stop() {
        CLIENT.close();
        SERVER.close();
    }

    @Test
    void oneReplicaHoldsItAndKeepsItWhileItRenews() {
        assertThat(replicaA.hold()).isTrue();
        assertThat(replicaB.hold()).isFalse();

        for (int second = 0; second < 60; second++) { // a minute of rounds: A renews, B never gets in
            clock.advance(Duration.ofSeconds(1));
            assertThat(replicaA.hold()).as("A at %d s", second).isTrue();
            assertThat(replicaB.hold()).as("B at %d s", second).isFalse();
        }
    }

    @Test
    void anotherReplicaTakesOverOnceTheHoldersLeaseHasLapsed() {
        assertThat(replicaA.hold()).isTrue();

        clock.advance(TERM.minusSeconds(1));
        assertThat(replicaB.hold()).as("9 s after A's last renewal").isFalse();
        clock.advance(Duration.ofSeconds(1));
        assertThat(replicaB.hold()).as("A died: its lease lapsed").isTrue();
        assertThat(replicaA.hold()).as("A, back from a long pause, asks again and is refused").isFalse();
    }

    @Test
    void aReleasedLeaseIsTakenAtOnce() {
        assertThat(replicaA.hold()).isTrue();

        replicaA.release();

        assertThat(replicaB.hold()).isTrue();
        assertThat(replicaA.hold()).isFalse();
    }
}
