package io.contingo.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

import io.contingo.devstack.DemoCustomer;
import io.contingo.devstack.DemoDns;
import io.contingo.devstack.DemoSite;
import io.contingo.devstack.FreePorts;
import io.contingo.devstack.MailServer;
import io.contingo.devstack.TestInfrastructure;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The newcomer's walk-through, automated, with the four services' own jars as processes on the real broker,
 * MongoDB-wire server, SMTP server and demo sites: the production site goes down; within 30 s the status page
 * and summary.json show the incident, the demo customer has an email about it, and a manager can download its
 * technical report as PDF; when the site comes back the incident resolves, one resolution email follows, and
 * the PDF shows the window's end.
 */
class OutageEndToEndIntegrationTests {

    private static final Duration PROMISED = Duration.ofSeconds(30);
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void demoSiteDownOpensAnIncidentTellsTheCustomerAndReportsIt() throws Exception {
        String kafka = TestInfrastructure.kafkaBootstrapServers();
        DemoCustomer.seed(TestInfrastructure.mongoUri("admin").replace("/admin", ""));
        int incidentPort = FreePorts.next();
        int healthPort = FreePorts.next();
        int notificationPort = FreePorts.next();
        int reportPort = FreePorts.next();
        try (MailServer mail = MailServer.start(FreePorts.next(), FreePorts.next());
             DemoSite production = DemoSite.start("Production", FreePorts.next());
             DemoSite contingency = DemoSite.start("Contingency", FreePorts.next());
             DemoDns dns = DemoDns.start("127.0.0.1", 0, "127.0.0.1", production, contingency);
             ServiceProcess incident = ServiceProcess.start("incident-service", List.of(
                     "--server.port=" + incidentPort,
                     "--spring.kafka.bootstrap-servers=" + kafka,
                     "--spring.mongodb.uri=" + TestInfrastructure.mongoUri("contingo-incident"),
                     "--contingo.incidents.monitoring-period=3s"));
             ServiceProcess health = ServiceProcess.start("health-service", List.of(
                     "--server.port=" + healthPort,
                     "--spring.kafka.bootstrap-servers=" + kafka,
                     "--spring.mongodb.uri=" + TestInfrastructure.mongoUri("contingo-health"),
                     "--contingo.demo.production-url=" + production.baseUrl(),
                     "--contingo.demo.contingency-url=" + contingency.baseUrl(),
                     "--contingo.demo.dns-server=127.0.0.1:" + dns.port()));
             ServiceProcess notification = ServiceProcess.start("notification-service", List.of(
                     "--server.port=" + notificationPort,
                     "--spring.kafka.bootstrap-servers=" + kafka,
                     "--spring.mongodb.uri=" + TestInfrastructure.mongoUri("contingo-notification"),
                     "--spring.mail.port=" + mail.smtpPort(),
                     "--contingo.notification.status-page-url=http://127.0.0.1:" + incidentPort));
             ServiceProcess report = ServiceProcess.start("report-service", List.of(
                     "--server.port=" + reportPort,
                     "--spring.kafka.bootstrap-servers=" + kafka,
                     "--spring.mongodb.uri=" + TestInfrastructure.mongoUri("contingo-report")))) {
            String statusPage = "http://127.0.0.1:" + incidentPort;
            awaitHealthy(incident, incidentPort);
            awaitHealthy(health, healthPort);
            awaitHealthy(notification, notificationPort);
            awaitHealthy(report, reportPort);

            JsonNode calm = summary(statusPage);
            assertThat(calm.get("status").get("indicator").asString()).isEqualTo("none");
            assertThat(statuses(calm)).containsOnly("operational").hasSize(8); // 6 components + 2 site groups
            assertThat(get(statusPage + "/").body()).contains("All Systems Operational", "Production site", "Contingency site");

            production.setMode(DemoSite.Mode.DOWN);
            JsonNode outage = await().atMost(PROMISED).pollInterval(Duration.ofMillis(500))
                    .until(() -> summary(statusPage), s -> s.get("incidents").size() == 1
                            && s.get("incidents").get(0).get("components").size() == 3
                            // the incident is written before each component's state: wait for both
                            && component(s, "prod-web").equals("major_outage") && component(s, "prod-api").equals("major_outage")
                            && component(s, "prod-telephony").equals("major_outage"));
            Instant opened = Instant.now();
            JsonNode incidentJson = outage.get("incidents").get(0);
            String id = incidentJson.get("id").asString();
            assertThat(incidentJson.get("name").asString()).isEqualTo("Production site outage");
            assertThat(incidentJson.get("components").findValuesAsString("id")).containsExactlyInAnyOrder("prod-web", "prod-api", "prod-telephony");
            assertThat(component(outage, "prod-web")).isEqualTo("major_outage");
            assertThat(component(outage, "cont-web")).isEqualTo("operational");
            assertThat(get(statusPage + "/").body()).contains("Production site outage", "Major outage");

            // the customer is told, once, within 30 s of the incident opening
            List<JsonNode> inbox = await().atMost(PROMISED).pollInterval(Duration.ofMillis(250))
                    .until(() -> to(mail, DemoCustomer.EMAIL), m -> !m.isEmpty());
            System.out.printf("Incident seen open -> email in the inbox: %d ms%n", Duration.between(opened, Instant.now()).toMillis());
            JsonNode email = inbox.get(0);
            assertThat(email.get("Subject").asString()).isEqualTo("[Investigating] Production site outage");
            assertThat(email.get("To").get(0).get("Address").asString()).isEqualTo(DemoCustomer.EMAIL);
            String text = json.readTree(get("http://127.0.0.1:" + mail.inboxPort() + "/api/v1/message/" + email.get("ID").asString())
                    .body()).get("Text").asString();
            assertThat(text).contains("Production site outage", "Europe/Madrid", statusPage + "/incidents/" + id);
            assertThat(text.lines().filter(line -> line.startsWith("Affected services:")).findFirst().orElseThrow())
                    .as("the first email waits for the components failing seconds apart, and names them all")
                    .contains("Omnichannel web", "Customer API", "Telephony");

            // the manager's report, while the incident is open
            String pdfUrl = "http://127.0.0.1:" + reportPort + "/api/reports/incidents/" + id + ".pdf";
            await().atMost(PROMISED).until(() -> get(pdfUrl, "manager").statusCode() == 200);
            assertThat(pdfText(pdfUrl)).contains("Technical incident report: Production site outage", "Omnichannel web",
                    "Customer API", "Telephony", "ongoing");

            // an agent acknowledges and posts a public update from the console: the page shows it, the customer gets it
            Console console = new Console("http://127.0.0.1:" + incidentPort, "agent");
            console.submit("/console/incidents/" + id, "/acknowledge", "");
            console.submit("/console/incidents/" + id, "/updates",
                    "status=IDENTIFIED&body=" + java.net.URLEncoder.encode("A storage controller failed; we are switching to the spare.", StandardCharsets.UTF_8));
            JsonNode identified = await().atMost(PROMISED).until(() -> summary(statusPage),
                    s -> s.get("incidents").get(0).get("status").asString().equals("identified"));
            assertThat(identified.get("incidents").get(0).get("incident_updates").get(0).get("body").asString())
                    .isEqualTo("A storage controller failed; we are switching to the spare.");
            await().atMost(PROMISED).until(() -> subjects(to(mail, DemoCustomer.EMAIL)).contains("[Update] Production site outage"));
            // the agent on call for production was paged, by email to the agent alone
            assertThat(await().atMost(PROMISED).until(() -> subjects(to(mail, "agent@contingo.local")), pages -> !pages.isEmpty()))
                    .singleElement().asString().startsWith("Page: ").endsWith("Production site outage (level 1)");
            // the root cause goes into the manager's report, not onto the public page
            console.submit("/console/incidents/" + id, "/root-cause",
                    "text=" + java.net.URLEncoder.encode("The production storage controller failed.", StandardCharsets.UTF_8));
            await().atMost(PROMISED).untilAsserted(() -> assertThat(pdfText(pdfUrl)).contains("The production storage controller failed."));
            assertThat(get(statusPage + "/").body() + get(statusPage + "/api/v2/summary.json").body())
                    .doesNotContain("The production storage controller failed");

            production.setMode(DemoSite.Mode.UP);
            await().atMost(PROMISED).pollInterval(Duration.ofMillis(250)).until(() -> summary(statusPage),
                    s -> s.get("incidents").size() == 1 && s.get("incidents").get(0).get("status").asString().equals("monitoring"));
            JsonNode recovered = await().atMost(PROMISED).pollInterval(Duration.ofMillis(500))
                    .until(() -> summary(statusPage), s -> s.get("incidents").isEmpty()
                            // the incident resolves before the last component's state is saved: wait for both
                            && statuses(s).stream().allMatch("operational"::equals));
            assertThat(statuses(recovered)).containsOnly("operational");
            assertThat(get(statusPage + "/incidents/" + id).body()).contains("Resolved", "We are monitoring", "This incident is resolved");

            await().atMost(PROMISED).until(() -> to(mail, DemoCustomer.EMAIL).size() >= 4);
            assertThat(subjects(to(mail, DemoCustomer.EMAIL))).containsExactlyInAnyOrder(
                    "[Investigating] Production site outage", "[Update] Production site outage", "[Update] Production site outage",
                    "[Resolved] Production site outage");
            await().atMost(PROMISED).untilAsserted(() -> assertThat(pdfText(pdfUrl)).contains("This incident is resolved")
                    .doesNotContain("ongoing"));
            assertThat(to(mail, DemoCustomer.EMAIL)).as("one resolution email, not more").hasSize(4);
        }
    }

