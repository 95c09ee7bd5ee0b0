package io.contingo.health.probe;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.function.Supplier;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.xbill.DNS.SimpleResolver;

import com.sun.net.httpserver.HttpServer;

import io.contingo.events.HealthEvent;
import io.contingo.events.HealthStatus;
import io.contingo.health.monitor.MonitorBuilder;
import io.contingo.health.monitor.MonitorSettings;
import io.contingo.starter.address.AddressRange;
import io.contingo.starter.address.DenyList;
import io.contingo.health.monitor.ProbeSettings;
import io.contingo.health.push.MetricsSamples;
import io.contingo.health.push.PushStates;

/**
 * The probe turns any check into a health event, and refuses denied targets before any connection: the
 * checks get a client, a socket maker and a DNS resolver maker that fail the test if they are used at all.
 */
class ProbeTests {

    private static final Instant NOW = Instant.parse("2026-11-26T09:00:00Z");
    private static final List<AddressRange> DEFAULT_DENY_LIST = List.of(
            AddressRange.valueOf("169.254.0.0/16"), AddressRange.valueOf("fe80::/10"), AddressRange.valueOf("169.254.169.254/32"),
            AddressRange.valueOf("fd00:ec2::254/128"), AddressRange.valueOf("100.100.100.200/32"));

    /** Names resolve from this table: a test never asks a real DNS server. */
    private static final DenyList.Resolver TABLE = host -> switch (host) {
        case "metadata.test" -> new InetAddress[] {AddressRange.literal("169.254.169.254").orElseThrow()};
        case "alibaba-metadata.test" -> new InetAddress[] {AddressRange.literal("100.100.100.200").orElseThrow()};
        default -> AddressRange.literal(host).map(a -> new InetAddress[] {a}).orElseThrow(() -> new UnknownHostException(host));
    };

    private static final Supplier<Socket> NO_SOCKET = () -> {
        throw new AssertionError("No socket was to be made");
    };
    private static final Function<InetSocketAddress, SimpleResolver> NO_DNS_QUERY = server -> {
        throw new AssertionError("No DNS query was to be sent, but one was for " + server);
    };

    private static HttpServer server;

