package io.contingo.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

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
import io.contingo.events.DrpRunSnapshot;
import io.contingo.report.drp.DrpRunRecord;
import io.contingo.report.incident.IncidentRecord;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * report-service starts on the real parts, keeps its read models of incidents and DRP runs, never lets an old event
 * win, and renders their reports.
 */
class ReportServiceIntegrationTests {

    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void keepsTheNewestSnapshotOfEachIncidentAndDrpRunWhateverTheOrderOfArrival() throws Exception {
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
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(mongo.findById("prod-web",
                    io.contingo.report.component.ComponentWatch.class)).satisfies(watch -> {
                        assertThat(watch.lastSequence()).as("the latest change, the duplicate not counted twice").isEqualTo(5);
                        assertThat(watch.firstAt()).isEqualTo(java.time.Instant.parse("2026-11-26T09:15:40.250Z"));
                    }));
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
                        "Short term Replace the storage controller Operations 1 December 2026 Planned",
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

            drpRunReports(app, topic + "-drp", "http://127.0.0.1:" + port);
        }
    }

    /**
     * The DRP runs, in the same context: the newest snapshot of each run kept whatever the order of arrival, the
     * executors' outcomes ignored, and each run's report read back from the PDF: the decision, the steps, RTO and RPO
     * against the targets, Spanish, a drill marked on every page; the list; who may read them.
     */
    private void drpRunReports(ConfigurableApplicationContext app, String topic, String base) throws Exception {
        ObjectNode running = (ObjectNode) json.readTree(fixture("drp-event.json")); // sequence 4, running
        String id = running.get("runId").asString();
        ObjectNode switched = running.deepCopy(); // sequence 5: the entry URL now points at contingency
        switched.put("eventId", "drp-5").put("type", "SERVING_SITE_CHANGED").put("sequence", 5);
        ObjectNode succeeded = running.deepCopy(); // sequence 6: the run is over
        succeeded.put("eventId", "drp-6").put("sequence", 6);
        ObjectNode run = (ObjectNode) succeeded.get("run");
        run.put("state", "SUCCEEDED").put("endedAt", "2026-12-03T12:26:00Z").put("serviceRestoredAt", "2026-12-03T12:25:30Z")
                .put("rpoExposureSeconds", 9000).put("decisionReason", "Production storage is lost")
                .put("override", "Production is gone; the 2 h 30 min backup is the best we have");
        run.putArray("guardProblems").add("The last good backup of contingency is 2 h 30 min old, over the RPO target");
        var steps = run.putArray("steps");
        steps.add(running.get("run").get("steps").get(0).deepCopy());
        steps.addObject().put("index", 1).put("name", "Promote the contingency database").put("kind", "WEBHOOK").put("group", 1)
                .put("estimateSeconds", 60).put("condition", "db-link DOWN").put("state", "SUCCEEDED").put("attempts", 2)
                .put("startedAt", "2026-12-03T12:10:05Z").put("endedAt", "2026-12-03T12:12:40Z").put("actor", "contingo")
                .put("detail", "HTTP 200 in 120 ms");
        steps.addObject().put("index", 2).put("name", "Wait for contingency health").put("kind", "WAIT_FOR_HEALTH").put("group", 2)
                .put("estimateSeconds", 600).put("state", "SUCCEEDED").put("attempts", 1).put("startedAt", "2026-12-03T12:12:41Z")
                .put("endedAt", "2026-12-03T12:25:30Z").put("actor", "contingo").put("detail", "All 3 components UP");
        steps.addObject().put("index", 3).put("name", "Tell customers").put("kind", "NOTIFY_CUSTOMERS").put("group", 3)
                .put("estimateSeconds", 60).put("state", "SKIPPED").put("attempts", 0).put("actor", "agent")
                .put("detail", "Customers were told by phone");

        ObjectNode outcome = running.deepCopy(); // an executor's outcome, on the same topic: not a run
        outcome.put("eventId", "outcome").put("type", "STEP_FINISHED").put("runId", "drp-outcome-only").put("sequence", 0).putNull("run");
        outcome.putObject("outcome").put("stepIndex", 1).put("attempt", 1).put("succeeded", true).put("detail", "HTTP 200")
                .put("actor", "contingo").put("endedAt", "2026-12-03T12:10:06Z");
        ObjectNode back = switched.deepCopy(); // a return to production, known only from its serving site's change
        back.put("eventId", "back-3").put("runId", "drp-return").put("sequence", 3);
        ((ObjectNode) back.get("run")).put("id", "drp-return").put("kind", "RETURN").put("runbookName", "Return to production")
                .put("fromSiteId", "contingency").put("toSiteId", "production");
        ObjectNode drill = running.deepCopy(); // consumed after all the above (same key, same partition)
        drill.put("eventId", "drill-1").put("runId", "drp-drill").put("sequence", 1);
        ((ObjectNode) drill.get("run")).put("id", "drp-drill").put("drill", true).putNull("incidentId").putNull("siteLostAt")
                .put("runbookName", "<script>alert('x')</script> & <b>drill</b>");
        ((ObjectNode) drill.get("run").get("steps").get(0)).put("detail", "</td><b>not bold</b>");

        for (ObjectNode event : List.of(succeeded, succeeded, running, switched, outcome, back, drill)) { // late, twice, old
            send(topic, "production", event.toString());
        }
        MongoTemplate mongo = app.getBean(MongoTemplate.class);
        await().atMost(Duration.ofSeconds(30)).until(() -> mongo.findById("drp-drill", DrpRunRecord.class) != null);
        assertThat(mongo.findById(id, DrpRunRecord.class).sequence()).isEqualTo(6);
        assertThat(mongo.findById("drp-return", DrpRunRecord.class).run().kind()).isEqualTo(DrpRunSnapshot.Kind.RETURN);
        assertThat(mongo.findById("drp-outcome-only", DrpRunRecord.class)).isNull();

        String pdfs = base + "/api/reports/drp/";
        HttpResponse<byte[]> english = get(pdfs + id + ".pdf", "manager");
        assertThat(english.statusCode()).isEqualTo(200);
        assertThat(english.headers().firstValue("Content-Type")).hasValue("application/pdf");
        String text = pdfText(english.body(), "drp-failover.pdf");
        assertThat(text).contains("DRP run report: Failover to the contingency site",
                "Failover · from production to contingency · Succeeded",
                "Reference drp-20261203-1210-failover · Incident inc-20261203-1202-production",
                // the decision, and what it was shown to cost
                "Proposed by agent, 3 Dec 2026 13:08", "Approved by manager, 3 Dec 2026 13:10",
                "Reason given Production storage is lost",
                "The guards said The last good backup of contingency is 2 h 30 min old, over the RPO target",
                "Override Started although the guards said no. Reason: Production is gone; the 2 h 30 min backup is the best we have",
                "RPO exposure at approval 2 h 30 min against a target of 2 h: over the target",
                "Expected RTO shown 15 min (the sum of the step estimates) against a target of 4 h: within the target",
                // against the targets: 12:07:30 lost, 12:25:30 restored
                "RTO achieved (recovery time) 18 min 4 h Met", "RPO exposure (data at risk) 2 h 30 min 2 h Missed",
                // every step: kind, group, estimate, start, end (Madrid), duration, attempts, state, actor, detail
                "1 Confirm production is lost Manual · group 1 Both lines to production are down 2 min 13:10:04 13:10:05 1 s 1 Succeeded agent",
                "2 Promote the contingency database Webhook · group 2 only if db-link DOWN HTTP 200 in 120 ms 1 min 13:10:05 13:12:40 2 min 2 Succeeded contingo",
                "3 Wait for contingency health Wait for health · group 3 All 3 components UP 10 min 13:12:41 13:25:30 12 min 1 Succeeded contingo",
                "4 Tell customers Tell customers · group 4 Customers were told by phone 1 min 0 Skipped agent")
                .doesNotContain("DRILL", "Running");

        String spanish = pdfText(get(pdfs + id + ".pdf?lang=es", "manager").body(), "drp-failover-es.pdf");
        assertThat(spanish).contains("Informe de ejecución del DRP: Failover to the contingency site",
                "Conmutación a contingencia · de production a contingency · Completada", "Resultados frente a los objetivos",
                "RTO conseguido (tiempo de recuperación) 18 min 4 h Cumplido",
                "Exposición RPO (datos en riesgo) 2 h 30 min 2 h Incumplido", "Propuesta por agent", "Aprobada por manager",
                "Exposición RPO al aprobar 2 h 30 min frente a un objetivo de 2 h: por encima del objetivo",
                "Iniciada aunque las comprobaciones previas lo desaconsejaban.", "Webhook · grupo 2 solo si db-link DOWN",
                "Completado", "Omitido", "Horas del 3 de diciembre de 2026");

        try (PDDocument document = Loader.loadPDF(get(pdfs + "drp-drill.pdf", "manager").body())) {
            PDFTextStripper stripper = new PDFTextStripper();
            for (int page = 1; page <= document.getNumberOfPages(); page++) {
                stripper.setStartPage(page);
                stripper.setEndPage(page);
                assertThat(stripper.getText(document).replaceAll("\\s+", " ")).as("page %d of the drill's report", page)
                        .contains("DRILL · A rehearsal: no site role and no entry URL was changed, and no customer was told.");
            }
            String drillText = new PDFTextStripper().getText(document);
            assertThat(drillText.replaceAll("\\R", "")).contains("<script>alert('x')</script> & <b>drill</b>", "</td><b>not bold</b>");
            assertThat(drillText.replaceAll("\\s+", " ")).contains("RTO achieved (recovery time) Not yet: the run is not over 4 h Not measured");
        }
        assertThat(pdfText(get(pdfs + "drp-drill.pdf?lang=es", "manager").body(), "drp-drill-es.pdf")).contains("SIMULACRO · Un ensayo");

        PageVisitor manager = new PageVisitor(base);
        manager.signIn("manager", "demo");
        Page list = manager.keep("report-list-drp", manager.browse("/reports"));
        assertThat(list.body()).contains("Disaster recovery runs", "Failover to the contingency site", "Return to production",
                "href=\"/reports/drp/" + id + ".pdf\"", "href=\"/reports/drp/" + id + ".pdf?lang=es\"", ">DRILL<", ">Succeeded<",
                "&lt;script&gt;alert(").doesNotContain("<script>alert");
        assertThat(manager.browse("/reports/drp/" + id + ".pdf?lang=es").status()).isEqualTo(200);
        Page unknown = manager.browse("/reports/drp/drp-unknown.pdf");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.body()).contains("No DRP run drp-unknown is known to report-service");
        assertThat(json.readTree(new PageVisitor(base).api("/api/reports/drp/drp-unknown.pdf", "manager", "demo").body())
                .get("message").asString()).isEqualTo("No DRP run drp-unknown is known to report-service");
        assertThat(get(pdfs + "bad%20id.pdf", "manager").statusCode()).isEqualTo(400);
        assertThat(get(pdfs + id + ".pdf", "admin").statusCode()).isEqualTo(200);
        assertThat(get(pdfs + id + ".pdf", "agent").statusCode()).isEqualTo(403);
        PageVisitor anonymous = new PageVisitor(base);
        assertThat(anonymous.api("/api/reports/drp/" + id + ".pdf", null, null).status()).isEqualTo(401);
        assertThat(PageVisitor.path(anonymous.browse("/reports/drp/" + id + ".pdf").location())).isEqualTo("/login");
    }

    /** The whole text of a PDF, whitespace collapsed, the document kept under target/pdf to look at. */
    private static String pdfText(byte[] pdf, String name) throws Exception {
        java.nio.file.Path dir = java.nio.file.Path.of("target", "pdf");
        java.nio.file.Files.createDirectories(dir);
        java.nio.file.Files.write(dir.resolve(name), pdf);
        try (PDDocument document = Loader.loadPDF(pdf)) {
            return new PDFTextStripper().getText(document).replaceAll("\\s+", " ");
        }
    }

    @Test
    void signInStartAndErrorPagesForBrowsersJsonForApiClientsAndADescribedApi() throws Exception {
        String topic = "incident-events-rp" + ProcessHandle.current().pid();
        // an identity provider is configured (and read only on the first sign-in through it: none answers here)
        try (ConfigurableApplicationContext app = start(topic, "report-pages", "contingo.security.oidc.issuer-uri=http://127.0.0.1:9",
                "contingo.security.oidc.client-id=report-service", "contingo.security.oidc.client-secret=test",
                "contingo.security.oidc.provider-name=Example ID")) {
            String base = "http://127.0.0.1:" + ((WebServerApplicationContext) app).getWebServer().getPort();
            PageVisitor anonymous = new PageVisitor(base);

            Page home = anonymous.keep("report-home", anonymous.browse("/"));
            assertThat(home.status()).isEqualTo(200);
            assertThat(home.body()).contains("Contingo reports", "href=\"/reports\"", "href=\"/swagger-ui.html\"");

            assertThat(PageVisitor.path(anonymous.browse("/reports").location())).isEqualTo("/login");
            Page signIn = anonymous.keep("report-login", anonymous.browse("/login"));
            assertThat(signIn.status()).isEqualTo(200);
            assertThat(signIn.body()).contains("<title>Sign in · Contingo reports</title>", "/css/app.css", "name=\"_csrf\"")
                    .doesNotContain("Please sign in") // Spring Security's stock page
                    .contains("href=\"/oauth2/authorization/contingo\"", "Sign in with Example ID");
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
            assertThat(document.basicByOperation()).containsOnly(Map.entry("GET /api/reports/incidents/{file}", true),
                    Map.entry("GET /api/reports/drp/{file}", true), Map.entry("GET /api/reports/monthly/{file}", true),
                    Map.entry("GET /api/reports/service.{format}", true), Map.entry("GET /api/reports/stored/{id}.{format}", true));
        }
    }

    /**
     * report-service on the devstack's broker and MongoDB-wire server, reading incident events from {@code topic}, status
     * changes from {@code topic-status} and DRP events from {@code topic-drp}.
     */
    private static ConfigurableApplicationContext start(String topic, String database, String... more) {
        return new SpringApplicationBuilder(ReportServiceApplication.class).properties(more).run(
                "--server.port=0",
                "--spring.kafka.bootstrap-servers=" + TestInfrastructure.kafkaBootstrapServers(),
                "--spring.mongodb.uri=" + TestInfrastructure.mongoUri(database),
                "--spring.cloud.stream.bindings.onIncidentEvent-in-0.destination=" + topic,
                "--spring.cloud.stream.kafka.bindings.onIncidentEvent-in-0.consumer.dlq-name=" + topic + ".dlq",
                "--spring.cloud.stream.bindings.onComponentStatus-in-0.destination=" + topic + "-status",
                "--spring.cloud.stream.kafka.bindings.onComponentStatus-in-0.consumer.dlq-name=" + topic + "-status.dlq",
                "--spring.cloud.stream.bindings.onDrpEvent-in-0.destination=" + topic + "-drp",
                "--spring.cloud.stream.kafka.bindings.onDrpEvent-in-0.consumer.dlq-name=" + topic + "-drp.dlq",
                "--contingo.reports.monthly.generate=false");
    }

    private static HttpResponse<byte[]> get(String url, String user) throws Exception {
        String basic = java.util.Base64.getEncoder().encodeToString((user + ":demo").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Basic " + basic).build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    private static void send(String topic, String value) throws Exception {
        send(topic, "inc-20261126-0915-production", value);
    }

    private static void send(String topic, String key, String value) {
        TestInfrastructure.publish(topic, key, value);
    }

    private static byte[] fixture(String name) throws Exception {
        try (InputStream in = ReportServiceIntegrationTests.class.getResourceAsStream("/contracts/" + name)) {
            return in.readAllBytes();
        }
    }
}