    /** A signed-in agent using the console's forms, with its session cookie and CSRF token, as a browser does. */
    private static final class Console {
        private final String base;
        private final String basic;
        private final HttpClient browser = HttpClient.newBuilder().cookieHandler(new java.net.CookieManager()).build();

        Console(String base, String user) {
            this.base = base;
            this.basic = "Basic " + Base64.getEncoder().encodeToString((user + ":demo").getBytes(StandardCharsets.UTF_8));
        }

        /** Opens the page, then posts one of its forms with the page's CSRF token and the incident's version. */
        void submit(String page, String action, String fields) throws Exception {
            String html = browser.send(HttpRequest.newBuilder(URI.create(base + page)).header("Authorization", basic).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            String csrf = value(html, "_csrf");
            String version = value(html, "version");
            String form = "_csrf=" + java.net.URLEncoder.encode(csrf, StandardCharsets.UTF_8) + "&version=" + version
                    + (fields.isEmpty() ? "" : "&" + fields);
            HttpResponse<String> posted = browser.send(HttpRequest.newBuilder(URI.create(base + page + action))
                    .header("Authorization", basic).header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(posted.statusCode()).as("POST %s", action).isEqualTo(302);
        }

        private static String value(String html, String name) {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("name=\"" + name + "\"[^>]*value=\"([^\"]*)\"").matcher(html);
            if (!m.find()) {
                throw new AssertionError("no " + name + " field on the page");
            }
            return m.group(1);
        }
    }

    private String pdfText(String url) throws Exception {
        try (PDDocument document = Loader.loadPDF(get(url, "manager").body().getBytes(StandardCharsets.ISO_8859_1))) {
            return new PDFTextStripper().getText(document).replaceAll("\\s+", " ");
        }
    }

    /** The inbox's messages to one address, newest first. */
    private List<JsonNode> to(MailServer mail, String address) throws Exception {
        List<JsonNode> to = new java.util.ArrayList<>();
        messages(mail).get("messages").forEach(m -> {
            if (m.get("To").findValuesAsString("Address").contains(address)) {
                to.add(m);
            }
        });
        return to;
    }

    private static List<String> subjects(List<JsonNode> messages) {
        return messages.stream().map(m -> m.get("Subject").asString()).toList();
    }

    private JsonNode messages(MailServer mail) throws Exception {
        return json.readTree(get("http://127.0.0.1:" + mail.inboxPort() + "/api/v1/messages").body());
    }

    private void awaitHealthy(ServiceProcess service, int port) {
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).until(() -> {
            if (!service.isAlive()) {
                throw new AssertionError(service.describe() + " exited during start-up");
            }
            try {
                return get("http://127.0.0.1:" + port + "/actuator/health").body().contains("\"status\":\"UP\"");
            } catch (java.io.IOException notYet) {
                return false;
            }
        });
    }

    private JsonNode summary(String statusPage) throws Exception {
        return json.readTree(get(statusPage + "/api/v2/summary.json").body());
    }

    private static List<String> statuses(JsonNode summary) {
        return summary.get("components").findValuesAsString("status");
    }

    private static String component(JsonNode summary, String id) {
        for (JsonNode c : summary.get("components")) {
            if (c.get("id").asString().equals(id)) {
                return c.get("status").asString();
            }
        }
        throw new AssertionError("no component " + id);
    }

    private HttpResponse<String> get(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String url, String user) throws Exception {
        String basic = Base64.getEncoder().encodeToString((user + ":demo").getBytes(StandardCharsets.UTF_8));
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).header("Authorization", "Basic " + basic).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.ISO_8859_1));
    }
}
