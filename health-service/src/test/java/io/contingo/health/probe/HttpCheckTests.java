package io.contingo.health.probe;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;

import io.contingo.devstack.DemoSite;
import io.contingo.devstack.FreePorts;
import io.contingo.events.HealthStatus;
import io.contingo.health.monitor.MonitorBuilder;
import io.contingo.starter.address.AddressRange;
import io.contingo.starter.address.DenyList;

/** HTTP checks against real servers on loopback: the demo site, a small server of the test's own, and one over TLS. */
class HttpCheckTests {

    private static final DenyList DENY_LIST = new DenyList(List.of(AddressRange.valueOf("169.254.0.0/16")));
    /** A name only the resolvers of these tests answer; the system's resolver does not know it. */
    static final String REBOUND_NAME = "rebound.contingo.test";
    private static final String HEALTH = "{\"status\":\"UP\",\"checks\":[{\"name\":\"db\",\"status\":\"UP\"},{\"name\":\"queue\",\"status\":\"DOWN\"}]}";

    private static DemoSite site;
    private static HttpServer server;
    private static CountDownLatch release = new CountDownLatch(1);
    private final GuardedHttpClient client = GuardedHttpClient.loopbackOnly(HttpClient.newHttpClient());
    private final HttpCheck check = new HttpCheck(client, DENY_LIST, Clock.systemUTC(), "probe-test");

    @BeforeAll
    static void startServers() throws Exception {
        site = DemoSite.start("Production", FreePorts.next());
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/health", e -> send(e, 200, "application/json", HEALTH));
        server.createContext("/down", e -> send(e, 503, "text/plain", "Service Unavailable: maintenance of the database"));
        server.createContext("/echo", e -> send(e, 200, "application/json", "{\"method\":\"" + e.getRequestMethod()
                + "\",\"apiKey\":\"" + e.getRequestHeaders().getFirst("X-Api-Key")
                + "\",\"userAgent\":\"" + e.getRequestHeaders().getFirst("User-Agent")
                + "\",\"body\":\"" + new String(e.getRequestBody().readAllBytes(), StandardCharsets.UTF_8) + "\"}"));
        server.createContext("/moved", e -> redirect(e, 302, "/health"));
        server.createContext("/credentials", e -> send(e, 200, "application/json", "{\"authorization\":\""
                + e.getRequestHeaders().getFirst("Authorization") + "\",\"cookie\":\"" + e.getRequestHeaders().getFirst("Cookie")
                + "\",\"apiKey\":\"" + e.getRequestHeaders().getFirst("X-Api-Key")
                + "\",\"userAgent\":\"" + e.getRequestHeaders().getFirst("User-Agent") + "\"}"));
        server.createContext("/to-self", e -> redirect(e, 302, "/credentials"));
        server.createContext("/to-localhost", e -> redirect(e, 302, "http://localhost:" + server.getAddress().getPort() + "/credentials"));
        server.createContext("/see-other", e -> redirect(e, 303, "/echo"));
        server.createContext("/loop", e -> redirect(e, 307, "/loop"));
        server.createContext("/big", e -> send(e, 200, "text/plain", "x".repeat(HttpCheck.BODY_LIMIT) + "END"));
        server.createContext("/held", e -> {
            try {
                release.await(5, TimeUnit.SECONDS); // bounded: the test releases it when done
            } catch (InterruptedException ignored) {
                Thread.currentThread().interrupt();
            }
            send(e, 200, "text/plain", "late");
        });
        server.start();
    }

    @AfterAll
    static void stopServers() {
        release.countDown();
        server.stop(0);
        site.close();
    }

    @AfterEach
    void siteUp() {
        site.setMode(DemoSite.Mode.UP);
        release.countDown();
        release = new CountDownLatch(1);
    }

