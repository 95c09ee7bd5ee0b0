package io.contingo.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Properties;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.mongodb.core.MongoTemplate;

import io.contingo.devstack.FreePorts;
import io.contingo.devstack.MailServer;
import io.contingo.devstack.PageVisitor;
import io.contingo.devstack.PageVisitor.ApiDocument;
import io.contingo.devstack.PageVisitor.Page;
import io.contingo.devstack.TestInfrastructure;
import io.contingo.devstack.WebhookSignature;
import io.contingo.events.SiteDefined;
import io.contingo.notification.delivery.Delivery;
import io.contingo.notification.subscriber.Subscriber;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** notification-service on the real broker, MongoDB-wire server and SMTP server. */
class NotificationServiceIntegrationTests {

    private static final Duration DEADLINE = Duration.ofSeconds(30);
    private final JsonMapper json = JsonMapper.builder().build();
    private final int smtpPort = FreePorts.next();
    private final int inboxPort = FreePorts.next();
    private final String suffix = "-n" + System.nanoTime();

    @Test
    void eachSubscriberGetsEachEmailOnceEvenAcrossARestartAndDuplicates() throws Exception {
        try (MailServer mail = MailServer.start(smtpPort, inboxPort)) {
            try (ConfigurableApplicationContext app = start()) {
                subscribe(app.getBean(MongoTemplate.class));
                publish(event("OPENED", 1, "INVESTIGATING", null, "Production site outage"));
                publish(event("OPENED", 1, "INVESTIGATING", null, "Production site outage")); // delivered twice
                await().atMost(DEADLINE).until(() -> subjects(mail).size() == 2); // two subscribers

                MimeMessage opened = mail.received().getFirst();
                assertThat(opened.getSubject()).isEqualTo("[Investigating] Production site outage");
                String text = part(opened, "text/plain");
                String html = part(opened, "text/html");
                assertThat(text).contains("Hello Ana García,", "Production site outage", "Omnichannel web",
                        "10:15", "Europe/Madrid", "http://status.example.test/incidents/inc-20261126-0915-production");
                assertThat(html).contains("Omnichannel web", "href=\"http://status.example.test/incidents/inc-20261126-0915-production\"");
                assertThat(subjects(mail)).containsExactlyInAnyOrder("[Investigating] Production site outage",
                        "[Investigando] Caída del entorno de Producción");
                List<String> to = mail.received().stream().map(m -> recipient(m)).toList();
                assertThat(to).containsExactlyInAnyOrder("ana.garcia@example.com", "jordi@example.com");
                // what the engine wrote, and the catalog's names, in the subscriber's language
                assertThat(part(to(mail, "jordi@example.com").getFirst(), "text/plain")).contains("Caída del entorno de Producción",
                        "Web omnicanal", "Estamos investigando una interrupción que afecta a Web omnicanal")
                        .doesNotContain("Omnichannel web", "We are investigating");
                java.nio.file.Files.createDirectories(java.nio.file.Path.of("target", "mail"));
                java.nio.file.Files.writeString(java.nio.file.Path.of("target", "mail", "opened-es.html"),
                        part(to(mail, "jordi@example.com").getFirst(), "text/html")); // to look at
            } // restart between the incident's events

            publish(event("RESOLVED", 2, "RESOLVED", "2026-11-26T09:40:00Z", "Production site outage"));
            try (ConfigurableApplicationContext again = start()) {
                publish(event("RESOLVED", 2, "RESOLVED", "2026-11-26T09:40:00Z", "Production site outage")); // twice
                try {
                    await().atMost(DEADLINE).until(() -> subjects(mail).size() == 4);
                } catch (org.awaitility.core.ConditionTimeoutException e) {
                    throw new AssertionError("received " + subjects(mail) + "; deliveries " + again.getBean(MongoTemplate.class)
                            .findAll(Delivery.class).stream().map(d -> d.id() + "=" + d.status() + "/" + d.attempts() + "/" + d.lastError()).toList()
                            + threads("mail-relay"), e);
                }
                assertThat(subjects(mail)).containsExactlyInAnyOrder(
                        "[Investigating] Production site outage", "[Investigando] Caída del entorno de Producción",
                        "[Resolved] Production site outage", "[Resuelta] Caída del entorno de Producción");
                MimeMessage resolved = mail.received().stream().filter(m -> subject(m).equals("[Resolved] Production site outage"))
                        .findFirst().orElseThrow();
                assertThat(part(resolved, "text/plain")).contains("Resolved", "24 min");
                java.nio.file.Files.writeString(java.nio.file.Path.of("target", "mail", "resolved-es.html"), part(mail.received().stream()
                        .filter(m -> subject(m).startsWith("[Resuelta]")).findFirst().orElseThrow(), "text/html")); // to look at
                // and no third copy turns up: every delivery of the event is SENT exactly once
                MongoTemplate mongo = again.getBean(MongoTemplate.class);
                await().atMost(DEADLINE).until(() -> mongo.findAll(Delivery.class).stream().allMatch(d -> d.status() == Delivery.Status.SENT));
                assertThat(mongo.findAll(Delivery.class)).hasSize(4);
                assertThat(subjects(mail)).hasSize(4);
            }
        }
    }

