package io.contingo.notification.paging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.mongodb.core.MongoTemplate;

import com.sun.net.httpserver.HttpServer;

import io.contingo.devstack.FreePorts;
import io.contingo.devstack.MailServer;
import io.contingo.devstack.TestInfrastructure;
import io.contingo.devstack.WebhookSignature;
import io.contingo.notification.NotificationServiceApplication;
import io.contingo.notification.subscriber.Subscriber;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Pages on the real broker, MongoDB-wire server and SMTP server, with webhook receivers on loopback: a page reaches
 * the paged agent by email and both webhooks (generic JSON, Slack's {@code {"text"}}), once however often it is
 * delivered, a failing webhook is tried again; a customer subscribed to everything gets no page, and the customers'
 * incident emails reach neither the agent nor the webhooks. The calls are signed with the operator's secret, and one to
 * an address the operator denied is refused before it connects.
 */
class PagingIntegrationTests {

    private static final Duration DEADLINE = Duration.ofSeconds(30);
    private static final String SECRET = "paging-test-secret";
    private final JsonMapper json = JsonMapper.builder().build();
    private final String suffix = "-p" + System.nanoTime();

    @Test
    void aPageReachesTheAgentByEmailAndBothWebhooksOnceAndNothingCrossesToOrFromCustomers() throws Exception {
        List<String> generic = new CopyOnWriteArrayList<>();
        List<String> slack = new CopyOnWriteArrayList<>();
        List<String> genericSignatureProblems = new CopyOnWriteArrayList<>();
        AtomicInteger genericCalls = new AtomicInteger();
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hooks/generic", exchange -> {
            byte[] raw = exchange.getRequestBody().readAllBytes();
            String body = new String(raw, StandardCharsets.UTF_8);
            int status = genericCalls.incrementAndGet() == 1 ? 503 : 200; // the first call fails: it is tried again
            if (status == 200) {
                generic.add(body);
                WebhookSignature.verify(SECRET, exchange.getRequestHeaders().getFirst(WebhookSignature.TIMESTAMP_HEADER),
                        exchange.getRequestHeaders().getFirst(WebhookSignature.SIGNATURE_HEADER), raw, Instant.now())
                        .ifPresent(genericSignatureProblems::add);
            }
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        receiver.createContext("/hooks/slack", exchange -> {
            slack.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        receiver.start();
        // a loopback address the operator denied: no call may ever reach it
        AtomicInteger deniedCalls = new AtomicInteger();
        HttpServer denied = HttpServer.create(new InetSocketAddress("127.0.0.2", receiver.getAddress().getPort()), 0);
        denied.createContext("/", exchange -> {
            deniedCalls.incrementAndGet();
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        denied.start();
        String hooks = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hooks/";
        String deniedHook = "http://127.0.0.2:" + receiver.getAddress().getPort() + "/hooks/denied";
        try (MailServer mail = MailServer.start(FreePorts.next(), FreePorts.next()) ; ConfigurableApplicationContext app = start(mail)) {
            MongoTemplate mongo = app.getBean(MongoTemplate.class);
            mongo.save(new Subscriber("ana", "ana.garcia@example.com", "Ana García", "Europe/Madrid", "en", List.of("*"), true, Instant.now()));

            String page = page(hooks, deniedHook);
            TestInfrastructure.publish("paging-events" + suffix, "inc-20261126-0915-production", page);
            TestInfrastructure.publish("paging-events" + suffix, "inc-20261126-0915-production", page); // delivered twice

            await().atMost(DEADLINE).until(() -> mail.received().size() == 1 && generic.size() == 1 && slack.size() == 1);
            MimeMessage email = mail.received().getFirst();
            assertThat(email.getRecipients(Message.RecipientType.TO)[0].toString()).isEqualTo("manager@contingo.local");
            assertThat(email.getSubject()).isEqualTo("Page: [SEV2] Production site outage (level 2)");
            assertThat(email.getHeader("List-Unsubscribe")).as("an agent is no subscriber").isNull();
            String text = MailServer.part(email, "text/plain");
            assertThat(text).contains("Hello manager,", "Nobody acknowledged this incident in time", "on call for Production (level 2)",
                    "Acknowledge: http://localhost:8080/console/pages/", "Open the incident: http://localhost:8080/console/incidents/inc-20261126-0915-production");
            assertThat(MailServer.part(email, "text/html")).contains("href=\"http://localhost:8080/console/pages/");

            JsonNode body = json.readTree(generic.getFirst());
            assertThat(body.get("event").asString()).isEqualTo("agent.paged");
            assertThat(body.get("incident_id").asString()).isEqualTo("inc-20261126-0915-production");
            assertThat(body.get("level").asInt()).isEqualTo(2);
            assertThat(body.get("escalation").asBoolean()).isTrue();
            assertThat(body.get("acknowledge_url").asString()).startsWith("http://localhost:8080/console/pages/");
            JsonNode slackBody = json.readTree(slack.getFirst());
            assertThat(slackBody.propertyNames()).containsExactly("text");
            assertThat(slackBody.get("text").asString()).contains("*[SEV2] Production site outage*", "manager: Nobody acknowledged",
                    "<http://localhost:8080/console/pages/", "|Acknowledge>");
            assertThat(genericSignatureProblems).as("signed with the operator's secret and the time").isEmpty();
            await().atMost(DEADLINE).until(() -> mongo.findAll(PageWebhook.class).stream().allMatch(w -> w.status() != PageWebhook.Status.PENDING));
            List<PageWebhook> calls = mongo.findAll(PageWebhook.class);
            assertThat(calls).filteredOn(w -> !w.url().equals(deniedHook)).extracting(PageWebhook::status, PageWebhook::attempts)
                    .containsExactlyInAnyOrder(tuple(PageWebhook.Status.SENT, 2), tuple(PageWebhook.Status.SENT, 1));
            assertThat(genericCalls.get()).isEqualTo(2);
            // the denied address: refused before any connection, each attempt, then given up
            PageWebhook refused = calls.stream().filter(w -> w.url().equals(deniedHook)).findFirst().orElseThrow();
            assertThat(refused.status()).isEqualTo(PageWebhook.Status.FAILED);
            assertThat(refused.attempts()).isEqualTo(3);
            assertThat(refused.lastError()).startsWith("The address is refused: ").contains("127.0.0.2", "127.0.0.2/32");
            assertThat(deniedCalls).hasValue(0);

            // a customer incident email: to the subscriber only, nothing to the agent or the paging webhooks
            TestInfrastructure.publish("incident-events" + suffix, "inc-20261126-0915-production", incidentOpened());
            await().atMost(DEADLINE).until(() -> mail.received().size() == 2);
            await().during(Duration.ofSeconds(2)).atMost(DEADLINE).until(() -> mail.received().size() == 2);
            assertThat(mail.received()).extracting(m -> m.getRecipients(Message.RecipientType.TO)[0].toString())
                    .containsExactlyInAnyOrder("manager@contingo.local", "ana.garcia@example.com");
            assertThat(generic).hasSize(1);
            assertThat(slack).hasSize(1);
        } finally {
            receiver.stop(0);
            denied.stop(0);
        }
    }

    /** The contract's page, its webhooks on the loopback receiver, and one more at an address the operator denied. */
    private String page(String hooks, String deniedHook) throws Exception {
        try (InputStream in = getClass().getResourceAsStream("/contracts/agent-paged.json")) {
            ObjectNode page = (ObjectNode) json.readTree(in.readAllBytes());
            page.putArray("webhooks").add(json.createObjectNode().put("url", hooks + "generic").put("kind", "GENERIC"))
                    .add(json.createObjectNode().put("url", hooks + "slack").put("kind", "SLACK"))
                    .add(json.createObjectNode().put("url", deniedHook).put("kind", "GENERIC"));
            return page.toString();
        }
    }

    private String incidentOpened() throws Exception {
        try (InputStream in = getClass().getResourceAsStream("/contracts/incident-event.json")) {
            ObjectNode event = (ObjectNode) json.readTree(in.readAllBytes());
            event.put("eventId", "event-opened" + suffix).put("type", "OPENED").put("sequence", 1);
            return event.toString();
        }
    }

    private ConfigurableApplicationContext start(MailServer mail) {
        return new SpringApplicationBuilder(NotificationServiceApplication.class).run(
                "--server.port=0",
                "--contingo.notification.group-wait=100ms",
                "--contingo.paging.first-retry-delay=200ms",
                "--contingo.paging.webhook-attempts=3",
                "--contingo.paging.webhook-secret=" + SECRET,
                "--contingo.paging.denied-ranges=127.0.0.2/32",
                "--spring.kafka.bootstrap-servers=" + TestInfrastructure.kafkaBootstrapServers(),
                "--spring.mongodb.uri=" + TestInfrastructure.mongoUri("notification" + suffix.replace('-', '_')),
                "--spring.mail.port=" + mail.smtpPort(),
                "--spring.cloud.stream.bindings.onAgentPaged-in-0.destination=paging-events" + suffix,
                "--spring.cloud.stream.kafka.bindings.onAgentPaged-in-0.consumer.dlq-name=paging-events" + suffix + ".dlq",
                "--spring.cloud.stream.bindings.onIncidentEvent-in-0.destination=incident-events" + suffix,
                "--spring.cloud.stream.kafka.bindings.onIncidentEvent-in-0.consumer.dlq-name=incident-events" + suffix + ".dlq",
                "--spring.cloud.stream.kafka.bindings.onIncidentEvent-in-0.consumer.start-offset=earliest",
                "--spring.cloud.stream.bindings.onDrpEvent-in-0.destination=drp-events" + suffix,
                "--spring.cloud.stream.kafka.bindings.onDrpEvent-in-0.consumer.dlq-name=drp-events" + suffix + ".dlq",
                "--spring.cloud.stream.bindings.onReportEvent-in-0.destination=report-events" + suffix,
                "--spring.cloud.stream.kafka.bindings.onReportEvent-in-0.consumer.dlq-name=report-events" + suffix + ".dlq",
                "--contingo.catalog.topic=site-catalog" + suffix);
    }
}
