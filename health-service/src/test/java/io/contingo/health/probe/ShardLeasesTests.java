package io.contingo.health.probe;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;

import io.contingo.devstack.TestInfrastructure;
import io.contingo.health.monitor.ProbeSettings;

/**
 * Shard leases on the real MongoDB-wire server, renewed by hand under a clock the test moves: an instance that
 * dies (stops renewing, gives nothing back) loses its shards to the other once its leases lapse, and the two
 * share again when it comes back.
 */
class ShardLeasesTests {

    private static final int SHARDS = 16;
    private static final Duration TTL = Duration.ofSeconds(6);

    private final MongoClient client = MongoClients.create(TestInfrastructure.mongoUri("leases"));
    private final MongoTemplate mongo = new MongoTemplate(client, "leases-" + System.nanoTime());
    private final MovingClock clock = new MovingClock(Instant.parse("2026-11-26T10:00:00Z"));

    @AfterEach
    void close() {
        client.close();
    }

    private ShardLeases instance(String probeId, String location) {
        ShardLeases leases = new ShardLeases(mongo, new ProbeSettings(probeId, location, List.of(), SHARDS, TTL,
                Duration.ofSeconds(2), Duration.ofSeconds(2)), clock);
        leases.prepare();
        return leases;
    }

    @Test
    void aDeadInstancesShardsAreTakenOnceItsLeasesLapseAndSharedAgainWhenItReturns() {
        ShardLeases a = instance("probe-a", "madrid");
        ShardLeases b = instance("probe-b", "madrid");
        ShardLeases elsewhere = instance("probe-c", "lisbon");

        a.renew();
        b.renew();
        elsewhere.renew();
        assertThat(a.owned()).as("alone when it started").hasSize(SHARDS);
        assertThat(b.owned()).as("nothing free yet").isEmpty();
        assertThat(elsewhere.owned()).as("another location has its own leases").hasSize(SHARDS);

        a.renew(); // sees b: gives back what is above its share
        b.renew();
        assertThat(a.owned()).hasSize(SHARDS / 2);
        assertThat(b.owned()).hasSize(SHARDS / 2);
        assertThat(union(a, b)).hasSize(SHARDS);

        clock.advance(TTL.minusSeconds(1)); // a dies: no renewal, nothing given back
        b.renew();
        assertThat(b.owned()).as("a's leases have not lapsed yet").hasSize(SHARDS / 2);
        clock.advance(Duration.ofSeconds(2));
        b.renew();
        assertThat(b.owned()).as("a's lapsed leases taken").hasSize(SHARDS);

        a.renew(); // a comes back: what it held is gone
        assertThat(a.owned()).isEmpty();
        b.renew();
        a.renew();
        assertThat(a.owned()).hasSize(SHARDS / 2);
        assertThat(b.owned()).hasSize(SHARDS / 2);
        assertThat(union(a, b)).hasSize(SHARDS);
        assertThat(a.owns("prod-web-http")).isNotEqualTo(b.owns("prod-web-http"));
    }

    @Test
    void anInstanceThatStopsGivesItsLeasesBackAtOnce() {
        ShardLeases a = instance("probe-a", "madrid");
        ShardLeases b = instance("probe-b", "madrid");
        a.renew();
        b.renew();
        a.renew();
        b.renew();
        assertThat(b.owned()).hasSize(SHARDS / 2);

        a.start(); // renews on its own thread until stopped; stop gives everything back
        a.stop();
        b.renew();
        assertThat(b.owned()).as("no need to wait for a lapse").hasSize(SHARDS);
    }

    private static Set<Integer> union(ShardLeases a, ShardLeases b) {
        Set<Integer> all = new HashSet<>(a.owned());
        assertThat(all).as("no shard held twice").doesNotContainAnyElementsOf(b.owned());
        all.addAll(b.owned());
        return all;
    }
}
