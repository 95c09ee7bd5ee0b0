package io.contingo.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;

import io.contingo.events.Topics;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Each part of the devstack does what the platform relies on, and keeps its data across a restart. */
class DevStackIntegrationTests {

    private static final String SECRET = "test webhook secret";

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void kafkaBrokerCreatesThePlatformTopicsAndKeepsMessagesAcrossARestart(@TempDir Path dir) throws Exception {
        int port = FreePorts.next();
        int controllerPort = FreePorts.next();
        try (KafkaBroker broker = KafkaBroker.start(dir, port, controllerPort)) {
            try (Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
                Set<String> topics = admin.listTopics().names().get();
                assertThat(topics).contains("health-events", "health-events.dlq", "incident-events", "component-status.dlq");
                assertThat(admin.describeTopics(List.of(Topics.HEALTH_EVENTS)).allTopicNames().get()
                        .get(Topics.HEALTH_EVENTS).partitions()).hasSize(KafkaBroker.PARTITIONS);
            }
            Properties producer = new Properties();
            producer.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
            producer.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
            producer.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
            try (KafkaProducer<String, String> p = new KafkaProducer<>(producer)) {
                p.send(new ProducerRecord<>(Topics.HEALTH_EVENTS, "prod-web", "kept")).get();
            }
        }
        try (KafkaBroker again = KafkaBroker.start(dir, port, controllerPort)) {
            Properties consumer = new Properties();
            consumer.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, again.bootstrapServers());
            consumer.put(ConsumerConfig.GROUP_ID_CONFIG, "devstack-test");
            consumer.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
            consumer.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
            consumer.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
            try (KafkaConsumer<String, String> c = new KafkaConsumer<>(consumer)) {
                c.subscribe(List.of(Topics.HEALTH_EVENTS));
                List<String> values = new java.util.ArrayList<>();
                long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                while (values.isEmpty() && System.nanoTime() < deadline) {
                    for (ConsumerRecord<String, String> r : c.poll(Duration.ofMillis(500))) {
                        values.add(r.value());
                    }
                }
                assertThat(values).containsExactly("kept");
            }
        }
    }

    @Test
    void mongoWireServerKeepsDocumentsInItsFileAcrossARestart(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("mongo/contingo.mv");
        int port = FreePorts.next();
        try (MongoWireServer server = MongoWireServer.start(file, port);
             MongoClient client = MongoClients.create(server.uri())) {
            client.getDatabase("devstack-test").getCollection("sites").insertOne(new Document("_id", "production"));
        }
        assertThat(Files.exists(file)).isTrue();
        try (MongoWireServer server = MongoWireServer.start(file, port);
             MongoClient client = MongoClients.create(server.uri())) {
            assertThat(client.getDatabase("devstack-test").getCollection("sites").find().first())
                    .containsEntry("_id", "production");
        }
    }

    @Test
    void inboxListsReceivedMailInMailpitsShape() throws Exception {
        try (MailServer mail = MailServer.start(FreePorts.next(), FreePorts.next())) {
            Properties smtp = new Properties();
            smtp.put("mail.smtp.host", "127.0.0.1");
            smtp.put("mail.smtp.port", String.valueOf(mail.smtpPort()));
            MimeMessage message = new MimeMessage(Session.getInstance(smtp));
            message.setFrom(new InternetAddress("status@contingo.example", "Contingo"));
            message.setRecipients(Message.RecipientType.TO, new InternetAddress[] { new InternetAddress("customer@example.com"),
                    new InternetAddress("ana.garcia@example.com", "Ana García", "UTF-8") });
            message.setSubject("Investigating: <Production> site outage", "UTF-8");
            String unsubscribe = "<https://status.contingo.example/unsubscribe?token=Zm9vYmFyYmF6cXV4cXV1eGNvcmdl>,\r\n"
                    + " <mailto:unsubscribe@contingo.example?subject=unsubscribe%20Zm9vYmFy>"; // folded, as long headers are
            message.setHeader("List-Unsubscribe", unsubscribe);
            message.setHeader("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
            MimeMultipart alternative = new MimeMultipart("alternative");
            MimeBodyPart text = new MimeBodyPart();
            text.setText("Plain body", "UTF-8");
            MimeBodyPart html = new MimeBodyPart();
            html.setContent("<html><head><title>x</title></head><body><b>Bold body</b><script>alert(1)</script></body></html>",
                    "text/html; charset=UTF-8");
            alternative.addBodyPart(text);
            alternative.addBodyPart(html);
            message.setContent(alternative);
            Transport.send(message);

            JsonNode list = json.readTree(get("http://127.0.0.1:" + mail.inboxPort() + "/api/v1/messages").body());
            assertThat(list.get("total").asInt()).isEqualTo(1);
            JsonNode first = list.get("messages").get(0);
            assertThat(first.get("Subject").asString()).isEqualTo("Investigating: <Production> site outage");
            assertThat(first.get("To").get(0).get("Address").asString()).isEqualTo("customer@example.com");
            assertThat(first.get("From").get("Address").asString()).isEqualTo("status@contingo.example");
            assertThat(first.get("Created").asString()).isNotBlank();

            JsonNode one = json.readTree(get("http://127.0.0.1:" + mail.inboxPort() + "/api/v1/message/" + first.get("ID").asString()).body());
            assertThat(one.get("Text").asString()).contains("Plain body");
            assertThat(one.get("HTML").asString()).contains("<b>Bold body</b>");
            assertThat(one.get("To").get(1).get("Name").asString()).isEqualTo("Ana García");

            // the page writes addresses as people do, and shows the HTML part in a sandboxed frame, never in its own markup
            String id = first.get("ID").asString();
            String page = get("http://127.0.0.1:" + mail.inboxPort() + "/").body();
            assertThat(page).contains("Investigating: &lt;Production&gt; site outage").doesNotContain("<Production>")
                    .contains("From Contingo &lt;status@contingo.example&gt;", "To customer@example.com, Ana García &lt;ana.garcia@example.com&gt;")
                    .doesNotContain("Name=", "Address=")
                    .contains("<iframe sandbox=\"allow-popups allow-popups-to-escape-sandbox\"", "src=\"/view/" + id + ".html\"")
                    .doesNotContain("<b>Bold body</b>", "<script>alert")
                    .contains("Plain body");
            HttpResponse<String> view = get("http://127.0.0.1:" + mail.inboxPort() + "/view/" + id + ".html");
            assertThat(view.body()).contains("<base target=\"_blank\">", "<b>Bold body</b>");
            assertThat(view.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(csp -> assertThat(csp).startsWith("sandbox"));
            assertThat(get("http://127.0.0.1:" + mail.inboxPort() + "/view/" + id + ".txt").body()).isEqualTo("Plain body");

            // Mailpit's headers and raw message, so that anyone can check an email's List-Unsubscribe headers
            String api = "http://127.0.0.1:" + mail.inboxPort() + "/api/v1/message/";
            HttpResponse<String> headers = get(api + id + "/headers");
            assertThat(headers.statusCode()).isEqualTo(200);
            assertThat(headers.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
            JsonNode byName = json.readTree(headers.body());
            assertThat(byName.get("List-Unsubscribe").isArray()).isTrue();
            assertThat(byName.get("List-Unsubscribe").get(0).asString()).as("unfolded").isEqualTo(
                    "<https://status.contingo.example/unsubscribe?token=Zm9vYmFyYmF6cXV4cXV1eGNvcmdl>, "
                            + "<mailto:unsubscribe@contingo.example?subject=unsubscribe%20Zm9vYmFy>");
            assertThat(byName.get("List-Unsubscribe-Post").get(0).asString()).isEqualTo("List-Unsubscribe=One-Click");
            assertThat(byName.get("Message-ID").get(0).asString()).isEqualTo(one.get("MessageID").asString());
            assertThat(byName.propertyNames()).contains("From", "To", "Subject", "Date", "MIME-Version", "Content-Type");
            assertThat(json.readTree(get(api + "latest/headers").body())).as("latest: the newest message").isEqualTo(byName);

            HttpResponse<String> raw = get(api + id + "/raw");
            assertThat(raw.statusCode()).isEqualTo(200);
            assertThat(raw.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/plain"));
            assertThat(raw.body()).contains("List-Unsubscribe-Post: List-Unsubscribe=One-Click\r\n",
                    "List-Unsubscribe: <https://status.contingo.example/unsubscribe?token=", "multipart/alternative", "Plain body",
                    "Subject: Investigating: <Production> site outage\r\n", "To: customer@example.com,\r\n\t=?UTF-8?Q?Ana_Garc=C3=ADa?=");
            assertThat(get(api + "0000000000/headers").statusCode()).isEqualTo(404);
            assertThat(get(api + id + "/attachments").statusCode()).isEqualTo(404);
            assertThat(page).contains("href=\"/api/v1/message/" + id + "/headers\"", "href=\"/api/v1/message/" + id + "/raw\"");
        }
    }

    @Test
    void demoDnsResolvesTheSitesNamesAndFollowsTheirState() throws Exception {
        try (DemoSite production = DemoSite.start("Production", FreePorts.next());
             DemoSite contingency = DemoSite.start("Contingency", FreePorts.next());
             DemoDns dns = DemoDns.start("127.0.0.1", 0, "127.0.0.1", production, contingency)) {
            SimpleResolver resolver = new SimpleResolver(new InetSocketAddress("127.0.0.1", dns.port()));
            resolver.setTimeout(Duration.ofSeconds(2));
            assertThat(ask(resolver, "production." + DemoDns.ZONE).getSection(Section.ANSWER))
                    .extracting(Record::rdataToString).containsExactly("127.0.0.1");

            production.setMode(DemoSite.Mode.DOWN);
            assertThat(ask(resolver, "production." + DemoDns.ZONE).getRcode()).isEqualTo(Rcode.SERVFAIL);
            assertThat(ask(resolver, "contingency." + DemoDns.ZONE).getRcode()).isEqualTo(Rcode.NOERROR);
            assertThat(ask(resolver, "elsewhere.example.").getRcode()).as("nothing is forwarded").isEqualTo(Rcode.NXDOMAIN);
        }
    }

    private static org.xbill.DNS.Message ask(SimpleResolver resolver, String name) throws IOException {
        return resolver.send(org.xbill.DNS.Message.newQuery(Record.newRecord(Name.fromString(name), Type.A, DClass.IN)));
    }

    @Test
    void demoSiteGoesDownHangsAndComesBack() throws Exception {
        try (DemoSite site = DemoSite.start("Production", FreePorts.next())) {
            assertThat(get(site.baseUrl() + "/api/health").statusCode()).isEqualTo(200);

            assertThat(post(site.baseUrl() + "/control/down").body()).contains("\"mode\":\"down\"");
            assertThat(get(site.baseUrl() + "/api/health").statusCode()).isEqualTo(503);

            post(site.baseUrl() + "/control/down?mode=hang");
            CompletableFuture<HttpResponse<String>> hanging = http.sendAsync(
                    HttpRequest.newBuilder(URI.create(site.baseUrl() + "/web/")).build(), HttpResponse.BodyHandlers.ofString());
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> hanging.get(300, java.util.concurrent.TimeUnit.MILLISECONDS))
                    .isInstanceOf(java.util.concurrent.TimeoutException.class);

            post(site.baseUrl() + "/control/up");
            assertThat(hanging.get().statusCode()).isEqualTo(503); // released the moment the site came back
            assertThat(get(site.baseUrl() + "/web/").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void webhookSignatureIsTheHmacOfTimestampDotBodyAndIsCheckedInTime() {
        // the same figures as `printf '%s' '1764763200.{"site":"contingency"}' | openssl dgst -sha256 -hmac SECRET`
        String body = "{\"site\":\"contingency\"}";
        String signature = WebhookSignature.sign(WebhookSignature.DEMO_SECRET, 1764763200L, body);
        assertThat(signature).isEqualTo("sha256=742a593c35b56e01be77c90638de18529aee2fc2c0f880ab985e5c9cfb760f9c");
        assertThat(WebhookSignature.sign(WebhookSignature.DEMO_SECRET, 1764763200L, ""))
                .isEqualTo("sha256=3a05f1596ffe21e8102c9baa8cac0263edcd159da1fa77772130caef00c57996");

        byte[] raw = body.getBytes(StandardCharsets.UTF_8);
        Instant sent = Instant.ofEpochSecond(1764763200L);
        assertThat(WebhookSignature.verify(WebhookSignature.DEMO_SECRET, "1764763200", signature, raw, sent.plusSeconds(300))).isEmpty();
        assertThat(WebhookSignature.verify(WebhookSignature.DEMO_SECRET, "1764763200", signature, raw, sent.plusSeconds(301)))
                .hasValueSatisfying(reason -> assertThat(reason).contains("300 s"));
        assertThat(WebhookSignature.verify(WebhookSignature.DEMO_SECRET, "1764763200", signature, raw, sent.minusSeconds(301))).isPresent();
        assertThat(WebhookSignature.verify("another secret", "1764763200", signature, raw, sent)).isPresent();
        assertThat(WebhookSignature.verify(WebhookSignature.DEMO_SECRET, "1764763201", signature, raw, sent)).isPresent();
        assertThat(WebhookSignature.verify(WebhookSignature.DEMO_SECRET, "1764763200", signature.toUpperCase(), raw, sent)).isPresent();
        assertThat(WebhookSignature.verify(WebhookSignature.DEMO_SECRET, "soon", signature, raw, sent)).isPresent();
        assertThat(WebhookSignature.verify(WebhookSignature.DEMO_SECRET, null, signature, raw, sent)).isPresent();
    }

    @Test
    void demoSiteDatabaseIsPromotedAndDemotedOnlyBySignedRequests() throws Exception {
        try (DemoSite site = DemoSite.start("Contingency", FreePorts.next(), DemoSite.DatabaseRole.MIRROR, SECRET)) {
            assertThat(json.readTree(get(site.baseUrl() + "/control/state").body()).get("database").asString()).isEqualTo("mirror");
            HttpResponse<String> health = get(site.baseUrl() + "/db/health");
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(json.readTree(health.body()).get("status").asString()).isEqualTo("UP");
            assertThat(json.readTree(health.body()).get("role").asString()).isEqualTo("mirror");

            String promote = site.baseUrl() + "/control/db/promote";
            HttpResponse<String> unsigned = post(promote);
            assertThat(unsigned.statusCode()).isEqualTo(401);
            assertThat(unsigned.body()).contains(WebhookSignature.SIGNATURE_HEADER);
            assertThat(signedPost(promote, "", "not the secret", now()).statusCode()).isEqualTo(401);
            assertThat(signedPost(promote, "", SECRET, now() - 301).statusCode()).isEqualTo(401);
            assertThat(site.database()).isEqualTo(DemoSite.DatabaseRole.MIRROR);
            assertThat(json.readTree(get(site.baseUrl() + "/db/health").body()).get("role").asString()).isEqualTo("mirror");

            HttpResponse<String> promoted = signedPost(promote, "", SECRET, now());
            assertThat(promoted.statusCode()).isEqualTo(200);
            assertThat(json.readTree(promoted.body()).get("database").asString()).isEqualTo("primary");
            assertThat(json.readTree(get(site.baseUrl() + "/db/health").body()).get("role").asString()).isEqualTo("primary");

            HttpResponse<String> demoted = signedPost(site.baseUrl() + "/control/db/demote", "{}", SECRET, now());
            assertThat(demoted.statusCode()).isEqualTo(200);
            assertThat(json.readTree(demoted.body()).get("database").asString()).isEqualTo("mirror");
            assertThat(json.readTree(get(site.baseUrl() + "/control/state").body()).get("database").asString()).isEqualTo("mirror");

            // staging an outage stays unsigned, and the database fails with the site
            assertThat(post(site.baseUrl() + "/control/down").statusCode()).isEqualTo(200);
            assertThat(get(site.baseUrl() + "/db/health").statusCode()).isEqualTo(503);
        }
    }

    @Test
    void entryUrlStaysOnProductionUntilASignedSwitchMovesIt() throws Exception {
        try (DemoSite production = DemoSite.start("Production", FreePorts.next(), DemoSite.DatabaseRole.PRIMARY, SECRET);
             DemoSite contingency = DemoSite.start("Contingency", FreePorts.next(), DemoSite.DatabaseRole.MIRROR, SECRET);
             DemoEntry entry = DemoEntry.start("127.0.0.1", FreePorts.next(), production, contingency, SECRET, null)) {
            String base = "http://127.0.0.1:" + entry.port();
            String url = base + "/web/";
            assertThat(get(url).statusCode()).isEqualTo(302);
            assertThat(get(url).headers().firstValue("Location")).hasValue("http://localhost:" + production.port() + "/web/");
            production.setMode(DemoSite.Mode.DOWN);
            assertThat(get(url).headers().firstValue("Location")).as("the entry does not watch the sites")
                    .hasValue("http://localhost:" + production.port() + "/web/");

            String target = base + "/control/target";
            String toContingency = "{\"site\":\"contingency\"}";
            HttpResponse<String> unsigned = http.send(HttpRequest.newBuilder(URI.create(target))
                    .POST(HttpRequest.BodyPublishers.ofString(toContingency)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(unsigned.statusCode()).isEqualTo(401);
            assertThat(signedPost(target, toContingency, "not the secret", now()).statusCode()).isEqualTo(401);
            long at = now();
            HttpResponse<String> tampered = http.send(HttpRequest.newBuilder(URI.create(target))
                    .header(WebhookSignature.TIMESTAMP_HEADER, String.valueOf(at))
                    .header(WebhookSignature.SIGNATURE_HEADER, WebhookSignature.sign(SECRET, at, "{\"site\":\"production\"}"))
                    .POST(HttpRequest.BodyPublishers.ofString(toContingency)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(tampered.statusCode()).isEqualTo(401);
            assertThat(entry.target()).isEqualTo("production");
            assertThat(json.readTree(get(base + "/control/state").body()).get("target").asString()).isEqualTo("production");

            HttpResponse<String> unknown = signedPost(target, "{\"site\":\"elsewhere\"}", SECRET, now());
            assertThat(unknown.statusCode()).isEqualTo(400);
            assertThat(unknown.body()).contains("production, contingency", "elsewhere");

            Instant before = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
            HttpResponse<String> switched = signedPost(target, toContingency, SECRET, now());
            assertThat(switched.statusCode()).isEqualTo(200);
            JsonNode answer = json.readTree(switched.body());
            assertThat(answer.get("target").asString()).isEqualTo("contingency");
            assertThat(Instant.parse(answer.get("since").asString())).isAfterOrEqualTo(before);
            assertThat(get(base + "/control/state").body()).isEqualTo(switched.body());

            HttpResponse<String> followed = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build()
                    .send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(followed.statusCode()).isEqualTo(200);
            assertThat(followed.uri().getPort()).isEqualTo(contingency.port());
            assertThat(followed.body()).contains("served by the <strong>Contingency</strong> site");

            // back to production, which the entry sends to even while it is down: the runbook decides
            assertThat(signedPost(target, "{\"site\":\"production\"}", SECRET, now()).statusCode()).isEqualTo(200);
            assertThat(get(url).headers().firstValue("Location")).hasValue("http://localhost:" + production.port() + "/web/");
        }
    }

    @Test
    void entryUrlKeepsItsTargetAcrossARestart(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("entry-target");
        try (DemoSite production = DemoSite.start("Production", FreePorts.next());
             DemoSite contingency = DemoSite.start("Contingency", FreePorts.next())) {
            int port = FreePorts.next();
            String since;
            try (DemoEntry entry = DemoEntry.start("127.0.0.1", port, production, contingency, SECRET, file)) {
                HttpResponse<String> switched = signedPost("http://127.0.0.1:" + port + "/control/target", "{\"site\":\"contingency\"}", SECRET, now());
                assertThat(switched.statusCode()).isEqualTo(200);
                since = json.readTree(switched.body()).get("since").asString();
            }
            try (DemoEntry again = DemoEntry.start("127.0.0.1", port, production, contingency, SECRET, file)) {
                JsonNode state = json.readTree(get("http://127.0.0.1:" + port + "/control/state").body());
                assertThat(state.get("target").asString()).isEqualTo("contingency");
                assertThat(state.get("since").asString()).isEqualTo(since);
                assertThat(get("http://127.0.0.1:" + port + "/web/").headers().firstValue("Location"))
                        .hasValue("http://localhost:" + contingency.port() + "/web/");
            }
            try (DemoEntry inMemory = DemoEntry.start("127.0.0.1", port, production, contingency)) {
                assertThat(inMemory.target()).as("without a file the entry starts on production").isEqualTo("production");
            }
        }
    }

    private static long now() {
        return Instant.now().getEpochSecond();
    }

    private HttpResponse<String> signedPost(String url, String body, String secret, long timestamp) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url))
                .header(WebhookSignature.TIMESTAMP_HEADER, String.valueOf(timestamp))
                .header(WebhookSignature.SIGNATURE_HEADER, WebhookSignature.sign(secret, timestamp, body))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
