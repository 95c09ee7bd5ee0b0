package io.contingo.health.probe;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.SimpleResolver;

import io.contingo.events.HealthStatus;
import io.contingo.health.monitor.MonitorBuilder;
import io.contingo.starter.address.AddressRange;
import io.contingo.starter.address.DenyList;

/** DNS checks asking a DNS server of the test's own on 127.0.0.1; no real DNS server is ever asked. */
class DnsCheckTests {

    private static LocalDnsServer server;
    private final DnsCheck check = new DnsCheck(new DenyList(List.of(AddressRange.valueOf("169.254.0.0/16"))), SimpleResolver::new);

    @BeforeAll
    static void startServer() throws Exception {
        server = LocalDnsServer.start(Map.of(
                        "intranet.example.test.", List.of("10.0.0.5"),
                        "pool.example.test.", List.of("10.0.0.7", "10.0.0.8")),
                List.of("broken.example.test."), List.of("silent.example.test."));
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @Test
    void aNameThatResolvesIsUpWithItsAnswers() {
        CheckResult result = check.run(MonitorBuilder.dns("intranet.example.test", server.address()).build());

        assertThat(result.status()).isEqualTo(HealthStatus.UP);
        assertThat(result.detail()).matches("intranet\\.example\\.test A answered 10\\.0\\.0\\.5 in \\d+ ms");
        assertThat(result.attributes()).containsEntry("answers", "10.0.0.5").containsEntry("server", server.address())
                .containsEntry("query", "intranet.example.test A");
    }

    @Test
    void theExpectedAnswerMustBeAmongTheAnswers() {
        CheckResult among = check.run(MonitorBuilder.dns("pool.example.test", server.address()).expect("10.0.0.8").build());
        CheckResult missing = check.run(MonitorBuilder.dns("pool.example.test", server.address()).expect("10.0.0.9").build());

        assertThat(among.status()).isEqualTo(HealthStatus.UP);
        assertThat(missing.status()).isEqualTo(HealthStatus.DOWN);
        assertThat(missing.detail()).isEqualTo("pool.example.test A answered 10.0.0.7, 10.0.0.8, expected 10.0.0.9");
    }

    @Test
    void aNameThatDoesNotExistIsDown() {
        CheckResult result = check.run(MonitorBuilder.dns("gone.example.test", server.address()).build());

        assertThat(result.status()).isEqualTo(HealthStatus.DOWN);
        assertThat(result.detail()).isEqualTo("gone.example.test does not exist (NXDOMAIN from " + server.address() + ")");
    }

    @Test
    void aNameWithoutRecordsOfTheTypeIsDown() {
        CheckResult result = check.run(MonitorBuilder.dns("intranet.example.test", server.address()).queryType("AAAA").build());

        assertThat(result.status()).isEqualTo(HealthStatus.DOWN);
        assertThat(result.detail()).isEqualTo("No AAAA record for intranet.example.test");
    }

    @Test
    void aServerFailureIsDown() {
        CheckResult result = check.run(MonitorBuilder.dns("broken.example.test", server.address()).build());

        assertThat(result.detail()).isEqualTo(server.address() + " answered SERVFAIL for broken.example.test A");
    }

    @Test
    void aServerThatDoesNotAnswerIsDownWhenTheTimeoutRunsOut() {
        CheckResult result = check.run(MonitorBuilder.dns("silent.example.test", server.address()).timeout(Duration.ofMillis(300)).build());

        assertThat(result.status()).isEqualTo(HealthStatus.DOWN);
        assertThat(result.detail()).isEqualTo("No answer from DNS server " + server.address() + " within 300 ms");
        assertThat(result.latencyMs()).isNull();
    }

    @Test
    void eachCheckAsksTheServerAgain() {
        int before = server.questions().size();

        check.run(MonitorBuilder.dns("intranet.example.test", server.address()).build());
        check.run(MonitorBuilder.dns("intranet.example.test", server.address()).build());

        assertThat(server.questions()).hasSize(before + 2).endsWith("intranet.example.test. A", "intranet.example.test. A");
    }
}