    @BeforeAll
    static void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 8);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/to-metadata", e -> {
            e.getResponseHeaders().set("Location", "http://169.254.169.254/latest/meta-data/");
            e.sendResponseHeaders(302, -1);
            e.close();
        });
        server.createContext("/slow", e -> {
            try {
                Thread.sleep(60); // a slow server, not a wait for something
            } catch (InterruptedException ignored) {
                Thread.currentThread().interrupt();
            }
            byte[] body = "ok".getBytes(StandardCharsets.UTF_8);
            e.sendResponseHeaders(200, body.length);
            try (OutputStream out = e.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
    }

    @AfterAll
    static void stopServer() {
        server.stop(0);
    }

    @Nested
    class DenyListBeforeAnyConnection {

        private final GuardedHttpClient client = GuardedHttpClient.refusingAll();
        private final Probe probe = new Probe(new DenyList(DEFAULT_DENY_LIST, TABLE), Clock.fixed(NOW, ZoneOffset.UTC), "probe-test",
                client, NO_SOCKET, NO_DNS_QUERY);

        @Test
        void anHttpCheckOfTheMetadataServiceIsRefused() {
            HealthEvent event = probe.check(MonitorBuilder.http("http://169.254.169.254/latest/meta-data/").build());

            assertThat(event.status()).isEqualTo(HealthStatus.DOWN);
            assertThat(event.detail()).isEqualTo("Refused by the deny-list, no connection made: 169.254.169.254 is in 169.254.0.0/16");
            assertThat(event.latencyMs()).isNull();
            assertThat(event.attributes()).containsEntry("target", "http://169.254.169.254/latest/meta-data/");
            assertThat(client.requested()).isEmpty();
        }

        @Test
        void aNameThatResolvesToADeniedAddressIsRefused() {
            HealthEvent http = probe.check(MonitorBuilder.http("https://metadata.test/computeMetadata/v1/").build());
            HealthEvent tcp = probe.check(MonitorBuilder.tcp("alibaba-metadata.test", 80).build());

            assertThat(http.detail()).isEqualTo("Refused by the deny-list, no connection made: "
                    + "metadata.test resolves to 169.254.169.254, which is in 169.254.0.0/16");
            assertThat(tcp.detail()).isEqualTo("Refused by the deny-list, no connection made: "
                    + "alibaba-metadata.test resolves to 100.100.100.200, which is in 100.100.100.200/32");
            assertThat(client.requested()).isEmpty();
        }

        @Test
        void aTcpCheckOfALinkLocalAddressIsRefused() {
            HealthEvent event = probe.check(MonitorBuilder.tcp("fe80::1", 22).build());

            assertThat(event.status()).isEqualTo(HealthStatus.DOWN);
            assertThat(event.detail()).isEqualTo("Refused by the deny-list, no connection made: fe80::1 is in fe80::/10");
        }

        @Test
        void aDnsCheckAskingADeniedServerIsRefused() {
            HealthEvent literal = probe.check(MonitorBuilder.dns("intranet.example.test", "169.254.169.254:53").build());
            HealthEvent named = probe.check(MonitorBuilder.dns("intranet.example.test", "metadata.test").build());

            assertThat(literal.detail()).isEqualTo("Refused by the deny-list, no connection made: 169.254.169.254 is in 169.254.0.0/16");
            assertThat(named.status()).isEqualTo(HealthStatus.DOWN);
        }

        @Test
        void aNameThatDoesNotResolveIsDownWithoutAConnection() {
            HealthEvent http = probe.check(MonitorBuilder.http("http://nowhere.test/").build());
            HealthEvent tcp = probe.check(MonitorBuilder.tcp("nowhere.test", 443).build());

            assertThat(http.detail()).isEqualTo("Unknown host nowhere.test");
            assertThat(tcp.detail()).isEqualTo("Unknown host nowhere.test");
            assertThat(client.requested()).isEmpty();
        }

        @Test
        void aRedirectToADeniedAddressIsRefusedBeforeItIsFollowed() {
            GuardedHttpClient loopback = GuardedHttpClient.loopbackOnly(HttpClient.newHttpClient());
            Probe following = new Probe(new DenyList(DEFAULT_DENY_LIST, TABLE), Clock.fixed(NOW, ZoneOffset.UTC), "probe-test",
                    loopback, NO_SOCKET, NO_DNS_QUERY);
            String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/to-metadata";

            HealthEvent event = following.check(MonitorBuilder.http(url).followRedirects().build());

            assertThat(event.status()).isEqualTo(HealthStatus.DOWN);
            assertThat(event.detail()).isEqualTo("Refused by the deny-list, no connection made: 169.254.169.254 is in 169.254.0.0/16");
            assertThat(loopback.requested()).extracting(Object::toString).containsExactly(url);
        }
    }

    @Nested
    class Events {

        private final Probe probe = new Probe(new DenyList(DEFAULT_DENY_LIST), Clock.fixed(NOW, ZoneOffset.UTC), "probe-test",
                GuardedHttpClient.loopbackOnly(HttpClient.newHttpClient()), Socket::new, SimpleResolver::new);

        @Test
        void anEventSaysWhichMonitorComponentSiteAndProbe() {
            HealthEvent event = probe.check(MonitorBuilder.tcp("127.0.0.1", server.getAddress().getPort()).build());

            assertThat(event.status()).isEqualTo(HealthStatus.UP);
            assertThat(event.monitorId()).isEqualTo("prod-api-check");
            assertThat(event.componentId()).isEqualTo("prod-api");
            assertThat(event.siteId()).isEqualTo("production");
            assertThat(event.probeId()).isEqualTo("probe-test");
            assertThat(event.observedAt()).isEqualTo(NOW);
            assertThat(event.eventId()).isNotBlank();
        }

        @Test
        void anAnswerOverTheLatencyBudgetIsDegraded() {
            HealthEvent event = probe.check(MonitorBuilder.http("http://127.0.0.1:" + server.getAddress().getPort() + "/slow")
                    .degradedLatency(Duration.ofMillis(20)).build());

            assertThat(event.status()).isEqualTo(HealthStatus.DEGRADED);
            assertThat(event.detail()).matches("HTTP 200 in \\d+ ms, over the 20 ms budget");
        }
    }

    @Test
    void onlyAnUpResultOverItsBudgetIsDegraded() {
        CheckResult fast = CheckResult.up(100, "HTTP 200 in 100 ms", Map.of());
        CheckResult slow = CheckResult.up(1600, "HTTP 200 in 1600 ms", Map.of());
        CheckResult down = CheckResult.down(1600L, "HTTP 503, expected 2xx", Map.of());

        assertThat(fast.within(Duration.ofMillis(1500))).isEqualTo(fast);
        assertThat(fast.within(null)).isEqualTo(fast);
        assertThat(slow.within(Duration.ofMillis(1500)))
                .isEqualTo(new CheckResult(HealthStatus.DEGRADED, 1600L, "HTTP 200 in 1600 ms, over the 1500 ms budget", Map.of()));
        assertThat(down.within(Duration.ofMillis(1500))).isEqualTo(down);
    }

    @Nested
    class AtStartUp {

        @Configuration
        @EnableConfigurationProperties({MonitorSettings.class, ProbeSettings.class})
        @Import(Probe.class)
        static class Probing {
        }

        private final ApplicationContextRunner context = new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
                .withUserConfiguration(Probing.class)
                .withBean(PushStates.class, () -> org.mockito.Mockito.mock(PushStates.class))
                .withBean(MetricsSamples.class, () -> org.mockito.Mockito.mock(MetricsSamples.class))
                .withPropertyValues(
                        "contingo.monitors[0].id=prod-web-http",
                        "contingo.monitors[0].component-id=prod-web",
                        "contingo.monitors[0].site-id=production",
                        "contingo.monitors[0].url=http://127.0.0.1:8091/web/",
                        "contingo.monitors[1].id=intranet-db",
                        "contingo.monitors[1].component-id=prod-db",
                        "contingo.monitors[1].site-id=production",
                        "contingo.monitors[1].type=tcp",
                        "contingo.monitors[1].host=10.20.0.5",
                        "contingo.monitors[1].port=5432");

        @Test
        void loopbackAndPrivateTargetsAreAllowedAndTheDefaultListHoldsTheMetadataServices() {
            context.run(ctx -> {
                assertThat(ctx).hasNotFailed();
                assertThat(ctx.getBean(ProbeSettings.class).denyList()).as("the operator's own, on top of the built-in").isEmpty();
                assertThat(DenyList.BUILT_IN).extracting(Object::toString)
                        .containsExactly("169.254.0.0/16", "fe80::/10", "169.254.169.254/32", "fd00:ec2::254/128", "100.100.100.200/32");
            });
        }

        @Test
        void aMonitorPointingAtADeniedAddressStopsTheServiceNamingItsProperty() {
            context.withPropertyValues(
                            "contingo.monitors[2].id=cloud-metadata",
                            "contingo.monitors[2].component-id=prod-web",
                            "contingo.monitors[2].site-id=production",
                            "contingo.monitors[2].url=http://169.254.169.254/latest/meta-data/",
                            "contingo.monitors[3].id=metadata-dns",
                            "contingo.monitors[3].component-id=prod-web",
                            "contingo.monitors[3].site-id=production",
                            "contingo.monitors[3].type=dns",
                            "contingo.monitors[3].url=",
                            "contingo.monitors[3].query-name=intranet.example.test",
                            "contingo.monitors[3].server=[fd00:ec2::254]:53")
                    .run(ctx -> assertThat(ctx).getFailure().rootCause()
                            .hasMessageContaining("contingo.probe.deny-list")
                            .hasMessageContaining("contingo.monitors[2].url: monitor 'cloud-metadata' points at a denied address: "
                                    + "169.254.169.254 is in 169.254.0.0/16")
                            .hasMessageContaining("contingo.monitors[3].server: monitor 'metadata-dns' points at a denied address: "
                                    + "fd00:ec2::254 is in fd00:ec2::254/128"));
        }

        @Test
        void theStartUpFailureIsExplainedWithoutAStackTrace() {
            context.withPropertyValues("contingo.monitors[1].host=169.254.10.20")
                    .run(ctx -> assertThat(new DeniedTargetsFailureAnalyzer().analyze(ctx.getStartupFailure()))
                            .satisfies(analysis -> {
                                assertThat(analysis.getDescription()).isEqualTo("""
                                        Monitors point at addresses that contingo.probe.deny-list refuses:
                                            contingo.monitors[1].host: monitor 'intranet-db' points at a denied address: \
                                        169.254.10.20 is in 169.254.0.0/16""");
                                assertThat(analysis.getAction()).contains("change contingo.probe.deny-list");
                            }));
        }

        @Test
        void theDenyListCanBeAddedToButTheBuiltInRangesStay() {
            String[] metadata = {"contingo.monitors[2].id=cloud-metadata", "contingo.monitors[2].component-id=prod-web",
                    "contingo.monitors[2].site-id=production", "contingo.monitors[2].url=http://[::a9fe:a9fe]/latest/"};
            context.withPropertyValues("contingo.probe.deny-list[0]=10.0.0.0/8").withPropertyValues(metadata)
                    .run(ctx -> assertThat(ctx).getFailure().rootCause()
                            .hasMessageContaining("contingo.monitors[1].host: monitor 'intranet-db' points at a denied address: "
                                    + "10.20.0.5 is in 10.0.0.0/8")
                            .hasMessageContaining("contingo.monitors[2].url: monitor 'cloud-metadata' points at a denied address"));
            context.withPropertyValues("contingo.probe.deny-list=").withPropertyValues(metadata)
                    .run(ctx -> assertThat(ctx).getFailure().rootCause()
                            .hasMessageContaining("contingo.monitors[2].url: monitor 'cloud-metadata' points at a denied address"));
        }

        @Test
        void aDenyListEntryThatIsNotARangeIsRefusedNamingIt() {
            context.withPropertyValues("contingo.probe.deny-list[0]=169.254.0.0/40")
                    .run(ctx -> assertThat(ctx).getFailure()
                            .hasStackTraceContaining("Failed to bind properties under 'contingo.probe.deny-list[0]'")
                            .rootCause().hasMessageContaining("'169.254.0.0/40' has a prefix length that is not a number from 0 to 32"));
        }
    }
}
