package io.contingo.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.mongodb.core.MongoTemplate;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;

import io.contingo.devstack.PageVisitor;
import io.contingo.devstack.PageVisitor.ApiDocument;
import io.contingo.devstack.PageVisitor.Page;
import io.contingo.devstack.TestInfrastructure;
import io.contingo.report.incident.IncidentRecord;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** report-service starts on the real parts, keeps its incident read model, and never lets an old event win. */
class ReportServiceIntegrationTests {

    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void keepsTheNewestSnapshotOfEachIncidentWhateverTheOrderOfArrival() throws Exception {
        String topic = "incident-events-r" + ProcessHandle.current().pid();
        try (ConfigurableApplicationContext app = start(topic, "report")) {
            ObjectNode opened = (ObjectNode) json.readTree(fixture("incident-event.json"));
            ObjectNode resolved = opened.deepCopy();
            resolved.put("eventId", "second").put("type", "RESOLVED").put("sequence", 2);
            ((ObjectNode) resolved.get("incident")).put("status", "RESOLVED").put("resolvedAt", "2026-11-26T10:00:00Z")
                    .put("rootCause", "A storage controller failed and the mirror did not take over.");
            ((ObjectNode) resolved.get("incident")).putArray("correctiveActions").addObject()
                    .put("description", "Replace the storage controller").put("owner", "Operations")
                    .put("due", "2026-12-01").put("phase", "SHORT_TERM").put("done", false);

            send(topic, resolved.toString());
            send(topic, resolved.toString()); // delivered twice
            send(topic, opened.toString()); // older, arrives late: must not overwrite
            ObjectNode marker = opened.deepCopy(); // same key, so same partition: consumed after the three above
            marker.put("eventId", "marker").put("incidentId", "marker");
            ((ObjectNode) marker.get("incident")).put("id", "marker").put("name", "<script>alert('x')</script> & <b>bold</b> — Caída en São Paulo: pingüino, façade, año");
            send(topic, marker.toString());

            String change = new String(fixture("component-status-changed.json"), java.nio.charset.StandardCharsets.UTF_8);
            send(topic + "-status", change);
            send(topic + "-status", change); // delivered twice: stored once
            send(topic + "-status", change.replace("0b5e4c6a-3f0f-4a55-8f3e-0d2c7f7e9b21", "next-change")
                    .replace("\"sequence\": 4", "\"sequence\": 5")); // same partition, consumed after the duplicate

            MongoTemplate mongo = app.getBean(MongoTemplate.class);
            String id = opened.get("incidentId").asString();
            await().atMost(Duration.ofSeconds(30)).until(() -> mongo.findById("next-change",
                    io.contingo.report.component.StatusChangeRecord.class) != null);
            assertThat(mongo.findAll(io.contingo.report.component.StatusChangeRecord.class))
                    .extracting(io.contingo.report.component.StatusChangeRecord::sequence).containsExactlyInAnyOrder(4L, 5L);
            await().atMost(Duration.ofSeconds(30)).until(() -> mongo.findById("marker", IncidentRecord.class) != null);
            IncidentRecord record = mongo.findById(id, IncidentRecord.class);
            assertThat(record.sequence()).isEqualTo(2);
            assertThat(record.incident().status().name()).isEqualTo("RESOLVED");

            int port = ((WebServerApplicationContext) app).getWebServer().getPort();
            HttpResponse<String> health = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(health.body()).contains("\"status\":\"UP\"");

            String base = "http://127.0.0.1:" + port + "/api/reports/incidents/";
            HttpResponse<byte[]> pdf = get(base + id + ".pdf", "manager");
            assertThat(pdf.statusCode()).isEqualTo(200);
            assertThat(pdf.headers().firstValue("Content-Type")).hasValue("application/pdf");
            try (PDDocument document = Loader.loadPDF(pdf.body())) {
                String text = new PDFTextStripper().getText(document).replaceAll("\\s+", " ");
                assertThat(text).contains("Technical incident report: Production site outage",
                        "Unavailability windows", "Omnichannel web", "Root cause",
                        "A storage controller failed and the mirror did not take over.",
                        "Short term Replace the storage controller Operations December 1, 2026 Planned",
                        "We are investigating an outage affecting Omnichannel web.", "Confidential", "1 / 1", "Outage 44 min",
                        "Severity SEV2", "Time to acknowledge Not acknowledged");
                assertThat(text).contains("10:15"); // window start, 09:15 UTC in Europe/Madrid
                for (COSName name : document.getPage(0).getResources().getFontNames()) {
                    assertThat(document.getPage(0).getResources().getFont(name).isEmbedded()).as("font %s embedded", name).isTrue();
                }
            }
            try (PDDocument spanish = Loader.loadPDF(get(base + id + ".pdf?lang=es", "manager").body())) {
                assertThat(new PDFTextStripper().getText(spanish).replaceAll("\\s+", " "))
                        .contains("Informe técnico de incidencia: Caída del entorno de Producción", "Periodos de indisponibilidad",
                                "Web omnicanal", "Estamos investigando una interrupción que afecta a Web omnicanal", "Interrupción 44 min",
                                "Duración", "Causa raíz", "Corto plazo", "1 de diciembre de 2026", "Severidad SEV2");
            }
            try (PDDocument hostile = Loader.loadPDF(get(base + "marker.pdf", "manager").body())) { // text from incidents stays text
                String text = new PDFTextStripper().getText(hostile);
                assertThat(text.replaceAll("\\R", "")).contains("<script>alert('x')</script> & <b>bold</b>");
                assertThat(text.replaceAll("\\s+", " ")).contains("Caída en São Paulo: pingüino, façade, año"); // accents render
            }
            assertThat(get(base + "inc-unknown.pdf", "manager").statusCode()).isEqualTo(404);
            assertThat(get(base + "bad%20id.pdf", "manager").statusCode()).isEqualTo(400);
            assertThat(get(base + id + ".pdf", "agent").statusCode()).isEqualTo(403);
        }
    }

