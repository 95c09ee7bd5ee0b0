package io.contingo.notification.webhookqueue;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.SimpleMongoClientDatabaseFactory;
import org.springframework.data.mongodb.core.mapping.Document;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpServer;

import io.contingo.devstack.TestInfrastructure;
import io.contingo.devstack.WebhookSignature;
import io.contingo.starter.address.AddressRange;
import io.contingo.starter.address.DenyList;
import io.contingo.starter.address.TargetRefusedException;

/**
 * The queue on the devstack's MongoDB-wire server, posting to receivers on loopback only: a call connects to the
 * address its check allowed, not to what the name resolves to a moment later (DNS rebinding), and carries the
 * timestamp and signature a receiver checks. The name the tests use is answered by their own resolver and the pins
 * alone; no test asks a real DNS server.
 */
class WebhookQueueTests {

    private static final String SECRET = "queue-test-secret";

    private final MongoTemplate mongo = new MongoTemplate(new SimpleMongoClientDatabaseFactory(
            TestInfrastructure.mongoUri("webhookqueue_" + System.nanoTime())));
    private final List<HttpServer> servers = new CopyOnWriteArrayList<>();

    @Document("test_webhook_calls")
    record TestCall(@Id String id, String url, String body, String status, int attempts, Instant nextAttemptAt, String lastError,
            Instant sentAt) implements WebhookQueue.Call {

        static TestCall due(String id, String url) {
            return new TestCall(id, url, "{\"event\":\"test\",\"text\":\"caf\u00e9\"}", "PENDING", 0, Instant.now().minusSeconds(1), null, null);
        }
    }

    /** A queue whose calls go where the deny-list allows, signed with the secret if there is one; "gone" ids are dropped. */
    private final class Queue extends WebhookQueue<TestCall> {

        private final DenyList denyList;
        private final String secret;

        Queue(DenyList denyList, String secret) {
            super("test-webhooks", mongo, TestCall.class, new Retries(3, Duration.ofMinutes(1), Duration.ofSeconds(5)), "Contingo-Test",
                    HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).followRedirects(HttpClient.Redirect.NEVER).build());
            this.denyList = denyList;
            this.secret = secret;
        }

        @Override
        protected Optional<Post> prepare(TestCall call) throws Refused {
            if (call.id().startsWith("gone")) {
                return Optional.empty();
            }
            String host = URI.create(call.url()).getHost();
            try {
                return Optional.of(new Post(denyList.resolve(host), secret, Map.of("X-Contingo-Delivery", call.id())));
            } catch (TargetRefusedException | UnknownHostException e) {
                throw new Refused(e.getMessage());
            }
        }
    }

    @AfterEach
    void stopServers() {
        servers.forEach(server -> server.stop(0));
    }

    /**
     * The name first resolves to 127.0.0.1 (allowed and checked), then to 127.0.0.2, which the deny-list refuses: the
     * call goes to the first, and the name is never asked again, whatever the resolver would say the second time.
     */
    @Test
    void aCallGoesToTheAddressItsCheckAllowedNotToALaterAnswerSignedWithTheTime() throws Exception {
        List<Headers> firstHeard = new CopyOnWriteArrayList<>();
        List<byte[]> firstBodies = new CopyOnWriteArrayList<>();
        HttpServer first = receiver("127.0.0.1", 0, firstHeard, firstBodies);
        int port = first.getAddress().getPort();
        List<Headers> secondHeard = new CopyOnWriteArrayList<>();
        receiver("127.0.0.2", port, secondHeard, new CopyOnWriteArrayList<>());
        String name = "rebound-" + System.nanoTime() + ".contingo.test";
        List<String> asked = new CopyOnWriteArrayList<>();
        DenyList rebinding = new DenyList(List.of(AddressRange.valueOf("127.0.0.2/32")), host -> {
            asked.add(host);
            return new InetAddress[] {InetAddress.getByName(asked.size() == 1 ? "127.0.0.1" : "127.0.0.2")};
        });
        TestCall call = mongo.insert(TestCall.due("page-1/webhook/0", "http://" + name + ":" + port + "/hook"));

        new Queue(rebinding, SECRET).sendDue();

        assertThat(asked).containsExactly(name);
        assertThat(secondHeard).isEmpty();
        assertThat(firstHeard).hasSize(1);
        Headers headers = firstHeard.getFirst();
        assertThat(headers.getFirst("X-Contingo-Delivery")).isEqualTo(call.id());
        assertThat(headers.getFirst("User-Agent")).isEqualTo("Contingo-Test");
        assertThat(Long.parseLong(headers.getFirst(WebhookSignature.TIMESTAMP_HEADER))).isCloseTo(Instant.now().getEpochSecond(),
                org.assertj.core.data.Offset.offset(5L));
        assertThat(WebhookSignature.verify(SECRET, headers.getFirst(WebhookSignature.TIMESTAMP_HEADER),
                headers.getFirst(WebhookSignature.SIGNATURE_HEADER), firstBodies.getFirst(), Instant.now())).isEmpty();
        assertThat(new String(firstBodies.getFirst(), StandardCharsets.UTF_8)).isEqualTo(call.body());
        TestCall sent = mongo.findById(call.id(), TestCall.class);
        assertThat(sent.status()).isEqualTo("SENT");
        assertThat(sent.attempts()).isEqualTo(1);
        assertThat(sent.sentAt()).isNotNull();
    }

    @Test
    void withoutASecretACallGoesUnsignedAndOneNobodyWantsIsDroppedUnsent() throws Exception {
        List<Headers> heard = new CopyOnWriteArrayList<>();
        HttpServer receiver = receiver("127.0.0.1", 0, heard, new CopyOnWriteArrayList<>());
        String url = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook";
        mongo.insert(TestCall.due("plain", url));
        mongo.insert(TestCall.due("gone", url));

        new Queue(new DenyList(DenyList.BUILT_IN), null).sendDue();

        assertThat(heard).hasSize(1);
        assertThat(heard.getFirst().getFirst("X-Contingo-Delivery")).isEqualTo("plain");
        assertThat(heard.getFirst().containsKey(WebhookSignature.SIGNATURE_HEADER)).isFalse();
        assertThat(heard.getFirst().containsKey(WebhookSignature.TIMESTAMP_HEADER)).isFalse();
        assertThat(mongo.findById("plain", TestCall.class).status()).isEqualTo("SENT");
        assertThat(mongo.findById("gone", TestCall.class)).isNull();
    }

    private HttpServer receiver(String address, int port, List<Headers> heard, List<byte[]> bodies) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getByName(address), port), 4);
        server.createContext("/hook", exchange -> {
            bodies.add(exchange.getRequestBody().readAllBytes());
            heard.add(exchange.getRequestHeaders());
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        server.start();
        servers.add(server);
        return server;
    }
}