    private static String local(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    @Nested
    class WithoutConditions {

        @Test
        void anExpectedAnswerIsUpWithItsLatency() {
            CheckResult result = check.run(MonitorBuilder.http(site.baseUrl() + "/api/health").build());

            assertThat(result.status()).isEqualTo(HealthStatus.UP);
            assertThat(result.latencyMs()).isNotNull().isGreaterThanOrEqualTo(0);
            assertThat(result.detail()).matches("HTTP 200 in \\d+ ms");
            assertThat(result.attributes()).containsEntry("httpStatus", "200").containsEntry("url", site.baseUrl() + "/api/health");
        }

        @Test
        void anErrorStatusIsDownAndSaysWhatWasExpected() {
            site.setMode(DemoSite.Mode.DOWN);

            CheckResult result = check.run(MonitorBuilder.http(site.baseUrl() + "/api/health").build());

            assertThat(result.status()).isEqualTo(HealthStatus.DOWN);
            assertThat(result.detail()).isEqualTo("HTTP 503, expected 2xx");
        }

        @Test
        void anUnexpectedStatusIsDownEvenWhenItIsASuccess() {
            CheckResult result = check.run(MonitorBuilder.http(site.baseUrl() + "/api/health").expectedStatus(204).build());

            assertThat(result.status()).isEqualTo(HealthStatus.DOWN);
            assertThat(result.detail()).isEqualTo("HTTP 200, expected 204");
        }

        @Test
        void aHangingTargetIsDownWhenItsTimeoutRunsOut() {
            site.setMode(DemoSite.Mode.HANG);

            CheckResult result = check.run(MonitorBuilder.http(site.baseUrl() + "/web/").timeout(Duration.ofMillis(300)).build());

            assertThat(result.status()).isEqualTo(HealthStatus.DOWN);
            assertThat(result.detail()).isEqualTo("No answer within 300 ms");
            assertThat(result.latencyMs()).isNull();
        }

        @Test
        void aBodyThatNeverEndsIsCutByTheSameTimeout() {
            CheckResult result = check.run(MonitorBuilder.http(local("/held")).conditions("[BODY] contains late")
                    .timeout(Duration.ofMillis(300)).build());

            assertThat(result.detail()).isEqualTo("No answer within 300 ms");
        }

        @Test
        void aClosedPortIsDown() {
            CheckResult result = check.run(MonitorBuilder.http("http://127.0.0.1:" + FreePorts.next() + "/").build());

            assertThat(result.status()).isEqualTo(HealthStatus.DOWN);
            assertThat(result.detail()).isEqualTo("Connection refused");
        }
    }

    @Nested
    class WithConditions {

        @Test
        void allConditionsMetIsUp() {
            CheckResult result = check.run(MonitorBuilder.http(local("/health"))
                    .conditions("[STATUS] == 200", "[BODY].status == UP", "[BODY].checks[0].status == UP", "[RESPONSE_TIME] < 2s",
                            "[BODY] contains \"db\"")
                    .build());

            assertThat(result.status()).isEqualTo(HealthStatus.UP);
            assertThat(result.detail()).matches("HTTP 200 in \\d+ ms");
        }

        @Test
        void aFailedConditionIsDownAndSaysWhichAndWhatWasSeen() {
            CheckResult result = check.run(MonitorBuilder.http(local("/down")).conditions("[STATUS] == 200").build());

            assertThat(result.status()).isEqualTo(HealthStatus.DOWN);
            assertThat(result.detail()).isEqualTo("[STATUS] == 200 failed: status was 503");
            assertThat(result.latencyMs()).isNotNull();
        }

        @Test
        void everyFailedConditionIsListed() {
            CheckResult result = check.run(MonitorBuilder.http(local("/health"))
                    .conditions("[STATUS] < 500", "[BODY].checks[1].status == UP", "[BODY].version == 2").build());

            assertThat(result.detail()).isEqualTo("[BODY].checks[1].status == UP failed: [BODY].checks[1].status was \"DOWN\"; "
                    + "[BODY].version == 2 failed: [BODY].version is missing");
        }

        @Test
        void aNonSuccessStatusCanBeWhatIsExpected() {
            CheckResult result = check.run(MonitorBuilder.http(local("/down"))
                    .conditions("[STATUS] == 503", "[BODY] contains maintenance").build());

            assertThat(result.status()).isEqualTo(HealthStatus.UP);
        }

        @Test
        void onlyTheFirstPartOfAHugeBodyIsRead() {
            CheckResult result = check.run(MonitorBuilder.http(local("/big")).conditions("[BODY] contains END").build());

            assertThat(result.status()).isEqualTo(HealthStatus.DOWN);
            assertThat(result.detail()).startsWith("[BODY] contains END failed: body was \"xxxx");
        }

        @Test
        void theMethodHeadersAndBodyAreSent() {
            CheckResult result = check.run(MonitorBuilder.http(local("/echo")).method("POST").header("X-Api-Key", "k-123")
                    .body("ping").conditions("[BODY].method == POST", "[BODY].apiKey == k-123", "[BODY].body == ping",
                            "[BODY].userAgent == Contingo-Probe/probe-test")
                    .build());

            assertThat(result.detail()).matches("HTTP 200 in \\d+ ms");
        }

        @Test
        void aUserAgentHeaderReplacesTheProbes() {
            CheckResult result = check.run(MonitorBuilder.http(local("/echo")).header("User-Agent", "uptime/1")
                    .conditions("[BODY].userAgent == uptime/1").build());

            assertThat(result.status()).isEqualTo(HealthStatus.UP);
        }
    }

    @Nested
    class Redirects {

        @Test
        void areNotFollowedByDefault() {
            CheckResult result = check.run(MonitorBuilder.http(local("/moved")).build());

            assertThat(result.detail()).isEqualTo("HTTP 302, expected 2xx");
            assertThat(client.requested()).hasSize(1);
        }

        @Test
        void areFollowedWhenAskedAndTheFinalAnswerIsJudged() {
            CheckResult result = check.run(MonitorBuilder.http(local("/moved")).followRedirects()
                    .conditions("[STATUS] == 200", "[BODY].status == UP").build());

            assertThat(result.status()).isEqualTo(HealthStatus.UP);
            assertThat(result.attributes()).containsEntry("finalUrl", local("/health")).containsEntry("url", local("/moved"));
            assertThat(client.requested()).containsExactly(URI.create(local("/moved")), URI.create(local("/health")));
        }

        @Test
        void aSeeOtherAfterAPostIsFollowedWithAGet() {
            CheckResult result = check.run(MonitorBuilder.http(local("/see-other")).method("POST").body("form").followRedirects()
                    .conditions("[BODY].method == GET", "[BODY].body == \"\"").build());

            assertThat(result.status()).isEqualTo(HealthStatus.UP);
        }

        @Test
        void theMonitorsHeadersGoAlongOnlyWhileTheHostStaysTheSame() {
            String[] secrets = {"Authorization", "Bearer s3cret", "Cookie", "session=abc", "X-Api-Key", "k-123"};
            CheckResult same = check.run(MonitorBuilder.http(local("/to-self")).followRedirects()
                    .header(secrets[0], secrets[1]).header(secrets[2], secrets[3]).header(secrets[4], secrets[5])
                    .conditions("[BODY].authorization == \"Bearer s3cret\"", "[BODY].cookie == session=abc", "[BODY].apiKey == k-123")
                    .build());
            assertThat(same.detail()).matches("HTTP 200 in \\d+ ms");

            String elsewhere = "http://localhost:" + server.getAddress().getPort() + "/credentials";
            CheckResult other = check.run(MonitorBuilder.http(local("/to-localhost")).followRedirects()
                    .header(secrets[0], secrets[1]).header(secrets[2], secrets[3]).header(secrets[4], secrets[5])
                    .conditions("[BODY].authorization == null", "[BODY].cookie == null", "[BODY].apiKey == null",
                            "[BODY].userAgent == Contingo-Probe/probe-test")
                    .build());
            assertThat(other.detail()).matches("HTTP 200 in \\d+ ms");
            assertThat(other.attributes()).containsEntry("finalUrl", elsewhere);
        }

        @Test
        void stopAfterFive() {
            CheckResult result = check.run(MonitorBuilder.http(local("/loop")).followRedirects().build());

            assertThat(result.status()).isEqualTo(HealthStatus.DOWN);
            assertThat(result.detail()).isEqualTo("More than 5 redirects, the last to " + local("/loop"));
            assertThat(client.requested()).hasSize(6);
        }
    }

    @Nested
    class ConnectingToTheCheckedAddress {

        /**
         * The name first resolves to 127.0.0.1 (allowed and checked), then to 127.0.0.2: the check connects to the
         * first, and never asks again, whatever the resolver would say the second time.
         */
        @Test
        void theRequestGoesToTheAddressTheDenyListAllowedNotToALaterAnswer() throws Exception {
            AtomicInteger firstHits = new AtomicInteger();
            AtomicInteger secondHits = new AtomicInteger();
            HttpServer first = answering(InetAddress.getByName("127.0.0.1"), 0, "first", firstHits);
            int port = first.getAddress().getPort();
            HttpServer second = answering(InetAddress.getByName("127.0.0.2"), port, "second", secondHits);
            List<String> asked = new CopyOnWriteArrayList<>();
            DenyList rebinding = new DenyList(List.of(AddressRange.valueOf("169.254.0.0/16")), host -> {
                asked.add(host);
                return new InetAddress[] {InetAddress.getByName(asked.size() == 1 ? "127.0.0.1" : "127.0.0.2")};
            });
            try {
                CheckResult result = new HttpCheck(client, rebinding, Clock.systemUTC(), "probe-test")
                        .run(MonitorBuilder.http("http://" + REBOUND_NAME + ":" + port + "/who").conditions("[BODY] == first").build());

                assertThat(result.detail()).matches("HTTP 200 in \\d+ ms");
                assertThat(asked).containsExactly(REBOUND_NAME);
                assertThat(firstHits).hasValue(1);
                assertThat(secondHits).hasValue(0);
            } finally {
                first.stop(0);
                second.stop(0);
            }
        }

        private static HttpServer answering(InetAddress address, int port, String who, AtomicInteger hits) throws IOException {
            HttpServer answering = HttpServer.create(new InetSocketAddress(address, port), 4);
            answering.createContext("/who", e -> {
                hits.incrementAndGet();
                send(e, 200, "text/plain", who);
            });
            answering.start();
            return answering;
        }
    }

    @Nested
    class OverTls {

        private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        private static HttpsServer tls;
        private static TestCertificate certificate;

        @BeforeAll
        static void startTlsServer() throws Exception {
            certificate = TestCertificate.validUntil(NOW.minus(Duration.ofHours(1)), NOW.plus(Duration.ofHours(24)));
            tls = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
            tls.setHttpsConfigurator(new HttpsConfigurator(certificate.serverContext()));
            tls.createContext("/health", e -> send(e, 200, "application/json", HEALTH));
            tls.start();
        }

        @AfterAll
        static void stopTlsServer() {
            tls.stop(0);
        }

        private HttpCheck trusting(TestCertificate trusted) throws Exception {
            HttpClient real = HttpClient.newBuilder().sslContext(trusted.clientContext()).build();
            return new HttpCheck(GuardedHttpClient.loopbackOnly(real), DENY_LIST, Clock.fixed(NOW, ZoneOffset.UTC), "probe-test");
        }

        private String url() {
            return "https://127.0.0.1:" + tls.getAddress().getPort() + "/health";
        }

        @Test
        void aCertificateThatExpiresTooSoonIsDownSayingWhen() throws Exception {
            CheckResult result = trusting(certificate).run(MonitorBuilder.http(url())
                    .conditions("[STATUS] == 200", "[CERTIFICATE_EXPIRATION] > 72h").build());

            assertThat(result.status()).isEqualTo(HealthStatus.DOWN);
            assertThat(result.detail()).isEqualTo("[CERTIFICATE_EXPIRATION] > 72h failed: certificate expires in 1 d");
            assertThat(result.attributes()).containsEntry("certificateExpiresAt", NOW.plus(Duration.ofHours(24)).toString());
        }

        @Test
        void aCertificateWithLifeLeftIsUp() throws Exception {
            CheckResult result = trusting(certificate).run(MonitorBuilder.http(url())
                    .conditions("[CERTIFICATE_EXPIRATION] > 12h", "[BODY].status == UP").build());

            assertThat(result.status()).isEqualTo(HealthStatus.UP);
        }

        @Test
        void aCertificateTheProbeDoesNotTrustIsDown() throws Exception {
            TestCertificate stranger = TestCertificate.validUntil(NOW.minus(Duration.ofHours(1)), NOW.plus(Duration.ofDays(90)));

            CheckResult result = trusting(stranger).run(MonitorBuilder.http(url()).build());

            assertThat(result.status()).isEqualTo(HealthStatus.DOWN);
            assertThat(result.detail()).startsWith("TLS failed: ");
        }
    }

    private static void redirect(HttpExchange exchange, int status, String location) throws IOException {
        exchange.getRequestBody().readAllBytes();
        exchange.getResponseHeaders().set("Location", location);
        exchange.sendResponseHeaders(status, -1);
        exchange.close();
    }

    private static void send(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        exchange.getRequestBody().readAllBytes();
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        } catch (IOException e) {
            // the probe stopped reading (a body over its limit)
        }
        exchange.close();
    }
}