    @Test
    void signInStartAndErrorPagesForBrowsersJsonForApiClientsAndADescribedApi() throws Exception {
        String topic = "incident-events-rp" + ProcessHandle.current().pid();
        try (ConfigurableApplicationContext app = start(topic, "report-pages")) {
            String base = "http://127.0.0.1:" + ((WebServerApplicationContext) app).getWebServer().getPort();
            PageVisitor anonymous = new PageVisitor(base);

            Page home = anonymous.keep("report-home", anonymous.browse("/"));
            assertThat(home.status()).isEqualTo(200);
            assertThat(home.body()).contains("Contingo reports", "href=\"/reports\"", "href=\"/swagger-ui.html\"");

            assertThat(PageVisitor.path(anonymous.browse("/reports").location())).isEqualTo("/login");
            Page signIn = anonymous.keep("report-login", anonymous.browse("/login"));
            assertThat(signIn.status()).isEqualTo(200);
            assertThat(signIn.body()).contains("<title>Sign in · Contingo reports</title>", "/css/app.css", "name=\"_csrf\"")
                    .doesNotContain("Please sign in"); // Spring Security's stock page
            assertThat(anonymous.keep("report-login-es", anonymous.browse("/login", "es")).body()).contains("Iniciar sesión", "Contraseña");
            Page refused = anonymous.signIn("manager", "not the password");
            assertThat(refused.location()).endsWith("/login?error");
            assertThat(anonymous.keep("report-login-error", anonymous.browse("/login?error")).body())
                    .contains("That name and password do not match an account");

            PageVisitor manager = new PageVisitor(base);
            assertThat(PageVisitor.path(manager.signIn("manager", "demo").location())).as("no page asked for: on to the reports").isEqualTo("/reports");
            assertThat(manager.browse("/reports").status()).isEqualTo(200);
            PageVisitor asked = new PageVisitor(base);
            asked.browse("/reports/incidents/inc-1.pdf");
            assertThat(PageVisitor.path(asked.signIn("manager", "demo").location())).as("the page asked for first").isEqualTo("/reports/incidents/inc-1.pdf");

            Page notFound = manager.keep("report-404", manager.browse("/reports/incidents/inc-unknown.pdf"));
            assertThat(notFound.status()).isEqualTo(404);
            assertThat(notFound.contentType()).startsWith("text/html");
            assertThat(notFound.body()).contains("This page does not exist", "No incident inc-unknown is known to report-service", "/css/app.css");
            Page malformed = manager.keep("report-400", manager.browse("/reports/incidents/bad%20id.pdf"));
            assertThat(malformed.status()).isEqualTo(400);
            assertThat(malformed.body()).contains("This request is not valid", "Malformed incident id");
            assertThat(manager.keep("report-404-es", manager.browse("/nowhere", "es")).body()).contains("Esta página no existe");
            PageVisitor agent = new PageVisitor(base);
            agent.signIn("agent", "demo");
            Page forbidden = agent.keep("report-403", agent.browse("/reports"));
            assertThat(forbidden.status()).isEqualTo(403);
            assertThat(forbidden.body()).contains("Your account may not open this page").doesNotContain("Whitelabel");

            Page apiNotFound = anonymous.api("/api/reports/incidents/inc-unknown.pdf", "manager", "demo");
            assertThat(apiNotFound.status()).isEqualTo(404);
            assertThat(apiNotFound.contentType()).startsWith("application/json");
            assertThat(json.readTree(apiNotFound.body()).get("message").asString()).isEqualTo("No incident inc-unknown is known to report-service");
            Page apiForbidden = anonymous.api("/api/reports/incidents/inc-1.pdf", "agent", "demo");
            assertThat(apiForbidden.status()).isEqualTo(403);
            assertThat(json.readTree(apiForbidden.body()).get("message").asString())
                    .isEqualTo("Your account may not use /api/reports/incidents/inc-1.pdf: it needs an account with another role.");
            assertThat(json.readTree(anonymous.api("/api/reports/incidents/bad%20id.pdf", "manager", "demo").body()).get("message").asString())
                    .startsWith("Malformed incident id");

            ApiDocument document = anonymous.apiDocument();
            assertThat(document.title()).isEqualTo("Contingo report API");
            assertThat(document.version()).matches("\\d+\\.\\d+.*");
            assertThat(document.description()).contains("PDF");
            assertThat(document.basicScheme()).isEqualTo("basic");
            assertThat(document.basicByOperation()).containsExactly(Map.entry("GET /api/reports/incidents/{file}", true));
        }
    }