    @Test
    void emailsQueuedWhileTheSmtpServerIsDownGoOutWhenItComesBack() throws Exception {
        MailServer mail = MailServer.start(smtpPort, inboxPort);
        mail.close(); // the SMTP server is down while the incident opens
        try (ConfigurableApplicationContext app = start()) {
            MongoTemplate mongo = app.getBean(MongoTemplate.class);
            subscribe(mongo);
            publish(event("OPENED", 1, "INVESTIGATING", null, "<script>alert('x')</script> Telephony & more"));

            await().atMost(DEADLINE).until(() -> mongo.findAll(Delivery.class).size() == 2
                    && mongo.findAll(Delivery.class).stream().allMatch(d -> d.attempts() >= 1 && d.status() == Delivery.Status.PENDING
                            && d.lastError() != null));

            try (MailServer back = MailServer.start(smtpPort, inboxPort)) {
                await().atMost(DEADLINE).until(() -> back.received().size() == 2);
                MimeMessage message = back.received().getFirst();
                assertThat(part(message, "text/html")).contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; Telephony &amp; more")
                        .doesNotContain("<script>");
                assertThat(mongo.findAll(Delivery.class)).allMatch(d -> d.status() == Delivery.Status.SENT);

                int port = ((WebServerApplicationContext) app).getWebServer().getPort();
                HttpResponse<String> subscribers = get("http://127.0.0.1:" + port + "/api/subscribers", "admin");
                assertThat(subscribers.statusCode()).isEqualTo(200);
                assertThat(subscribers.body()).contains("ana.garcia@example.com");
                assertThat(get("http://127.0.0.1:" + port + "/api/subscribers", "agent").statusCode()).isEqualTo(403);
                assertThat(get("http://127.0.0.1:" + port + "/deliveries", "admin").body())
                        .contains("&lt;script&gt;").doesNotContain("<script>alert");
                // the delivery log in the operator's time zone, saying which, not in raw UTC
                Instant sentAt = mongo.findAll(Delivery.class).getFirst().sentAt();
                assertThat(get("http://127.0.0.1:" + port + "/deliveries", "admin", "es").body())
                        .contains("Horas en Europe/Madrid", DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM, FormatStyle.MEDIUM)
                                .withLocale(Locale.forLanguageTag("es")).withZone(ZoneId.of("Europe/Madrid")).format(sentAt))
                        .doesNotContain(sentAt.toString().substring(0, 16));
            }
        }
    }

    @Test
    void theFirstEmailWaitsForComponentsFailingSecondsApartAndOneJoiningLaterMakesAnUpdate() throws Exception {
        try (MailServer mail = MailServer.start(smtpPort, inboxPort)) {
            Instant opened = Instant.now();
            try (ConfigurableApplicationContext app = start(Duration.ofSeconds(6))) {
                MongoTemplate mongo = app.getBean(MongoTemplate.class);
                subscribe(mongo);
                // production's three components fail a few seconds apart
                publish(incidentEvent("OPENED", 1, opened, opened, null, WEB));
                publish(incidentEvent("COMPONENTS_CHANGED", 2, opened, opened.plusSeconds(2), null, WEB, API));
                publish(incidentEvent("COMPONENTS_CHANGED", 3, opened, opened.plusSeconds(4), null, WEB, API, TELEPHONY));
                await().atMost(DEADLINE).until(() -> mongo.findById("inc-20261126-0915-production/ana/first", Delivery.class),
                        first -> first != null && first.snapshotSequence() == 3);
                assertThat(mail.received()).as("nothing goes out before the grouping delay").isEmpty();
            } // a restart while the first email waits loses nothing

            try (ConfigurableApplicationContext again = start(Duration.ofSeconds(6))) {
                await().atMost(DEADLINE).until(() -> mail.received().size() == 3);
                assertThat(subjects(mail)).containsExactlyInAnyOrder("[Investigating] Production site outage",
                        "[Investigando] Caída del entorno de Producción", "[Investigating] Production site outage");
                for (String subscriber : List.of("ana.garcia@example.com", "jordi@example.com")) {
                    MimeMessage first = to(mail, subscriber).getFirst();
                    assertThat(part(first, "text/plain")).contains("Omnichannel web, Customer API, Telephony");
                    assertThat(part(first, "text/html")).contains("Omnichannel web", "Customer API", "Telephony");
                }

                // a component joins after the first email: an update for whoever follows it, once, however often it is delivered
                publish(incidentEvent("COMPONENTS_CHANGED", 4, opened, opened.plusSeconds(30), null, WEB, API, TELEPHONY, DATABASE));
                publish(incidentEvent("COMPONENTS_CHANGED", 4, opened, opened.plusSeconds(30), null, WEB, API, TELEPHONY, DATABASE));
                publish(incidentEvent("UPDATED", 5, opened, opened.plusSeconds(60), "We found the cause: a failed storage array.",
                        WEB, API, TELEPHONY, DATABASE));
                await().atMost(DEADLINE).until(() -> mail.received().size() == 7);

                List<MimeMessage> ana = to(mail, "ana.garcia@example.com");
                assertThat(ana).extracting(NotificationServiceIntegrationTests::subject).containsExactlyInAnyOrder(
                        "[Investigating] Production site outage", "[Update] Production site outage", "[Update] Production site outage");
                assertThat(ana).filteredOn(m -> part(m, "text/plain").contains("Also affected now:")).singleElement()
                        .satisfies(joined -> {
                            assertThat(part(joined, "text/plain")).contains("Also affected now: Customer database.");
                            assertThat(part(joined, "text/html")).contains("Also affected now: Customer database.");
                        });
                assertThat(to(mail, "jordi@example.com")).extracting(NotificationServiceIntegrationTests::subject)
                        .containsExactlyInAnyOrder("[Investigando] Caída del entorno de Producción", "[Actualización] Caída del entorno de Producción");
                assertThat(to(mail, "tel@example.com")).extracting(NotificationServiceIntegrationTests::subject)
                        .containsExactlyInAnyOrder("[Investigating] Production site outage", "[Update] Production site outage");
                assertThat(mail.received()).noneMatch(m -> part(m, "text/plain").contains("Also affected now: Customer database")
                        && !recipient(m).equals("ana.garcia@example.com"));
                MongoTemplate mongo = again.getBean(MongoTemplate.class);
                await().atMost(DEADLINE).until(() -> mongo.findAll(Delivery.class).stream().allMatch(d -> d.status() == Delivery.Status.SENT));
                assertThat(mongo.findAll(Delivery.class)).hasSize(7);
            }
        }
    }

    @Test
    void signInStartAndErrorPagesForBrowsersJsonForApiClientsAndADescribedApi() {
        try (ConfigurableApplicationContext app = start()) {
            String base = "http://127.0.0.1:" + ((WebServerApplicationContext) app).getWebServer().getPort();
            PageVisitor anonymous = new PageVisitor(base);
            Page home = anonymous.keep("notification-home", anonymous.browse("/"));
            assertThat(home.status()).as("the root was a 401, then a 404 after signing in").isEqualTo(200);
            assertThat(home.body()).contains("Contingo notifications", "href=\"/deliveries\"", "href=\"/swagger-ui.html\"");
            anonymous.keep("notification-home-es", anonymous.browse("/", "es"));

            assertThat(PageVisitor.path(anonymous.browse("/deliveries").location())).isEqualTo("/login");
            Page signIn = anonymous.keep("notification-login", anonymous.browse("/login"));
            assertThat(signIn.body()).contains("<title>Sign in · Contingo notifications</title>", "/css/app.css", "name=\"_csrf\"")
                    .doesNotContain("Please sign in"); // Spring Security's stock page
            assertThat(anonymous.keep("notification-login-es", anonymous.browse("/login", "es")).body()).contains("Iniciar sesión");
            assertThat(anonymous.signIn("admin", "not the password").location()).endsWith("/login?error");

            PageVisitor admin = new PageVisitor(base);
            assertThat(PageVisitor.path(admin.signIn("admin", "demo").location())).as("no page asked for: on to the deliveries").isEqualTo("/deliveries");
            assertThat(admin.browse("/deliveries").status()).isEqualTo(200);
            Page notFound = admin.keep("notification-404", admin.browse("/nothing-here"));
            assertThat(notFound.status()).isEqualTo(404);
            assertThat(notFound.contentType()).startsWith("text/html");
            assertThat(notFound.body()).contains("This page does not exist", "There is nothing at /nothing-here.").doesNotContain("Whitelabel");
            assertThat(admin.keep("notification-404-es", admin.browse("/nothing-here", "es")).body()).contains("Esta página no existe");
            PageVisitor agent = new PageVisitor(base);
            agent.signIn("agent", "demo");
            Page forbidden = agent.keep("notification-403", agent.browse("/deliveries"));
            assertThat(forbidden.status()).isEqualTo(403);
            assertThat(forbidden.body()).contains("Your account may not open this page").doesNotContain("Whitelabel");

            Page apiForbidden = anonymous.api("/api/subscribers", "agent", "demo");
            assertThat(apiForbidden.status()).isEqualTo(403);
            assertThat(apiForbidden.contentType()).startsWith("application/json");
            assertThat(json.readTree(apiForbidden.body()).get("message").asString())
                    .isEqualTo("Your account may not use /api/subscribers: it needs an account with another role.");
            assertThat(json.readTree(anonymous.api("/api/subscribers", null, null).body()).get("message").asString())
                    .startsWith("Sign in first");

            ApiDocument document = anonymous.apiDocument();
            assertThat(document.title()).isEqualTo("Contingo notification API");
            assertThat(document.version()).matches("\\d+\\.\\d+.*");
            assertThat(document.description()).contains("subscribed");
            assertThat(document.basicScheme()).isEqualTo("basic");
            assertThat(document.basicByOperation()).containsExactly(java.util.Map.entry("GET /api/subscribers", true),
                    java.util.Map.entry("GET /api/subscribers/webhooks", true), java.util.Map.entry("POST /api/subscribers/webhooks", true));
        }
    }

    @Test
    void aServingSiteChangeTellsEachFollowerOnceAndAProposedRunAsksTheManagersNeverTheCustomers() throws Exception {
        publishSites();
        try (MailServer mail = MailServer.start(smtpPort, inboxPort)) {
            try (ConfigurableApplicationContext app = start()) {
                MongoTemplate mongo = app.getBean(MongoTemplate.class);
                subscribe(mongo);
                mongo.save(new Subscriber("lab", "lab@example.com", "Lab", "UTC", "en", List.of("lab-web"), true, Instant.now()));
                publishDrp(drpEvent(FAILOVER_RUN, "RUN_CHANGED", 1, "PROPOSED", false));
                publishDrp(drpEvent(FAILOVER_RUN, "RUN_CHANGED", 1, "PROPOSED", false)); // delivered twice
                publishDrp(drpEvent(FAILOVER_RUN, "RUN_CHANGED", 2, "RUNNING", false)); // no email
                publishDrp(drpEvent(DRILL_RUN, "RUN_CHANGED", 1, "PROPOSED", true));
                publishDrp(drpEvent(DRILL_RUN, "SERVING_SITE_CHANGED", 3, "RUNNING", true)); // a drill tells no customer
                publishDrp(drpEvent(FAILOVER_RUN, "SERVING_SITE_CHANGED", 5, "RUNNING", false));
                publishDrp(drpEvent(FAILOVER_RUN, "SERVING_SITE_CHANGED", 5, "RUNNING", false)); // delivered twice
                // two managers asked twice (the run, the drill); ana (everything), jordi (prod-web) and tel (prod-telephony) told once
                await().atMost(DEADLINE).until(() -> mail.received().size() == 7);

                String failover = "Service is now running from the contingency site";
                String approval = "DRP approval needed: Failover to the contingency site";
                for (String manager : List.of("manager@contingo.example", "director@example.com")) {
                    assertThat(to(mail, manager)).extracting(NotificationServiceIntegrationTests::subject)
                            .containsExactlyInAnyOrder(approval, approval + " (drill)");
                }
                assertThat(to(mail, "ana.garcia@example.com")).extracting(NotificationServiceIntegrationTests::subject).containsExactly(failover);
                assertThat(to(mail, "tel@example.com")).extracting(NotificationServiceIntegrationTests::subject).containsExactly(failover);
                assertThat(to(mail, "jordi@example.com")).extracting(NotificationServiceIntegrationTests::subject)
                        .containsExactly("El servicio funciona ahora desde el centro de contingencia");
                assertThat(to(mail, "lab@example.com")).as("follows only a site outside the pair").isEmpty();
                assertThat(to(mail, "new@example.com")).as("not confirmed").isEmpty();

                MimeMessage request = to(mail, "manager@contingo.example").stream().filter(m -> subject(m).equals(approval)).findFirst().orElseThrow();
                assertThat(part(request, "text/plain")).contains("“Failover to the contingency site” was proposed by agent on December 3, 2026",
                        "1:08", "(Europe/Madrid)", "It moves service from the site production to the site contingency.",
                        "Data at risk now (RPO exposure): 3 h, target 2 h (over the target)",
                        "Expected recovery time: 15 min, RTO target 4 h",
                        "The last good backup is 3 h old <over the target>",
                        "Approve or refuse in the console: http://console.example.test/console/drp/runs/drp-20261203-1210-failover");
                assertThat(part(request, "text/html")).contains("href=\"http://console.example.test/console/drp/runs/drp-20261203-1210-failover\"",
                        "The last good backup is 3 h old &lt;over the target&gt;", "3 h, target 2 h")
                        .doesNotContain("<over the target>");
                MimeMessage drillRequest = to(mail, "manager@contingo.example").stream().filter(m -> subject(m).endsWith("(drill)")).findFirst().orElseThrow();
                assertThat(part(drillRequest, "text/plain")).contains("This is a drill", "no backup report (target 2 h)",
                        "The checks found no problem").doesNotContain("over the target");

                MimeMessage ana = to(mail, "ana.garcia@example.com").getFirst();
                assertThat(part(ana, "text/plain")).contains("Hello Ana García,", "Since December 3, 2026", "1:20", "(Europe/Madrid)",
                        "running from our contingency site", "Service continues from the contingency site", "The incident page has the details",
                        "http://status.example.test/incidents/inc-20261203-1202-production");
                assertThat(part(ana, "text/html")).contains("href=\"http://status.example.test/incidents/inc-20261203-1202-production\"");
                assertThat(header(ana, "List-Unsubscribe")).as("a customer's email: one-click unsubscribe")
                        .startsWith("<http://localhost:8082/unsubscribe?token=").contains("<mailto:").doesNotContain("ana");
                assertThat(header(ana, "List-Unsubscribe-Post")).isEqualTo("List-Unsubscribe=One-Click");
                assertThat(part(ana, "text/plain")).contains("Unsubscribe: http://localhost:8082/unsubscribe?token=");
                assertThat(header(request, "List-Unsubscribe")).as("a manager's email: no subscription to leave").isNull();
                assertThat(part(to(mail, "tel@example.com").getFirst(), "text/plain")).as("in the subscriber's own zone").contains("12:20", "(UTC)");
                MimeMessage jordi = to(mail, "jordi@example.com").getFirst();
                assertThat(part(jordi, "text/plain")).contains("Hola, Jordi:", "Desde el 3 de diciembre de 2026", "13:20",
                        "centro de contingencia", "página de la incidencia").doesNotContain("contingency site", "Service");
                java.nio.file.Files.createDirectories(java.nio.file.Path.of("target", "mail"));
                java.nio.file.Files.writeString(java.nio.file.Path.of("target", "mail", "drp-failover-es.html"), part(jordi, "text/html"));
                java.nio.file.Files.writeString(java.nio.file.Path.of("target", "mail", "drp-failover-en.txt"), part(ana, "text/plain"));
                java.nio.file.Files.writeString(java.nio.file.Path.of("target", "mail", "drp-approval-en.html"), part(request, "text/html"));
                java.nio.file.Files.writeString(java.nio.file.Path.of("target", "mail", "drp-approval-en.txt"), part(request, "text/plain"));
            } // a restart, and the failover's event delivered once more

            try (ConfigurableApplicationContext again = start()) {
                publishDrp(drpEvent(FAILOVER_RUN, "SERVING_SITE_CHANGED", 5, "RUNNING", false));
                publishDrp(drpEvent(RETURN_RUN, "SERVING_SITE_CHANGED", 4, "RUNNING", false));
                await().atMost(DEADLINE).until(() -> mail.received().size() == 10);
                String back = "Service is back on the production site";
                assertThat(to(mail, "ana.garcia@example.com")).extracting(NotificationServiceIntegrationTests::subject)
                        .containsExactlyInAnyOrder("Service is now running from the contingency site", back);
                assertThat(to(mail, "jordi@example.com")).extracting(NotificationServiceIntegrationTests::subject)
                        .containsExactlyInAnyOrder("El servicio funciona ahora desde el centro de contingencia",
                                "El servicio vuelve a funcionar desde el centro de producción");
                assertThat(part(to(mail, "tel@example.com").stream().filter(m -> subject(m).equals(back)).findFirst().orElseThrow(), "text/plain"))
                        .contains("running from our production site again", "The status page shows which site serves you",
                                "Open the status page: http://status.example.test/");
                assertThat(to(mail, "manager@contingo.example")).hasSize(2);
                MongoTemplate mongo = again.getBean(MongoTemplate.class);
                await().atMost(DEADLINE).until(() -> mongo.findAll(Delivery.class).stream().allMatch(d -> d.status() == Delivery.Status.SENT));
                assertThat(mongo.findAll(Delivery.class)).hasSize(10);
            }
        }
    }

    @Test
    void aPublishedReportGivesEachManagerItsLinkOnceNeverTheDocumentAndNoCustomerAnything() throws Exception {
        String monthly = report(MONTHLY_REPORT + "#1", MONTHLY_REPORT, "MONTHLY", "2026-11-01", "2026-11-30", "all",
                "http://reports.example.test/reports/monthly/monthly-2026-11?lang=en&x=<y>");
        try (MailServer mail = MailServer.start(smtpPort, inboxPort)) {
            try (ConfigurableApplicationContext app = start()) {
                MongoTemplate mongo = app.getBean(MongoTemplate.class);
                subscribe(mongo);
                publishReport(MONTHLY_REPORT, "{\"eventId\": \"broken"); // not JSON: parked, and the partition goes on
                publishReport(MONTHLY_REPORT, "{\"eventId\": \"no-link\", \"reportId\": \"r\"}"); // no period, no link: parked
                publishReport(MONTHLY_REPORT, monthly);
                publishReport(MONTHLY_REPORT, monthly); // delivered twice
                publishReport(ON_DEMAND_REPORT, report(ON_DEMAND_REPORT + "#1", ON_DEMAND_REPORT, "ON_DEMAND", "2026-11-10", "2026-11-24",
                        "components:prod-web,<b>x</b> & y", "javascript:alert('x')//<b>"));
                await().atMost(DEADLINE).until(() -> mail.received().size() == 4); // two managers, two reports

                String subject = "Monthly service report for November 2026 is ready";
                String onDemand = "Service report for Nov 10, 2026 to Nov 24, 2026 is ready";
                for (String manager : List.of("manager@contingo.example", "director@example.com")) {
                    assertThat(to(mail, manager)).extracting(NotificationServiceIntegrationTests::subject)
                            .containsExactlyInAnyOrder(subject, onDemand);
                }
                assertThat(mail.received()).as("customers are not told of reports").allMatch(m -> List.of("manager@contingo.example",
                        "director@example.com").contains(recipient(m)));
                assertThat(mail.received()).as("the link, never the document").allMatch(m -> attachments(m) == 0);

                MimeMessage report = to(mail, "manager@contingo.example").stream().filter(m -> subject(m).equals(subject)).findFirst().orElseThrow();
                assertThat(part(report, "text/plain")).contains("The monthly service report was generated and stored on December 1, 2026",
                        "1:05", "(Europe/Madrid)", "Period: November 1, 2026 to November 30, 2026 (Europe/Madrid)", "Scope: All services",
                        "Checksum of the PDF (SHA-256): 9f2c1a7e5b0d4c3f8e6a1b2c3d4e5f60718293a4b5c6d7e8f9a0b1c2d3e4f5a6",
                        "Open the report: http://reports.example.test/reports/monthly/monthly-2026-11?lang=en&x=<y>",
                        "The report is not attached");
                assertThat(part(report, "text/html"))
                        .contains("href=\"http://reports.example.test/reports/monthly/monthly-2026-11?lang=en&amp;x=&lt;y&gt;\"", "9f2c1a7e5b0d")
                        .doesNotContain("<y>");
                MimeMessage odd = to(mail, "manager@contingo.example").stream().filter(m -> subject(m).equals(onDemand)).findFirst().orElseThrow();
                assertThat(part(odd, "text/plain")).contains("A service report a manager asked for was generated", "Scope: The components prod-web, <b>x</b> & y",
                        "Open the report: javascript:alert('x')//<b>");
                assertThat(part(odd, "text/html")).as("escaped, and a link that is not http(s) is not linked")
                        .contains("prod-web, &lt;b&gt;x&lt;/b&gt; &amp; y", "javascript:alert(&#39;x&#39;)//&lt;b&gt;")
                        .doesNotContain("<b>x</b>", "href=\"javascript", "Open the report");
                java.nio.file.Files.createDirectories(java.nio.file.Path.of("target", "mail"));
                java.nio.file.Files.writeString(java.nio.file.Path.of("target", "mail", "report-en.html"), part(report, "text/html"));
                java.nio.file.Files.writeString(java.nio.file.Path.of("target", "mail", "report-en.txt"), part(report, "text/plain"));

                assertThat(deadLetters("report-events" + suffix + ".notification-service.dlq", 2)).extracting(r -> r.value())
                        .containsExactly("{\"eventId\": \"broken", "{\"eventId\": \"no-link\", \"reportId\": \"r\"}");
                await().atMost(DEADLINE).until(() -> mongo.findAll(Delivery.class).stream().allMatch(d -> d.status() == Delivery.Status.SENT));
                PageVisitor admin = new PageVisitor("http://127.0.0.1:" + ((WebServerApplicationContext) app).getWebServer().getPort());
                admin.signIn("admin", "demo");
                assertThat(admin.keep("notification-deliveries-reports", admin.browse("/deliveries")).body())
                        .as("in the delivery log like the others").contains(subject, onDemand, "director@example.com", "Sent");
            } // a restart, the announcement delivered once more, and the managers' language now Spanish

            try (ConfigurableApplicationContext again = start(Duration.ofSeconds(1), "--contingo.notification.drp.language=es")) {
                publishReport(MONTHLY_REPORT, monthly);
                publishReport(ON_DEMAND_REPORT, report("on-demand-2026-11-a#1", "on-demand-2026-11-a", "ON_DEMAND", "2026-11-01", "2026-11-15",
                        "site:production", "http://reports.example.test/reports/on-demand-2026-11-a"));
                publishReport("monthly-2026-10", report("monthly-2026-10#1", "monthly-2026-10", "MONTHLY", "2026-10-01", "2026-10-31", "all",
                        "http://reports.example.test/reports/monthly/monthly-2026-10"));
                await().atMost(DEADLINE).until(() -> mail.received().size() == 8);
                String spanish = "El informe de servicio del 1 nov 2026 al 15 nov 2026 está listo";
                assertThat(to(mail, "director@example.com")).extracting(NotificationServiceIntegrationTests::subject).containsExactlyInAnyOrder(
                        "Monthly service report for November 2026 is ready", "Service report for Nov 10, 2026 to Nov 24, 2026 is ready", spanish,
                        "El informe mensual de servicio de octubre de 2026 está listo");
                MimeMessage es = to(mail, "director@example.com").stream().filter(m -> subject(m).equals(spanish)).findFirst().orElseThrow();
                assertThat(part(es, "text/plain")).contains("Periodo: Del 1 de noviembre de 2026 al 15 de noviembre de 2026 (Europe/Madrid)",
                        "Alcance: Los servicios del centro production", "Abrir el informe: http://reports.example.test/reports/on-demand-2026-11-a")
                        .doesNotContain("Period:", "Scope");
                java.nio.file.Files.writeString(java.nio.file.Path.of("target", "mail", "report-es.html"), part(es, "text/html"));
                MongoTemplate mongo = again.getBean(MongoTemplate.class);
                await().atMost(DEADLINE).until(() -> mongo.findAll(Delivery.class).stream().allMatch(d -> d.status() == Delivery.Status.SENT));
                assertThat(mongo.findAll(Delivery.class)).hasSize(8).allMatch(d -> d.kind().equals("REPORT"));
                assertThat(mail.received()).hasSize(8);
            }
        }
    }

    @Test
    void aCustomerSubscribesConfirmsGetsAnIncidentEmailAndLeavesInOneClickWithoutTheirAddressBeingRevealed() throws Exception {
        publishSites();
        try (MailServer mail = MailServer.start(smtpPort, inboxPort);
                ConfigurableApplicationContext app = start(Duration.ofSeconds(1), "--contingo.subscription.per-client-per-hour=8",
                        "--contingo.subscription.public-url=" + PUBLIC)) {
            MongoTemplate mongo = app.getBean(MongoTemplate.class);
            subscribe(mongo);
            String base = "http://127.0.0.1:" + ((WebServerApplicationContext) app).getWebServer().getPort();
            Browser customer = new Browser(base);

            // the page: the catalog's components by site, the languages, a time zone; a form with a CSRF token
            HttpResponse<String> page = customer.get("/subscribe");
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.body()).contains("name=\"_csrf\"", "On the site Production", "Omnichannel web", "value=\"prod-web\"",
                    "value=\"*\"", "<option value=\"es\">Español</option>", "value=\"America/Mexico_City\"", "/js/subscribe.js",
                    "<option value=\"Europe/Madrid\" selected=\"selected\">"); // without JavaScript: the operator's zone
            new PageVisitor(base).keep("notification-subscribe", new Page(200, null, "text/html", page.body()));
            assertThat(customer.post("/subscribe", "email=carol%40example.com&components=prod-web&language=es&timeZone=UTC", false)
                    .statusCode()).as("no CSRF token").isEqualTo(403);

            // bad input: 400, each error next to its field, nothing stored
            HttpResponse<String> bad = customer.post("/subscribe", "email=not-an-address&language=es&timeZone=Mars%2FOlympus");
            assertThat(bad.statusCode()).isEqualTo(400);
            assertThat(bad.body()).contains("id=\"email-error\"", "Enter your email address", "id=\"components-error\"",
                    "id=\"timeZone-error\"", "value=\"not-an-address\"");
            new PageVisitor(base).keep("notification-subscribe-errors", new Page(400, null, "text/html", bad.body()));

            // the same answer for a new address, one waiting for confirmation and one subscribed already
            String form = "&components=prod-web&language=es&timeZone=America%2FMexico_City";
            HttpResponse<String> fresh = customer.post("/subscribe", "email=carol%40example.com" + form);
            HttpResponse<String> pending = customer.post("/subscribe", "email=Carol%40Example.com" + form);
            HttpResponse<String> subscribed = customer.post("/subscribe", "email=ana.garcia%40example.com" + form);
            assertThat(List.of(fresh.statusCode(), pending.statusCode(), subscribed.statusCode())).containsOnly(200);
            assertThat(fresh.body()).contains("Check your inbox", "carol@example.com", "within 48 hours");
            assertThat(pending.body().replace("Carol@Example.com", "carol@example.com")).isEqualTo(fresh.body());
            assertThat(subscribed.body().replace("ana.garcia@example.com", "carol@example.com")).isEqualTo(fresh.body());
            new PageVisitor(base).keep("notification-subscribe-sent", new Page(200, null, "text/html", fresh.body()));

            await().atMost(DEADLINE).until(() -> mail.received().size() == 3);
            List<MimeMessage> confirmations = to(mail, "carol@example.com");
            assertThat(confirmations).extracting(NotificationServiceIntegrationTests::subject)
                    .containsOnly("Confirme su suscripción a las novedades de Contingo").hasSize(2);
            assertThat(confirmations).allMatch(m -> header(m, "List-Unsubscribe") == null, "nothing to unsubscribe from yet");
            MimeMessage already = to(mail, "ana.garcia@example.com").getFirst();
            assertThat(subject(already)).isEqualTo("You are already subscribed to Contingo status updates");
            assertThat(part(already, "text/plain")).contains("nothing was changed", PUBLIC + "/manage?token=");
            assertThat(mongo.findById("ana", Subscriber.class).components()).as("unchanged").containsExactly("*");
            String firstLink = link(part(confirmations.get(0), "text/plain"), "/subscribe/confirm?token=");
            String link = link(part(confirmations.get(1), "text/plain"), "/subscribe/confirm?token=");
            assertThat(link).doesNotContain("carol").isNotEqualTo(firstLink);
            assertThat(part(confirmations.get(1), "text/html")).contains("href=\"" + PUBLIC + link + "\"", "America/Mexico_City");
            java.nio.file.Files.createDirectories(java.nio.file.Path.of("target", "mail"));
            java.nio.file.Files.writeString(java.nio.file.Path.of("target", "mail", "subscription-confirm-es.html"),
                    part(confirmations.get(1), "text/html")); // to look at
            assertThat(mongo.getCollection("subscription-requests").find().map(d -> d.toJson()).into(new java.util.ArrayList<>()))
                    .as("the token is stored only as its hash").noneMatch(d -> d.contains(link.substring(link.indexOf('=') + 1)));

            // nothing but the confirmation goes to an address not yet confirmed
            publish(event("OPENED", 1, "INVESTIGATING", null, "Production site outage"));
            await().atMost(DEADLINE).until(() -> to(mail, "jordi@example.com").size() == 1);
            assertThat(to(mail, "carol@example.com")).hasSize(2);

            HttpResponse<String> confirmed = customer.get(link);
            assertThat(confirmed.statusCode()).isEqualTo(200);
            assertThat(confirmed.body()).contains("Your subscription is confirmed", "/manage?token=");
            Subscriber carol = mongo.findOne(org.springframework.data.mongodb.core.query.Query.query(
                    org.springframework.data.mongodb.core.query.Criteria.where("email").is("carol@example.com")), Subscriber.class);
            assertThat(carol).isNotNull();
            assertThat(carol.confirmed()).isTrue();
            assertThat(carol.components()).containsExactly("prod-web");
            assertThat(carol.locale()).isEqualTo("es");
            assertThat(carol.timeZone()).isEqualTo("America/Mexico_City");
            HttpResponse<String> reused = customer.get(link);
            assertThat(reused.statusCode()).isEqualTo(400);
            assertThat(reused.body()).contains("This confirmation link cannot be used", "used already");
            String expiredToken = "expired-token-" + suffix;
            mongo.getCollection("subscription-requests").insertOne(new org.bson.Document("_id", sha256(expiredToken))
                    .append("email", "late@example.com").append("components", List.of("*")).append("locale", "en").append("timeZone", "UTC")
                    .append("createdAt", java.util.Date.from(Instant.now().minus(Duration.ofHours(49))))
                    .append("expiresAt", java.util.Date.from(Instant.now().minus(Duration.ofHours(1)))));
            HttpResponse<String> expired = customer.get("/subscribe/confirm?token=" + expiredToken);
            assertThat(expired.statusCode()).isEqualTo(410);
            assertThat(expired.body()).contains("This confirmation link has expired", "48 hours", "Subscribe again");
            new PageVisitor(base).keep("notification-confirm-expired", new Page(410, null, "text/html", expired.body()));
            assertThat(mongo.findAll(Subscriber.class)).noneMatch(s -> s.email().equals("late@example.com"));

            // confirmed: the incident's next event gives carol an email, with the one-click unsubscribe headers
            publish(event("UPDATED", 2, "IDENTIFIED", null, "Production site outage"));
            await().atMost(DEADLINE).until(() -> to(mail, "carol@example.com").size() == 3);
            MimeMessage incident = to(mail, "carol@example.com").get(2);
            assertThat(subject(incident)).isEqualTo("[Investigando] Caída del entorno de Producción");
            String unsubscribe = PUBLIC + "/unsubscribe?token=";
            assertThat(header(incident, "List-Unsubscribe")).startsWith("<" + unsubscribe)
                    .contains(">, <mailto:unsubscribe@contingo.local?subject=unsubscribe%20").endsWith(">").doesNotContain("carol");
            assertThat(header(incident, "List-Unsubscribe-Post")).isEqualTo("List-Unsubscribe=One-Click");
            String inboxHeaders = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + inboxPort
                    + "/api/v1/message/latest/headers")).build(), HttpResponse.BodyHandlers.ofString()).body();
            assertThat(json.readTree(inboxHeaders).get("List-Unsubscribe-Post").get(0).asString()).isEqualTo("List-Unsubscribe=One-Click");
            String unsubscribeLink = link(part(incident, "text/plain"), "/unsubscribe?token=");
            assertThat(part(incident, "text/html")).contains("href=\"" + PUBLIC + unsubscribeLink + "\"", "Gestionar su suscripción");
            assertThat(header(incident, "List-Unsubscribe")).contains(unsubscribeLink);
            String manageLink = link(part(incident, "text/plain"), "/manage?token=");
            HttpResponse<String> manage = customer.get(manageLink);
            assertThat(manage.statusCode()).isEqualTo(200);
            assertThat(manage.body()).contains("carol@example.com", "value=\"prod-web\" checked=\"checked\"");
            new PageVisitor(base).keep("notification-manage", new Page(200, null, "text/html", manage.body()));
            assertThat(customer.get(manageLink.replace("/manage", "/unsubscribe")).statusCode()).as("a manage token does not unsubscribe")
                    .isEqualTo(400);
            HttpResponse<String> saved = customer.post(manageLink, "email=carol%40example.com&components=*&components=prod-web&language=en"
                    + "&timeZone=Europe%2FLisbon");
            assertThat(saved.statusCode()).isEqualTo(200);
            assertThat(saved.body()).contains("Saved. The next emails follow these choices.");
            assertThat(mongo.findById(carol.id(), Subscriber.class)).extracting(Subscriber::components, Subscriber::locale, Subscriber::timeZone)
                    .containsExactly(List.of("*"), "en", "Europe/Lisbon");

            // a GET of the unsubscribe link asks and changes nothing; a forged token is refused
            HttpResponse<String> asks = new Browser(base).get(unsubscribeLink);
            assertThat(asks.statusCode()).isEqualTo(200);
            assertThat(asks.body()).contains("Stop the incident emails?", "method=\"post\"");
            assertThat(mongo.findById(carol.id(), Subscriber.class)).isNotNull();
            assertThat(new Browser(base).oneClick(unsubscribeLink.substring(0, unsubscribeLink.length() - 2) + "xx").statusCode())
                    .isEqualTo(400);
            assertThat(mongo.findById(carol.id(), Subscriber.class)).isNotNull();

            // the mail client's one-click POST (no session, no CSRF token) unsubscribes at once
            HttpResponse<String> left = new Browser(base).oneClick(unsubscribeLink);
            assertThat(left.statusCode()).isEqualTo(200);
            assertThat(left.body()).contains("You are unsubscribed");
            assertThat(mongo.findById(carol.id(), Subscriber.class)).isNull();
            assertThat(new Browser(base).get(unsubscribeLink).body()).contains("You are not subscribed");

            publish(event("UPDATED", 3, "MONITORING", null, "Production site outage"));
            await().atMost(DEADLINE).until(() -> to(mail, "jordi@example.com").size() == 3);
            assertThat(mongo.findAll(Delivery.class)).as("nothing queued for carol after she left")
                    .filteredOn(d -> carol.id().equals(d.subscriberId())).hasSize(1);
            assertThat(to(mail, "carol@example.com")).hasSize(3);

            subscribeOnAPhone(base);
            await().atMost(DEADLINE).until(() -> to(mail, "frank@example.com").size() == 1);
            MimeMessage frank = to(mail, "frank@example.com").getFirst();
            assertThat(subject(frank)).as("the browser's language").isEqualTo("Confirme su suscripción a las novedades de Contingo");
            assertThat(part(frank, "text/plain")).as("the browser's time zone").contains("(America/Mexico_City)");

            // at most 5 requests an hour for one address, then a readable 429; and a limit per client address (8 here)
            mongo.remove(new org.springframework.data.mongodb.core.query.Query(), "subscribe-attempts"); // as an hour later
            for (int i = 1; i <= 5; i++) {
                assertThat(customer.post("/subscribe", "email=dora%40example.com" + form).statusCode()).isEqualTo(200);
            }
            HttpResponse<String> tooMany = customer.post("/subscribe", "email=dora%40example.com" + form);
            assertThat(tooMany.statusCode()).isEqualTo(429);
            assertThat(tooMany.headers().firstValue("Retry-After")).hasValue("3600");
            assertThat(tooMany.body()).contains("Too many requests", "Try again in an hour");
            new PageVisitor(base).keep("notification-subscribe-429", new Page(429, null, "text/html", tooMany.body()));
            assertThat(customer.post("/subscribe", "email=eve%40example.com" + form).statusCode()).isEqualTo(200); // 7th
            assertThat(customer.post("/subscribe", "email=eve%40example.com" + form).statusCode()).isEqualTo(200); // 8th
            assertThat(customer.post("/subscribe", "email=eve%40example.com" + form).statusCode()).isEqualTo(429);
            await().atMost(DEADLINE).until(() -> to(mail, "eve@example.com").size() == 2);
            assertThat(to(mail, "dora@example.com")).hasSize(5);
        }
    }

    @Test
    void portugueseAndGermanSubscribersReadTheirPagesAndEmailsInTheirLanguage() throws Exception {
        publishSites();
        try (MailServer mail = MailServer.start(smtpPort, inboxPort); ConfigurableApplicationContext app = start()) {
            MongoTemplate mongo = app.getBean(MongoTemplate.class);
            mongo.save(new Subscriber("joao", "joao@example.com", "João", "Europe/Lisbon", "pt", List.of("*"), true, Instant.now()));
            mongo.save(new Subscriber("jonas", "jonas@example.com", "Jonas", "Europe/Berlin", "de", List.of("*"), true, Instant.now()));
            publish(event("OPENED", 1, "INVESTIGATING", null, "Production site outage"));
            await().atMost(DEADLINE).until(() -> mail.received().size() == 2);

            // the engine's own texts (the incident's and the components' names) as the event carries them in that language
            var incident = json.readTree(event("OPENED", 1, "INVESTIGATING", null, "Production site outage")).get("incident");
            MimeMessage portuguese = to(mail, "joao@example.com").getFirst();
            assertThat(subject(portuguese)).isEqualTo("[Em investigação] " + translated(incident, "pt"));
            assertThat(part(portuguese, "text/plain")).contains("Olá, João,", "Serviços afetados: " + translated(incident.at("/components/0"), "pt"),
                    "Estado: Em investigação", "novembro de 2026", "Cancelar a assinatura:").doesNotContain("Affected services");
            assertThat(part(portuguese, "text/html")).contains("Estamos investigando um incidente");
            MimeMessage german = to(mail, "jonas@example.com").getFirst();
            assertThat(subject(german)).isEqualTo("[Wird untersucht] " + translated(incident, "de"));
            assertThat(part(german, "text/plain")).contains("Hallo Jonas,", "Betroffene Dienste: " + translated(incident.at("/components/0"), "de"),
                    "Status: Wird untersucht", "November 2026", "Abmelden:").doesNotContain("Affected services");
            assertThat(part(german, "text/html")).contains("Wir untersuchen eine St");
            java.nio.file.Files.createDirectories(java.nio.file.Path.of("target", "mail"));
            java.nio.file.Files.writeString(java.nio.file.Path.of("target", "mail", "opened-de.html"), part(german, "text/html"));

            // the pages in the browser's language, offering the four
            String base = "http://127.0.0.1:" + ((WebServerApplicationContext) app).getWebServer().getPort();
            PageVisitor visitor = new PageVisitor(base);
            assertThat(visitor.keep("notification-subscribe-pt", visitor.browse("/subscribe", "pt-BR")).body()).contains("lang=\"pt\"",
                    "Receba um e-mail quando um serviço que você usa tiver um incidente", "No centro Production",
                    "<option value=\"pt\" selected=\"selected\">Português</option>", "<option value=\"de\">Deutsch</option>");
            assertThat(visitor.keep("notification-subscribe-de", visitor.browse("/subscribe", "de")).body()).contains("lang=\"de\"",
                    "Eine E-Mail erhalten, wenn ein Dienst", "Im Rechenzentrum Production",
                    "<option value=\"de\" selected=\"selected\">Deutsch</option>", "<option value=\"en\">English</option>");
            Browser customer = new Browser(base);
            assertThat(customer.post("/subscribe", "email=greta%40example.com&components=*&language=de&timeZone=Europe%2FBerlin")
                    .statusCode()).isEqualTo(200);
            await().atMost(DEADLINE).until(() -> to(mail, "greta@example.com").size() == 1);
            assertThat(subject(to(mail, "greta@example.com").getFirst()))
                    .isEqualTo("Bestätigen Sie Ihr Abonnement der Contingo-Statusmeldungen");
        }
    }

    @Test
    void anEmailInterruptedMidSendGoesAgainWithItsMessageIdAndAnAdminCanSendOneAgain() throws Exception {
        // as a crash mid-send leaves it: claimed a moment ago by an instance that is gone; and one an older version
        // marked UNCONFIRMED at its start-up and never sent
        String database = "notification" + suffix.replace('-', '_');
        Instant now = Instant.now();
        try (var client = com.mongodb.client.MongoClients.create(TestInfrastructure.mongoUri(database))) {
            var deliveries = client.getDatabase(database).getCollection("deliveries");
            deliveries.insertOne(delivery("inc-crash/ana/first", "ana", "SENDING", now)
                    .append("messageId", "<interrupted-1@contingo.local>").append("claimedUntil", java.util.Date.from(now.plusSeconds(2))));
            deliveries.insertOne(delivery("inc-old/ana/first", "ana", "UNCONFIRMED", now));
            deliveries.insertOne(delivery("inc-old/gone/first", "gone", "SENT", now).append("messageId", "<left@contingo.local>"));
        }
        try (MailServer mail = MailServer.start(smtpPort, inboxPort);
                ConfigurableApplicationContext app = start(Duration.ofSeconds(1), "--contingo.notification.claim-timeout=2s")) {
            MongoTemplate mongo = app.getBean(MongoTemplate.class);
            subscribe(mongo);
            await().atMost(DEADLINE).until(() -> mail.received().size() == 2);
            MimeMessage interrupted = mail.received().stream().filter(m -> subject(m).contains("inc-crash")).findFirst().orElseThrow();
            assertThat(interrupted.getMessageID()).isEqualTo("<interrupted-1@contingo.local>");
            await().atMost(DEADLINE).until(() -> mongo.findById("inc-crash/ana/first", Delivery.class).status() == Delivery.Status.SENT);
            assertThat(mongo.findById("inc-crash/ana/first", Delivery.class).attempts()).isEqualTo(2);
            String oldId = mail.received().stream().filter(m -> subject(m).contains("inc-old")).findFirst().orElseThrow().getMessageID();
            assertThat(oldId).endsWith("@contingo.local>");

            // an administrator sends one again from the delivery log: a POST with the CSRF token, ADMIN only
            String base = "http://127.0.0.1:" + ((WebServerApplicationContext) app).getWebServer().getPort();
            Browser admin = signedIn(base, "admin");
            await().atMost(DEADLINE).until(() -> mongo.findById("inc-old/ana/first", Delivery.class).status() == Delivery.Status.SENT);
            HttpResponse<String> log = admin.get("/deliveries");
            assertThat(log.body()).contains("action=\"/deliveries/resend\"", "value=\"inc-old/ana/first\"", "Send again");
            assertThat(admin.post("/deliveries/resend", "id=inc-old%2Fana%2Ffirst", false).statusCode()).as("no CSRF token").isEqualTo(403);
            assertThat(signedIn(base, "agent").post("/deliveries/resend", "id=inc-old%2Fana%2Ffirst").statusCode()).isEqualTo(403);
            HttpResponse<String> resent = admin.post("/deliveries/resend", "id=inc-old%2Fana%2Ffirst");
            assertThat(resent.statusCode()).isEqualTo(302);
            Instant firstSent = mongo.findById("inc-old/ana/first", Delivery.class).sentAt();
            await().atMost(DEADLINE).until(() -> mongo.findById("inc-old/ana/first", Delivery.class),
                    d -> d.status() == Delivery.Status.SENT && d.attempts() == 3 && d.sentAt().isAfter(firstSent));
            // sent again with the same Message-ID: the inbox, like a mail store, folds it into the one it has
            assertThat(mail.received()).hasSize(2).extracting(m -> header(m, "Message-ID")).contains(oldId);
            assertThat(admin.get("/deliveries").body()).contains("The email to ana.garcia@example.com is queued to go again now");
            // not to a subscriber who left since
            assertThat(admin.post("/deliveries/resend", "id=inc-old%2Fgone%2Ffirst").statusCode()).isEqualTo(302);
            assertThat(admin.get("/deliveries").body()).contains("that subscriber has unsubscribed since");
            assertThat(mongo.findById("inc-old/gone/first", Delivery.class).status()).isEqualTo(Delivery.Status.SENT);
            assertThat(mongo.findById("inc-old/gone/first", Delivery.class).attempts()).isEqualTo(1);
        }
    }

    @Test
    void aWebhookSubscriberGetsSignedStatuspagePayloadsRetriedAfterAFailureAndAnAddressOutsideIsRefused() throws Exception {
        publishSites();
        java.util.List<com.sun.net.httpserver.Headers> headers = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.List<String> bodies = new java.util.concurrent.CopyOnWriteArrayList<>();
        var receiver = com.sun.net.httpserver.HttpServer.create(new java.net.InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hook", exchange -> {
            headers.add(exchange.getRequestHeaders());
            bodies.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(bodies.size() == 1 ? 500 : 204, -1); // the first call fails
            exchange.close();
        });
        receiver.start();
        String hook = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook";
        try (ConfigurableApplicationContext app = start(Duration.ofSeconds(1), "--contingo.webhooks.allow-loopback-http=true",
                "--contingo.subscription.per-client-per-hour=10",
                "--contingo.webhooks.first-retry-delay=1s",
                "--spring.cloud.stream.bindings.onComponentStatus-in-0.destination=component-status" + suffix,
                "--spring.cloud.stream.kafka.bindings.onComponentStatus-in-0.consumer.start-offset=earliest")) {
            String base = "http://127.0.0.1:" + ((WebServerApplicationContext) app).getWebServer().getPort();
            Browser customer = new Browser(base);
            assertThat(customer.get("/subscribe").body()).contains("href=\"/subscribe/webhook\"");
            HttpResponse<String> form = customer.get("/subscribe/webhook");
            assertThat(form.body()).contains("name=\"url\"", "value=\"prod-web\"", "name=\"_csrf\"");
            new PageVisitor(base).keep("notification-webhook", new Page(200, null, "text/html", form.body()));
            for (String refused : List.of("http://169.254.169.254/latest", "https://169.254.169.254/latest", "http://example.com/hook",
                    "https://10.1.2.3/hook", "https://user:pw@example.com/hook")) {
                HttpResponse<String> answer = customer.post("/subscribe/webhook",
                        "url=" + java.net.URLEncoder.encode(refused, StandardCharsets.UTF_8) + "&components=prod-web");
                assertThat(answer.statusCode()).as(refused).isEqualTo(400);
                assertThat(answer.body()).as(refused).contains("id=\"url-error\"");
                if (refused.startsWith("https://10.")) {
                    assertThat(answer.body()).contains("private or reserved network");
                    new PageVisitor(base).keep("notification-webhook-refused", new Page(400, null, "text/html", answer.body()));
                }
            }
            HttpResponse<String> created = customer.post("/subscribe/webhook",
                    "url=" + java.net.URLEncoder.encode(hook, StandardCharsets.UTF_8) + "&components=prod-web");
            assertThat(created.statusCode()).isEqualTo(200);
            assertThat(created.headers().firstValue("Cache-Control")).hasValue("no-store");
            String secret = created.body().replaceAll("(?s).*class=\"secret\">(whsec_[^<]+)<.*", "$1");
            assertThat(secret).startsWith("whsec_").hasSizeGreaterThan(30);
            assertThat(created.body()).contains("X-Contingo-Timestamp", "the timestamp, a dot and the body");
            new PageVisitor(base).keep("notification-webhook-created", new Page(200, null, "text/html", created.body()));

            // the API: an ADMIN subscribes one (no CSRF token, HTTP Basic), and the list never shows a secret
            HttpResponse<String> api = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base + "/api/subscribers/webhooks"))
                    .header("Authorization", "Basic " + Base64.getEncoder().encodeToString("admin:demo".getBytes(StandardCharsets.UTF_8)))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"url\": \"https://169.254.169.254/x\", \"components\": [\"*\"]}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(api.statusCode()).isEqualTo(400);
            assertThat(json.readTree(api.body()).get("field").asString()).isEqualTo("url");
            HttpResponse<String> list = get(base + "/api/subscribers/webhooks", "admin");
            assertThat(list.body()).contains(hook).doesNotContain("whsec_");
            assertThat(get(base + "/api/subscribers/webhooks", "agent").statusCode()).isEqualTo(403);

            // an incident on the followed component: posted, answered 500, posted again with the same delivery id
            publish(event("OPENED", 1, "INVESTIGATING", null, "Production site outage"));
            await().atMost(DEADLINE).until(() -> bodies.size() == 2);
            assertThat(headers.get(1).getFirst("X-Contingo-Delivery")).isEqualTo(headers.get(0).getFirst("X-Contingo-Delivery"));
            for (int i = 0; i < 2; i++) { // signed with the time, so that a captured call cannot be replayed later
                assertThat(signatureProblem(secret, headers.get(i), bodies.get(i))).isEmpty();
            }
            assertThat(WebhookSignature.verify(secret, headers.get(0).getFirst(WebhookSignature.TIMESTAMP_HEADER),
                    headers.get(0).getFirst(WebhookSignature.SIGNATURE_HEADER), bodies.get(0).getBytes(StandardCharsets.UTF_8),
                    Instant.now().plus(Duration.ofMinutes(10)))).as("replayed ten minutes later").isPresent();
            var incident = json.readTree(bodies.get(1));
            assertThat(incident.at("/meta/unsubscribe").asString()).contains("/unsubscribe?token=");
            assertThat(incident.at("/page/status_indicator").asString()).isEqualTo("major");
            assertThat(incident.at("/incident/name").asString()).isEqualTo("Production site outage");
            assertThat(incident.at("/incident/status").asString()).isEqualTo("investigating");
            assertThat(incident.at("/incident/components/0/status").asString()).isEqualTo("major_outage");
            assertThat(incident.at("/incident/incident_updates/0/body").asString()).startsWith("We are investigating");

            // a component's status change: a component_update
            send("component-status" + suffix, "prod-web", "{\"eventId\": \"cs-1\", \"componentId\": \"prod-web\", \"componentName\": "
                    + "\"Omnichannel web\", \"siteId\": \"production\", \"sequence\": 5, \"from\": \"MAJOR_OUTAGE\", \"to\": \"OPERATIONAL\", "
                    + "\"at\": \"2026-11-26T09:40:00Z\", \"incidentId\": null}");
            await().atMost(DEADLINE).until(() -> bodies.size() == 3);
            var component = json.readTree(bodies.get(2));
            assertThat(component.at("/component_update/old_status").asString()).isEqualTo("major_outage");
            assertThat(component.at("/component_update/new_status").asString()).isEqualTo("operational");
            assertThat(component.at("/component/name").asString()).isEqualTo("Omnichannel web");
            assertThat(signatureProblem(secret, headers.get(2), bodies.get(2))).isEmpty();

            // leaving: the unsubscribe link asks first, its POST removes the webhook
            String leave = incident.at("/meta/unsubscribe").asString().replaceFirst("^https?://[^/]+", "");
            assertThat(customer.get(leave).body()).contains(hook + " will get no more calls about incidents.");
            assertThat(customer.post(leave, "").statusCode()).isEqualTo(200);
            assertThat(get(base + "/api/subscribers/webhooks", "admin").body()).doesNotContain(hook);
        } finally {
            receiver.stop(0);
        }
    }

    @Test
    void anAdminPagesAndSearchesSubscribersAndTheirDeliveriesSeesNoTokenAndRemovesOne() throws Exception {
        publishSites();
        try (ConfigurableApplicationContext app = start()) {
            MongoTemplate mongo = app.getBean(MongoTemplate.class);
            subscribe(mongo);
            Instant now = Instant.now();
            for (int i = 1; i <= 30; i++) { // more than a page
                mongo.save(new Subscriber("many-" + i, "customer" + i + "@example.com", null, "UTC", "de", List.of("prod-web"), true,
                        now.minusSeconds(i)));
            }
            mongo.save(new io.contingo.notification.webhook.WebhookSubscriber("wh-admin-test", "https://hooks.example.com/contingo",
                    "whsec_never-shown", List.of("*"), now));
            var deliveries = mongo.getCollection("deliveries");
            deliveries.insertOne(delivery("inc-a/jordi/first", "jordi", "SENT", now).append("recipient", "jordi@example.com")
                    .append("text", "Unsubscribe: http://x/unsubscribe?token=secret-token"));
            deliveries.insertOne(delivery("inc-a/ana/first", "ana", "SENT", now.minusSeconds(5)));
            deliveries.insertOne(delivery("inc-b/jordi/first", "jordi", "PENDING", now.plusSeconds(3600))
                    .append("recipient", "jordi@example.com").append("nextAttemptAt", java.util.Date.from(now.plusSeconds(3600))));

            String base = "http://127.0.0.1:" + ((WebServerApplicationContext) app).getWebServer().getPort();
            assertThat(signedIn(base, "agent").get("/subscribers").statusCode()).isEqualTo(403);
            Browser admin = signedIn(base, "admin");
            HttpResponse<String> first = admin.get("/subscribers");
            assertThat(first.statusCode()).isEqualTo(200);
            assertThat(first.body()).contains("By email (34)", "Page 1 of 2 (34 in all)", "ana.garcia@example.com",
                    "By webhook (1)", "https://hooks.example.com/contingo", "href=\"/deliveries?subscriber=jordi\"",
                    "<td>Omnichannel web</td>", "<td>Telephony</td>")
                    .doesNotContain("whsec_", "token=", "customer30@example.com");
            new PageVisitor(base).keep("notification-subscribers", new Page(200, null, "text/html", first.body()));
            assertThat(admin.get("/subscribers?page=2").body()).contains("customer30@example.com", "Page 2 of 2", "rel=\"prev\"");
            HttpResponse<String> found = admin.get("/subscribers?q=CUSTOMER2");
            assertThat(found.body()).contains("customer2@example.com", "customer29@example.com", "By email (11)")
                    .doesNotContain("ana.garcia@example.com", "customer3@example.com");
            assertThat(admin.get("/subscribers?q=.*").body()).as("the search is text, not a pattern").contains("By email (0)");

            // the API pages them too: 25 by default, newest first, the total and the next page's link, never a token
            var apiFirst = json.readTree(get(base + "/api/subscribers", "admin").body());
            assertThat(apiFirst.get("total").asLong()).isEqualTo(34);
            assertThat(apiFirst.get("items").size()).isEqualTo(25);
            assertThat(apiFirst.get("next").asString()).isEqualTo("/api/subscribers?page=2&size=25");
            assertThat(apiFirst.get("items").get(0).has("components")).isTrue();
            assertThat(apiFirst.toString()).doesNotContain("customer30@example.com");
            var apiLast = json.readTree(get(base + "/api/subscribers?page=4&size=10", "admin").body());
            assertThat(apiLast.get("items").size()).isEqualTo(4);
            assertThat(apiLast.get("items").get(3).get("email").asString()).as("the oldest last").isEqualTo("customer30@example.com");
            assertThat(apiLast.get("next").isNull()).isTrue();
            assertThat(apiLast.toString()).doesNotContainIgnoringCase("token").doesNotContain("secret");
            for (String bad : List.of("size=101", "size=0", "page=0", "page=abc", "size=-5")) {
                HttpResponse<String> refused = get(base + "/api/subscribers?" + bad, "admin");
                assertThat(refused.statusCode()).as(bad).isEqualTo(400);
                assertThat(json.readTree(refused.body()).get("message").asString()).as(bad)
                        .matches(bad.startsWith("size") ? "size must be a whole number from 1 to 100, not \".*\""
                                : "page must be a whole number from 1 \\(the first page\\), not \".*\"");
            }

            // one subscriber's deliveries, searchable, no token either
            HttpResponse<String> jordis = admin.get("/deliveries?subscriber=jordi");
            assertThat(jordis.body()).contains("[Investigating] inc-a/jordi/first", "[Investigating] inc-b/jordi/first",
                    "Only the emails to jordi@example.com.").doesNotContain("inc-a/ana/first", "token=");
            new PageVisitor(base).keep("notification-deliveries-subscriber", new Page(200, null, "text/html", jordis.body()));
            assertThat(admin.get("/deliveries?subscriber=jordi&q=inc-b").body()).contains("inc-b/jordi/first").doesNotContain("inc-a/jordi");

            // removing: a POST with the CSRF token; their waiting email is dropped, what was sent stays in the log
            assertThat(admin.post("/subscribers/remove", "id=jordi", false).statusCode()).as("no CSRF token").isEqualTo(403);
            admin.get("/subscribers");
            HttpResponse<String> removed = admin.post("/subscribers/remove", "id=jordi");
            assertThat(removed.statusCode()).isEqualTo(302);
            assertThat(admin.get("/subscribers").body()).contains("jordi@example.com is no longer subscribed.", "By email (33)");
            assertThat(mongo.findById("jordi", Subscriber.class)).isNull();
            assertThat(mongo.findById("inc-b/jordi/first", Delivery.class)).isNull();
            assertThat(mongo.findById("inc-a/jordi/first", Delivery.class)).isNotNull();
            assertThat(admin.post("/subscribers/remove", "id=wh-admin-test").statusCode()).isEqualTo(302);
            assertThat(admin.get("/subscribers").body()).contains("https://hooks.example.com/contingo is no longer subscribed.",
                    "By webhook (0)");
        }
    }

    /** Why a webhook call's signature does not hold now, as a receiver checks it; empty when it does. */
    private static java.util.Optional<String> signatureProblem(String secret, com.sun.net.httpserver.Headers headers, String body) {
        return WebhookSignature.verify(secret, headers.getFirst(WebhookSignature.TIMESTAMP_HEADER),
                headers.getFirst(WebhookSignature.SIGNATURE_HEADER), body.getBytes(StandardCharsets.UTF_8), Instant.now());
    }

    /** A delivery document as the service stores it. */
    private static org.bson.Document delivery(String id, String subscriberId, String status, Instant at) {
        return new org.bson.Document("_id", id).append("incidentId", id.substring(0, id.indexOf('/'))).append("sequence", 1L)
                .append("snapshotSequence", 1L).append("components", List.of("prod-web")).append("kind", "OPENED")
                .append("subscriberId", subscriberId).append("recipient", "ana.garcia@example.com")
                .append("subject", "[Investigating] " + id).append("text", "Plain " + id).append("html", "<p>Html " + id + "</p>")
                .append("status", status).append("attempts", 1).append("nextAttemptAt", java.util.Date.from(at))
                .append("createdAt", java.util.Date.from(at));
    }

    /** A browser signed in on the service's own sign-in page. */
    private static Browser signedIn(String base, String user) throws Exception {
        Browser browser = new Browser(base);
        browser.get("/login");
        assertThat(browser.post("/login", "username=" + user + "&password=demo").statusCode()).isEqualTo(302);
        browser.get("/deliveries");
        return browser;
    }

    @Test
    void aRecordThatIsNotAnIncidentEventOrASubscriberWithBadDataIsSetAsideAndTheNextEventsEmailsStillGo() throws Exception {
        try (MailServer mail = MailServer.start(smtpPort, inboxPort); ConfigurableApplicationContext app = start()) {
            MongoTemplate mongo = app.getBean(MongoTemplate.class);
            subscribe(mongo);
            // a subscriber whose stored zone no longer exists: their email cannot be written the usual way
            mongo.save(new Subscriber("odd", "odd@example.com", "Odd", "Mars/Olympus", "en", List.of("*"), true, Instant.now()));
            publish("{\"eventId\": \"broken");
            ObjectNode unknown = (ObjectNode) json.readTree(event("OPENED", 1, "INVESTIGATING", null, "Production site outage"));
            publish(unknown.put("eventId", "exploded-1").put("type", "EXPLODED").toString());
            publish(event("OPENED", 1, "INVESTIGATING", null, "Production site outage"));

            var parked = deadLetters("incident-events" + suffix + ".notification-service.dlq", 2);
            assertThat(parked).extracting(r -> r.value()).containsExactly("{\"eventId\": \"broken", unknown.toString());
            assertThat(parked).allSatisfy(r -> {
                assertThat(new String(r.headers().lastHeader("x-exception-message").value(), StandardCharsets.UTF_8)).isNotBlank();
                assertThat(new String(r.headers().lastHeader("x-original-topic").value(), StandardCharsets.UTF_8))
                        .isEqualTo("incident-events" + suffix);
            });
            assertThat(new String(parked.get(1).headers().lastHeader("x-exception-message").value(), StandardCharsets.UTF_8))
                    .contains("EXPLODED");
            // the partition went on: the good event after them makes its emails, the odd subscriber's too, in UTC
            await().atMost(DEADLINE).until(() -> mail.received().size() == 3);
            assertThat(mail.received()).extracting(NotificationServiceIntegrationTests::recipient)
                    .containsExactlyInAnyOrder("ana.garcia@example.com", "jordi@example.com", "odd@example.com");
            assertThat(part(to(mail, "odd@example.com").getFirst(), "text/plain")).contains("(UTC)");
        }
    }

    /** A snapshot's (or component's) name in a language: its translation where it carries one, its name otherwise. */
    private static String translated(tools.jackson.databind.JsonNode named, String language) {
        tools.jackson.databind.JsonNode translation = named.path("names").path(language);
        return translation.isString() ? translation.asString() : named.get("name").asString();
    }

    private static final String PUBLIC = "http://subscribe.example.test";

    /**
     * The subscribe page in a real headless Chromium on a phone-sized window (390 px), in Spanish and the time zone
     * America/Mexico_City: the zone comes pre-selected from the browser, nothing is wider than the window, and the form
     * goes through. Needs Debian's chromium and chromium-driver; without them this part is left out, saying so.
     */
    private static void subscribeOnAPhone(String base) throws Exception {
        java.nio.file.Path chromium = java.nio.file.Path.of("/usr/bin/chromium");
        java.nio.file.Path driver = java.nio.file.Path.of("/usr/bin/chromedriver");
        if (!java.nio.file.Files.isExecutable(chromium) || !java.nio.file.Files.isExecutable(driver)) {
            System.err.println("The phone-sized browser check of /subscribe needs /usr/bin/chromium and /usr/bin/chromedriver: left out");
            return;
        }
        java.nio.file.Path output = java.nio.file.Files.createDirectories(java.nio.file.Path.of("target", "browser"));
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(driver.toFile()).usingAnyFreePort()
                .withEnvironment(java.util.Map.of("TZ", "America/Mexico_City")).build();
        ChromeOptions options = new ChromeOptions().setBinary(chromium.toString()).addArguments("--headless", "--no-sandbox",
                "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--window-size=390,844", "--lang=es-ES");
        options.setExperimentalOption("prefs", java.util.Map.of("intl.accept_languages", "es-ES,es"));
        // headless Chromium keeps windows at least 500 px wide: a phone's screen is emulated instead
        options.setExperimentalOption("mobileEmulation", java.util.Map.of("deviceMetrics",
                java.util.Map.of("width", 390, "height", 844, "pixelRatio", 1.0, "touch", true)));
        ChromeDriver browser = new ChromeDriver(service, options);
        try {
            browser.get(base + "/subscribe");
            assertThat(((Number) browser.executeScript("return window.innerWidth")).intValue()).isEqualTo(390);
            assertThat(new Select(browser.findElement(By.id("timeZone"))).getFirstSelectedOption().getAttribute("value"))
                    .isEqualTo("America/Mexico_City");
            assertThat(new Select(browser.findElement(By.id("language"))).getFirstSelectedOption().getText()).isEqualTo("Español");
            assertThat(((Number) browser.executeScript("return document.documentElement.scrollWidth - window.innerWidth")).intValue())
                    .as("no sideways scrolling").isLessThanOrEqualTo(0);
            java.nio.file.Files.write(output.resolve("subscribe-390.png"), browser.getScreenshotAs(OutputType.BYTES));
            browser.findElement(By.id("email")).sendKeys("frank@example.com");
            browser.findElement(By.cssSelector("input[value='prod-web']")).click();
            browser.findElement(By.cssSelector("form button.primary")).click();
            new WebDriverWait(browser, DEADLINE).until(ExpectedConditions.textToBe(By.tagName("h1"), "Revise su correo"));
            java.nio.file.Files.write(output.resolve("subscribe-sent-390.png"), browser.getScreenshotAs(OutputType.BYTES));
        } finally {
            browser.quit();
            service.stop();
        }
    }

    /** The path and query of the first link in a text that starts with the public address and {@code path}. */
    private static String link(String text, String path) {
        java.util.regex.Matcher matcher = java.util.regex.Pattern.compile(java.util.regex.Pattern.quote(PUBLIC + path) + "[A-Za-z0-9_.=-]+")
                .matcher(text);
        assertThat(matcher.find()).as("a link %s in %s", path, text).isTrue();
        return matcher.group().substring(PUBLIC.length());
    }

    private static String header(MimeMessage message, String name) {
        try {
            String value = message.getHeader(name, ",");
            return value == null ? null : value.replaceAll("\r?\n\\s+", " ");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String sha256(String value) throws Exception {
        return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                .digest(value.getBytes(StandardCharsets.UTF_8)));
    }

    /** A browser of the subscription pages: keeps its session cookie, sends forms with the CSRF token of the last page. */
    private static final class Browser {
        private final String base;
        private final HttpClient http = HttpClient.newBuilder().cookieHandler(new java.net.CookieManager()).build();
        private String csrf;

        Browser(String base) {
            this.base = base;
        }

        HttpResponse<String> get(String path) throws Exception {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + path)).header("Accept", "text/html")
                    .header("Accept-Language", "en").build(), HttpResponse.BodyHandlers.ofString());
            if (response.body().contains("name=\"_csrf\"")) {
                csrf = PageVisitor.csrfToken(response.body());
            }
            return response;
        }

        HttpResponse<String> post(String path, String form) throws Exception {
            return post(path, form, true);
        }

        HttpResponse<String> post(String path, String form, boolean withToken) throws Exception {
            if (withToken && csrf == null) {
                get("/subscribe");
            }
            String body = withToken ? form + "&_csrf=" + java.net.URLEncoder.encode(csrf, StandardCharsets.UTF_8) : form;
            return http.send(HttpRequest.newBuilder(URI.create(base + path)).header("Accept", "text/html").header("Accept-Language", "en")
                    .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofString());
        }

        /** What a mail client does with List-Unsubscribe-Post (RFC 8058): no cookie, no token but the link's own. */
        HttpResponse<String> oneClick(String path) throws Exception {
            return post(path, "List-Unsubscribe=One-Click", false);
        }
    }

    private static final String MONTHLY_REPORT = "monthly-2026-11";
    private static final String ON_DEMAND_REPORT = "on-demand-2026-11-b";

    /** The contract fixture, as another report. */
    private String report(String eventId, String reportId, String kind, String from, String to, String scope, String link) throws Exception {
        try (InputStream in = getClass().getResourceAsStream("/contracts/report-published.json")) {
            ObjectNode event = (ObjectNode) json.readTree(in.readAllBytes());
            event.put("eventId", eventId).put("reportId", reportId).put("kind", kind).put("from", from).put("to", to)
                    .put("scope", scope).put("link", link);
            return event.toString();
        }
    }

    /** On one partition: the records are handled in the order they are sent. */
    private void publishReport(String key, String value) throws Exception {
        send(new ProducerRecord<>("report-events" + suffix, 0, key, value));
    }

    /** The first {@code count} records of a dead-letter topic, waiting for them. */
    private static List<org.apache.kafka.clients.consumer.ConsumerRecord<String, String>> deadLetters(String topic, int count) {
        List<org.apache.kafka.clients.consumer.ConsumerRecord<String, String>> parked = new java.util.ArrayList<>();
        try (var reader = TestInfrastructure.reader(topic)) {
            await().atMost(DEADLINE).until(() -> {
                reader.poll(Duration.ofMillis(200)).forEach(parked::add);
                return parked.size() >= count;
            });
        }
        return parked;
    }

    /** Parts of a message that are attached files. */
    private static int attachments(jakarta.mail.Part part) {
        try {
            if (part.getContent() instanceof jakarta.mail.Multipart multipart) {
                int files = 0;
                for (int i = 0; i < multipart.getCount(); i++) {
                    files += attachments(multipart.getBodyPart(i));
                }
                return files;
            }
            return jakarta.mail.Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition()) || part.getFileName() != null ? 1 : 0;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static final String FAILOVER_RUN = "drp-20261203-1210-failover";
    private static final String DRILL_RUN = "drp-20261203-1100-drill";
    private static final String RETURN_RUN = "drp-20261203-1400-return";

    /** The sites of the pair, and one outside it, on the test's own catalog topic. */
    private void publishSites() throws Exception {
        Instant at = Instant.now();
        for (SiteDefined site : List.of(
                new SiteDefined("s1", "production", at, "Production", List.of(new SiteDefined.Component("prod-web", "Omnichannel web"),
                        new SiteDefined.Component("prod-telephony", "Telephony"))),
                new SiteDefined("s2", "contingency", at, "Contingency", List.of(new SiteDefined.Component("cont-web", "Omnichannel web"))),
                new SiteDefined("s3", "lab", at, "Lab", List.of(new SiteDefined.Component("lab-web", "Lab web"))))) {
            send("site-catalog" + suffix, site.siteId(), json.writeValueAsString(site));
        }
    }

    /** The contract fixture, as one of the test's runs: the failover (proposed with a stale backup), a drill, the return. */
    private String drpEvent(String runId, String type, int sequence, String state, boolean drill) throws Exception {
        try (InputStream in = getClass().getResourceAsStream("/contracts/drp-event.json")) {
            ObjectNode event = (ObjectNode) json.readTree(in.readAllBytes());
            event.put("eventId", runId + "-" + type + sequence).put("type", type).put("runId", runId).put("sequence", sequence)
                    .put("occurredAt", "2026-12-03T12:20:00Z");
            ObjectNode run = (ObjectNode) event.get("run");
            run.put("id", runId).put("state", state).put("drill", drill);
            if (runId.equals(FAILOVER_RUN)) {
                run.put("rpoExposureSeconds", 10800);
                run.putArray("guardProblems").add("The last good backup is 3 h old <over the target>");
            } else if (runId.equals(DRILL_RUN)) {
                run.putNull("rpoExposureSeconds").putNull("incidentId");
            } else {
                run.put("kind", "RETURN").put("fromSiteId", "contingency").put("toSiteId", "production").putNull("incidentId")
                        .put("runbookName", "Return to production");
            }
            return event.toString();
        }
    }

    private void publishDrp(String value) throws Exception {
        send("drp-events" + suffix, "production", value);
    }

    private static String threads(String prefix) {
        StringBuilder out = new StringBuilder();
        Thread.getAllStackTraces().forEach((thread, stack) -> {
            if (thread.getName().startsWith(prefix)) {
                out.append("\n").append(thread.getName()).append(' ').append(thread.getState());
                java.util.Arrays.stream(stack).limit(30).forEach(frame -> out.append("\n    at ").append(frame));
            }
        });
        return out.toString();
    }

    private ConfigurableApplicationContext start() {
        return start(Duration.ofSeconds(1));
    }

    private ConfigurableApplicationContext start(Duration groupWait, String... more) {
        return new SpringApplicationBuilder(NotificationServiceApplication.class).run(java.util.stream.Stream.concat(java.util.stream.Stream.of(
                "--contingo.notification.group-wait=" + groupWait.toMillis() + "ms",
                "--server.port=0",
                "--spring.kafka.bootstrap-servers=" + TestInfrastructure.kafkaBootstrapServers(),
                "--spring.mongodb.uri=" + TestInfrastructure.mongoUri("notification" + suffix.replace('-', '_')),
                "--spring.cloud.stream.bindings.onIncidentEvent-in-0.destination=incident-events" + suffix,
                "--spring.cloud.stream.kafka.bindings.onIncidentEvent-in-0.consumer.start-offset=earliest",
                "--spring.mail.port=" + smtpPort,
                "--spring.cloud.stream.bindings.onDrpEvent-in-0.destination=drp-events" + suffix,
                "--spring.cloud.stream.kafka.bindings.onDrpEvent-in-0.consumer.start-offset=earliest",
                "--spring.cloud.stream.bindings.onReportEvent-in-0.destination=report-events" + suffix,
                "--contingo.catalog.topic=site-catalog" + suffix,
                "--contingo.notification.drp.managers=manager@contingo.example, director@example.com",
                "--contingo.notification.drp.console-url=http://console.example.test/",
                "--contingo.notification.status-page-url=http://status.example.test"), java.util.Arrays.stream(more)).toArray(String[]::new));
    }

    private static void subscribe(MongoTemplate mongo) {
        mongo.save(new Subscriber("ana", "ana.garcia@example.com", "Ana García", "Europe/Madrid", "en", List.of("*"), true, Instant.now()));
        mongo.save(new Subscriber("jordi", "jordi@example.com", "Jordi", "Europe/Madrid", "es", List.of("prod-web"), true, Instant.now()));
        mongo.save(new Subscriber("telephony-only", "tel@example.com", "Tel", "UTC", "en", List.of("prod-telephony"), true, Instant.now()));
        mongo.save(new Subscriber("unconfirmed", "new@example.com", "New", "UTC", "en", List.of("*"), false, Instant.now()));
    }

    /** The contract fixture, with the given type, sequence, status and name. */
    private String event(String type, int sequence, String status, String resolvedAt, String name) throws Exception {
        try (InputStream in = getClass().getResourceAsStream("/contracts/incident-event.json")) {
            ObjectNode event = (ObjectNode) json.readTree(in.readAllBytes());
            event.put("eventId", "event-" + type + sequence).put("type", type).put("sequence", sequence);
            ObjectNode incident = (ObjectNode) event.get("incident");
            if (!name.equals(incident.get("name").asString())) {
                incident.remove("names"); // another name: the fixture's translation of its own does not fit
            }
            incident.put("status", status).put("name", name);
            if (resolvedAt != null) {
                incident.put("resolvedAt", resolvedAt);
            }
            return event.toString();
        }
    }

    private static final String[] WEB = { "prod-web", "Omnichannel web" };
    private static final String[] API = { "prod-api", "Customer API" };
    private static final String[] TELEPHONY = { "prod-telephony", "Telephony" };
    private static final String[] DATABASE = { "prod-db", "Customer database" };

    /** The contract fixture for an incident opened at {@code opened}, affecting these components (id, name), with an optional new update. */
    private String incidentEvent(String type, int sequence, Instant opened, Instant at, String update, String[]... components)
            throws Exception {
        ObjectNode event = (ObjectNode) json.readTree(event(type, sequence, "INVESTIGATING", null, "Production site outage"));
        event.put("occurredAt", at.toString());
        ObjectNode incident = (ObjectNode) event.get("incident");
        incident.put("createdAt", opened.toString());
        var affected = incident.putArray("components");
        for (String[] component : components) {
            ObjectNode c = affected.addObject().put("componentId", component[0]).put("name", component[1]).put("status", "MAJOR_OUTAGE");
            c.putArray("windows").addObject().put("start", opened.toString()).putNull("end");
        }
        if (update != null) {
            ((ArrayNode) incident.get("updates")).addObject().put("id", "u" + sequence).put("status", "INVESTIGATING").put("body", update)
                    .put("createdAt", at.toString());
        }
        return event.toString();
    }

    private static List<MimeMessage> to(MailServer mail, String address) {
        return mail.received().stream().filter(m -> recipient(m).equals(address)).toList();
    }

    private void publish(String value) throws Exception {
        send("incident-events" + suffix, "inc-20261126-0915-production", value);
    }

    private void send(String topic, String key, String value) throws Exception {
        send(new ProducerRecord<>(topic, key, value));
    }

    private void send(ProducerRecord<String, String> record) throws Exception {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.kafkaBootstrapServers());
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p)) {
            producer.send(record).get();
        }
    }

    private static List<String> subjects(MailServer mail) {
        return mail.received().stream().map(NotificationServiceIntegrationTests::subject).toList();
    }

    private static String subject(MimeMessage message) {
        try {
            return message.getSubject();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String recipient(MimeMessage message) {
        try {
            return message.getRecipients(Message.RecipientType.TO)[0].toString();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String part(MimeMessage message, String type) {
        return MailServer.part(message, type);
    }

    private static HttpResponse<String> get(String url, String user) throws Exception {
        return get(url, user, "en");
    }

    private static HttpResponse<String> get(String url, String user, String language) throws Exception {
        String basic = Base64.getEncoder().encodeToString((user + ":demo").getBytes(StandardCharsets.UTF_8));
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Basic " + basic)
                .header("Accept-Language", language).build(), HttpResponse.BodyHandlers.ofString());
    }
}