    /** report-service on the devstack's broker and MongoDB-wire server, reading incident events from {@code topic}. */
    private static ConfigurableApplicationContext start(String topic, String database) {
        return new SpringApplicationBuilder(ReportServiceApplication.class).run(
                "--server.port=0",
                "--spring.kafka.bootstrap-servers=" + TestInfrastructure.kafkaBootstrapServers(),
                "--spring.mongodb.uri=" + TestInfrastructure.mongoUri(database),
                "--spring.cloud.stream.bindings.onIncidentEvent-in-0.destination=" + topic,
                "--spring.cloud.stream.kafka.bindings.onIncidentEvent-in-0.consumer.dlq-name=" + topic + ".dlq",
                "--spring.cloud.stream.bindings.onComponentStatus-in-0.destination=" + topic + "-status",
                "--spring.cloud.stream.kafka.bindings.onComponentStatus-in-0.consumer.dlq-name=" + topic + "-status.dlq");
    }

    private static HttpResponse<byte[]> get(String url, String user) throws Exception {
        String basic = java.util.Base64.getEncoder().encodeToString((user + ":demo").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Basic " + basic).build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    private static void send(String topic, String value) throws Exception {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.kafkaBootstrapServers());
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p)) {
            producer.send(new ProducerRecord<>(topic, "inc-20261126-0915-production", value)).get();
        }
    }

    private static byte[] fixture(String name) throws Exception {
        try (InputStream in = ReportServiceIntegrationTests.class.getResourceAsStream("/contracts/" + name)) {
            return in.readAllBytes();
        }
    }
}
