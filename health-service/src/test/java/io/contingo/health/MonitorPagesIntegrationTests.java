package io.contingo.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers.springSecurity;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;

import io.contingo.devstack.DemoSite;
import io.contingo.devstack.FreePorts;
import io.contingo.devstack.PageVisitor;
import io.contingo.devstack.PageVisitor.ApiDocument;
import io.contingo.devstack.PageVisitor.Page;
import io.contingo.devstack.TestInfrastructure;
import io.contingo.events.HealthStatus;
import io.contingo.health.monitor.HttpMonitor;
import io.contingo.health.monitor.MetricThreshold;
import io.contingo.health.monitor.MetricsMonitor;
import io.contingo.health.monitor.MonitorCatalog;
import io.contingo.health.monitor.MonitorJson;
import io.contingo.health.monitor.StoredMonitor;
import io.contingo.health.push.PushTokens;
import tools.jackson.databind.json.JsonMapper;

/**
 * The admin pages {@code /monitors} on the real broker and MongoDB-wire server: a refused form comes back with
 * what was typed and each problem beside its field, and stores nothing; a form without its CSRF token and a
 * user who is not an admin are refused.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MonitorPagesIntegrationTests {

    private DemoSite site;
    private ConfigurableApplicationContext app;
    private MonitorCatalog catalog;
    private MockMvc mvc;

    @BeforeAll
    void start() throws Exception {
        site = DemoSite.start("Production", FreePorts.next());
        app = new SpringApplicationBuilder(HealthServiceApplication.class).run(
                "--server.port=0",
                "--spring.kafka.bootstrap-servers=" + TestInfrastructure.kafkaBootstrapServers(),
                "--spring.mongodb.uri=" + TestInfrastructure.mongoUri("health-pages-" + System.nanoTime()),
                "--spring.cloud.stream.bindings.healthEvents-out-0.destination=health-events-pages-" + ProcessHandle.current().pid(),
                "--contingo.demo.production-url=" + site.baseUrl(),
                "--contingo.demo.contingency-url=" + site.baseUrl(),
                "--contingo.catalog.topic=" + TestSites.demoCatalog(),
                "--contingo.probe.id=probe-pages-it");
        catalog = app.getBean(MonitorCatalog.class);
        TestSites.awaitKnown(app);
        mvc = MockMvcBuilders.webAppContextSetup((WebApplicationContext) app).apply(springSecurity()).build();
    }

    @AfterAll
    void stop() {
        app.close();
        site.close();
    }

    @Test
    void signInStartAndErrorPagesForBrowsersJsonForApiClientsAndADescribedApi() {
        String base = "http://127.0.0.1:" + ((WebServerApplicationContext) app).getWebServer().getPort();
        PageVisitor anonymous = new PageVisitor(base);
        Page home = anonymous.keep("health-home", anonymous.browse("/"));
        assertThat(home.status()).isEqualTo(200);
        assertThat(home.body()).contains("Contingo monitors", "href=\"/monitors\"", "href=\"/swagger-ui.html\"");

        assertThat(PageVisitor.path(anonymous.browse("/monitors").location())).isEqualTo("/login");
        Page signIn = anonymous.keep("health-login", anonymous.browse("/login"));
        assertThat(signIn.body()).contains("<title>Sign in · Monitors</title>", "/css/app.css", "name=\"_csrf\"")
                .doesNotContain("Please sign in"); // Spring Security's stock page
        assertThat(anonymous.signIn("admin", "not the password").location()).endsWith("/login?error");
        assertThat(anonymous.keep("health-login-error", anonymous.browse("/login?error")).body())
                .contains("That name and password do not match an account");

        PageVisitor admin = new PageVisitor(base);
        assertThat(PageVisitor.path(admin.signIn("admin", "demo").location())).as("no page asked for: on to the monitors").isEqualTo("/monitors");
        assertThat(admin.browse("/monitors").status()).isEqualTo(200);
        Page notFound = admin.keep("health-404", admin.browse("/nothing-here"));
        assertThat(notFound.status()).isEqualTo(404);
        assertThat(notFound.contentType()).startsWith("text/html");
        assertThat(notFound.body()).contains("This page does not exist", "There is nothing at /nothing-here.").doesNotContain("Whitelabel");
        Page malformed = admin.keep("health-400", admin.browse("/monitors?page=first"));
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.body()).contains("This request is not valid", "The request to /monitors is malformed");
        PageVisitor agent = new PageVisitor(base);
        agent.signIn("agent", "demo");
        Page forbidden = agent.keep("health-403", agent.browse("/monitors"));
        assertThat(forbidden.status()).isEqualTo(403);
        assertThat(forbidden.body()).contains("Your account may not open this page", "name=\"_csrf\"").doesNotContain("Whitelabel");

        JsonMapper json = JsonMapper.builder().build();
        Page apiForbidden = anonymous.api("/api/monitors", "agent", "demo");
        assertThat(apiForbidden.status()).isEqualTo(403);
        assertThat(apiForbidden.contentType()).startsWith("application/json");
        assertThat(json.readTree(apiForbidden.body()).get("message").asString())
                .isEqualTo("Your account may not use /api/monitors: it needs an account with another role.");
        Page apiMalformed = anonymous.api("/monitors?page=first", "admin", "demo");
        assertThat(apiMalformed.status()).isEqualTo(400);
        assertThat(apiMalformed.contentType()).startsWith("application/json");
        assertThat(json.readTree(apiMalformed.body()).get("message").asString())
                .as("never the conversion error, which names Java types").isEqualTo("The request to /monitors is malformed: check its parameters and body.");
        Page apiNotFound = anonymous.api("/nothing-here", "admin", "demo");
        assertThat(apiNotFound.status()).isEqualTo(404);
        assertThat(json.readTree(apiNotFound.body()).get("message").asString()).isEqualTo("There is nothing at /nothing-here.");

        ApiDocument document = anonymous.apiDocument();
        assertThat(document.title()).isEqualTo("Contingo monitor API");
        assertThat(document.version()).matches("\\d+\\.\\d+.*");
        assertThat(document.description()).contains("push");
        assertThat(document.basicScheme()).isEqualTo("basic");
        assertThat(document.basicByOperation()).containsEntry("GET /api/monitors", true).containsEntry("POST /api/push/{token}", false)
                .allSatisfy((operation, basic) -> assertThat(basic).as(operation).isEqualTo(!operation.contains(" /api/push/")));
    }

    @Test
    void aRefusedFormShowsEachProblemBesideItsFieldKeepsWhatWasTypedAndStoresNothing() throws Exception {
        int before = catalog.all().size();
        String page = mvc.perform(asAdmin(post("/monitors")).with(csrf())
                        .param("id", "web-typo").param("componentId", "").param("siteId", "production").param("type", "http")
                        .param("interval", "often").param("timeout", "3s").param("retries", "two")
                        .param("url", site.baseUrl() + "/web/").param("method", "GET")
                        .param("headers", "Accept: text/html\nno colon here")
                        .param("conditions", "[STATUS] == 200\n[STATUS] === 200"))
                .andReturn().getResponse().getContentAsString();

        assertThat(errorOf(page, "componentId")).isEqualTo("Required");
        assertThat(errorOf(page, "interval")).isEqualTo("'often' is not a duration: write it like 10s, 500ms, 2m or 1h");
        assertThat(errorOf(page, "retries")).isEqualTo("'two' is not a whole number");
        assertThat(errorOf(page, "headers")).isEqualTo("Line 2, 'no colon here', is not 'Name: value'");
        assertThat(errorOf(page, "conditions")).startsWith("Line 2: condition \"[STATUS] === 200\" is not valid: unexpected '200'");
        assertThat(errorOf(page, "url")).as("the url is fine").isNull();
        assertThat(page).contains("Nothing was saved.")
                .contains("value=\"often\"").contains("value=\"two\"").contains("value=\"web-typo\"")
                .contains("no colon here").contains("[STATUS] === 200");
        assertThat(catalog.find("web-typo")).isEmpty();
        assertThat(catalog.all()).hasSize(before);

        // the rules of the catalog, and a denied address once the rest is right
        page = mvc.perform(asAdmin(post("/monitors")).with(csrf()).param("id", "web-denied").param("componentId", "prod-web")
                        .param("siteId", "production").param("type", "http").param("interval", "2s").param("timeout", "5s")
                        .param("url", "http://169.254.169.254/latest/"))
                .andReturn().getResponse().getContentAsString();
        assertThat(errorOf(page, "timeout")).isEqualTo("Timeout must be shorter than interval");
        page = mvc.perform(asAdmin(post("/monitors")).with(csrf()).param("id", "web-denied").param("componentId", "prod-web")
                        .param("siteId", "production").param("type", "http").param("url", "http://169.254.169.254/latest/"))
                .andReturn().getResponse().getContentAsString();
        assertThat(errorOf(page, "url")).startsWith("Points at a denied address");
        // a problem of one type's field lands on that type's own input
        page = mvc.perform(asAdmin(post("/monitors")).with(csrf()).param("id", "backup-bad").param("componentId", "prod-web")
                        .param("siteId", "production").param("type", "backup").param("backupGrace", "-5m")
                        .param("schedule", "full=24h\nweekly=7d\nlog=soon"))
                .andReturn().getResponse().getContentAsString();
        assertThat(errorOf(page, "rpo")).isEqualTo("Must be set for a backup monitor");
        assertThat(errorOf(page, "backupGrace")).isEqualTo("Must not be negative");
        assertThat(errorOf(page, "schedule")).isEqualTo("Line 3: 'soon' is not a duration: write it like 24h or 30m");
        assertThat(errorOf(page, "pushGrace")).isNull();
        assertThat(catalog.find("web-denied")).isEmpty();
        assertThat(catalog.find("backup-bad")).isEmpty();
        // a value Spring cannot bind (a checkbox sent as text) stops the form like any other problem
        page = mvc.perform(asAdmin(post("/monitors")).with(csrf()).param("id", "web-unbound").param("componentId", "prod-web")
                        .param("siteId", "production").param("type", "http").param("url", site.baseUrl() + "/web/")
                        .param("followRedirects", "abc"))
                .andReturn().getResponse().getContentAsString();
        assertThat(page).contains("Nothing was saved.");
        assertThat(catalog.find("web-unbound")).isEmpty();

        // editing: the stored monitor stays as it was
        StoredMonitor stored = catalog.find("prod-web-http").orElseThrow();
        page = mvc.perform(asAdmin(post("/monitors/prod-web-http")).with(csrf()).param("id", "ignored").param("componentId", "prod-web")
                        .param("siteId", "production").param("type", "http").param("url", "ftp://example.com/"))
                .andReturn().getResponse().getContentAsString();
        assertThat(errorOf(page, "url")).isEqualTo("Must be an absolute http:// or https:// address");
        assertThat(page).contains("value=\"ftp://example.com/\"");
        assertThat(catalog.find("prod-web-http")).contains(stored);
    }

    @Test
    void aGoodFormIsStoredAndItsPageShowsIt() throws Exception {
        var created = mvc.perform(asAdmin(post("/monitors")).with(csrf()).param("id", "web-form").param("componentId", "prod-web")
                        .param("siteId", "production").param("type", "http").param("interval", "1m").param("timeout", "2s")
                        .param("url", site.baseUrl() + "/web/").param("headers", "Accept: text/html")
                        .param("host", "ignored.example").param("period", "1h"))
                .andReturn().getResponse();
        assertThat(created.getStatus()).isEqualTo(302);
        assertThat(created.getRedirectedUrl()).isEqualTo("/monitors/web-form");
        StoredMonitor stored = catalog.find("web-form").orElseThrow();
        assertThat(((HttpMonitor) stored.definition()).headers()).containsEntry("Accept", "text/html");
        assertThat(MonitorJson.tree(stored.definition())).as("other sections are not read").doesNotContainKeys("host", "period");
        assertThat(stored.updatedBy()).isEqualTo("admin");

        String page = mvc.perform(asAdmin(get("/monitors/web-form"))).andReturn().getResponse().getContentAsString();
        assertThat(page).contains("<h1>web-form</h1>").contains(site.baseUrl() + "/web/").contains("Accept: text/html")
                .contains("None yet: results are stored once a second.").contains("Omnichannel web · ").contains("Production · ");
        assertThat(stored.definition().siteId()).as("the site follows from the component").isEqualTo("production");
        // the page after "Check now" shows that check everywhere, not what was stored before it
        var checked = mvc.perform(asAdmin(post("/monitors/web-form/check")).with(csrf())).andReturn();
        page = mvc.perform(asAdmin(get("/monitors/web-form")).flashAttrs(checked.getFlashMap())).andReturn().getResponse().getContentAsString();
        assertThat(page).contains("Checked just now").doesNotContain("No check yet").doesNotContain("None yet")
                .containsPattern("(?s)<h2>Latest result</h2>.*badge-up.*HTTP 200 in \\d+ ms")
                .containsPattern("(?s)<h2>Recent results</h2>.*<td>HTTP 200 in \\d+ ms</td>")
                .contains("<span class=\"badge badge-up\">up</span>");
        String list = mvc.perform(asAdmin(get("/monitors?type=http&site=production"))).andReturn().getResponse().getContentAsString();
        assertThat(list).contains("href=\"/monitors/web-form\"");

        assertThat(mvc.perform(asAdmin(post("/monitors/web-form/delete")).with(csrf())).andReturn().getResponse().getStatus()).isEqualTo(302);
        assertThat(catalog.find("web-form")).isEmpty();
    }

    @Test
    void aMetricsMonitorIsMadeWithItsThresholdsAndItsPageShowsThemTheReadingsAndWhereTheAgentPosts() throws Exception {
        Function<String, MockHttpServletRequestBuilder> form = thresholds -> asAdmin(post("/monitors")).with(csrf()).param("id", "host-form")
                .param("componentId", "prod-api").param("siteId", "production").param("type", "metrics").param("interval", "30s")
                .param("metricsPeriod", "1m").param("thresholds", thresholds);
        String page = mvc.perform(form.apply("disk degraded=95 down=80\nload degraded=4\ncpu down=lots"))
                .andReturn().getResponse().getContentAsString();
        assertThat(errorOf(page, "thresholds")).isEqualTo("Line 1, disk: degraded must not be above down: disk is worse the higher it is"
                + " (degraded 95, down 80) | Line 3, cpu: down 'lots' is not a number");
        assertThat(page).contains("Nothing was saved.").contains("cpu down=lots").contains("value=\"1m\"");
        assertThat(catalog.find("host-form")).isEmpty();

        var created = mvc.perform(form.apply("disk degraded=80 down=95\nprocess absent=degraded")).andReturn().getResponse();
        assertThat(created.getRedirectedUrl()).isEqualTo("/monitors/host-form");
        assertThat(((MetricsMonitor) catalog.find("host-form").orElseThrow().definition()).thresholds()).isEqualTo(Map.of(
                "disk", new MetricThreshold(80.0, 95.0, null), "process", new MetricThreshold(null, null, HealthStatus.DEGRADED)));
        String token = app.getBean(PushTokens.class).tokenOf("host-form").orElseThrow();
        mvc.perform(post("/api/push/" + token + "/metrics").contentType(MediaType.APPLICATION_JSON).content("{\"disk\":42,\"load\":0.5}"));

        page = mvc.perform(asAdmin(get("/monitors/host-form"))).andReturn().getResponse().getContentAsString();
        assertThat(page).contains("≥ 80 %", "≥ 95 %", "not running", "42 %", "0.5", "not judged")
                .contains("<code id=\"push-url\">http://localhost/api/push/" + token + "/metrics</code>")
                .contains("health-service/agent/contingo-agent.sh &#39;http://localhost/api/push/" + token + "/metrics&#39; --every 30");
        mvc.perform(asAdmin(post("/monitors/host-form/delete")).with(csrf()));
    }

    @Test
    void theComponentIsChosenAmongThoseOfTheCatalogAndAnUnknownOneIsRefused() throws Exception {
        String form = mvc.perform(asAdmin(get("/monitors/new"))).andReturn().getResponse().getContentAsString();
        assertThat(form).as("in incident-service's order").containsPattern("(?s)<optgroup label=\"Production \\(production\\)\">"
                        + ".*<option value=\"prod-web\">Omnichannel web \\(prod-web\\)</option>.*<optgroup label=\"Contingency \\(contingency\\)\">"
                        + ".*<option value=\"cont-web\">Omnichannel web \\(contingency\\) \\(cont-web\\)</option>")
                .doesNotContain("id=\"siteId\"");

        String page = mvc.perform(asAdmin(post("/monitors")).with(csrf()).param("id", "web-typo").param("componentId", "prod-webb")
                        .param("type", "http").param("url", site.baseUrl() + "/web/"))
                .andReturn().getResponse().getContentAsString();
        assertThat(errorOf(page, "componentId")).startsWith("There is no component 'prod-webb'; the components are prod-web, prod-api, prod-telephony, cont-web,");
        assertThat(page).contains("Nothing was saved.").contains("<option value=\"prod-webb\" selected=\"selected\">prod-webb (not in incident-service&#39;s catalog)</option>");
        assertThat(catalog.find("web-typo")).isEmpty();
    }

    @Test
    void resultsIncidentServiceRefusedAreShownOnTheMonitorsPageAndCounted() throws Exception {
        String deadLetters = "health-events-pages-" + ProcessHandle.current().pid() + ".dlq";
        mvc.perform(asAdmin(post("/monitors")).with(csrf()).param("id", "web-parked").param("componentId", "prod-web")
                .param("type", "http").param("url", site.baseUrl() + "/web/"));
        TestSites.park(deadLetters, "no-such-monitor", "Unknown component nowhere");
        TestSites.park(deadLetters, "web-parked", "Unknown component prod-web");
        TestSites.park(deadLetters, "prod-api-json", "Unknown component prod-api");
        TestSites.park(deadLetters, "prod-api-json", "Unknown component prod-api <again>");

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(mvc.perform(asAdmin(get("/monitors/prod-api-json")))
                .andReturn().getResponse().getContentAsString()).contains("2 results refused by incident-service")
                .contains("<p class=\"detail\">Unknown component prod-api &lt;again&gt;</p>"));
        assertThat(mvc.perform(asAdmin(get("/monitors/prod-web-http"))).andReturn().getResponse().getContentAsString())
                .doesNotContain("refused by incident-service");
        String list = mvc.perform(asAdmin(get("/monitors"))).andReturn().getResponse().getContentAsString();
        assertThat(list).as("the list marks it").containsPattern("(?s)href=\"/monitors/prod-api-json\".*?class=\"badge badge-refused\"[^>]*>refused</span>")
                .doesNotContainPattern("(?s)href=\"/monitors/prod-web-http\">prod-web-http</a></td>((?!</tr>).)*>refused</span>");
        assertThat(prometheus()).contains("# TYPE contingo_monitor_results_parked gauge")
                .contains("contingo_monitor_results_parked{monitor=\"prod-api-json\"} 2.0")
                .contains("contingo_monitor_results_parked{monitor=\"web-parked\"} 1.0")
                .as("an id the catalog does not have").doesNotContain("monitor=\"no-such-monitor\"");

        mvc.perform(asAdmin(post("/monitors/web-parked/delete")).with(csrf()));
        assertThat(prometheus()).as("a deleted monitor's gauge goes with it").doesNotContain("monitor=\"web-parked\"")
                .contains("contingo_monitor_results_parked{monitor=\"prod-api-json\"} 2.0");
    }

    private String prometheus() throws Exception {
        return mvc.perform(get("/actuator/prometheus").with(httpBasic("admin", "demo"))).andReturn().getResponse().getContentAsString();
    }

    @Test
    void formsWithoutTheCsrfTokenAndUsersWhoAreNotAdminsAreRefused() throws Exception {
        assertThat(mvc.perform(asAdmin(post("/monitors/prod-web-http/pause"))).andReturn().getResponse().getStatus()).isEqualTo(403);
        assertThat(mvc.perform(asAdmin(post("/monitors")).param("id", "no-token").param("componentId", "prod-web")
                .param("siteId", "production").param("url", site.baseUrl() + "/web/")).andReturn().getResponse().getStatus()).isEqualTo(403);
        assertThat(catalog.find("prod-web-http").orElseThrow().paused()).isFalse();
        assertThat(catalog.find("no-token")).isEmpty();

        assertThat(mvc.perform(get("/monitors").with(httpBasic("agent", "demo"))).andReturn().getResponse().getStatus()).isEqualTo(403);
        assertThat(mvc.perform(post("/monitors/prod-web-http/pause").with(httpBasic("agent", "demo")).with(csrf()))
                .andReturn().getResponse().getStatus()).isEqualTo(403);
        assertThat(catalog.find("prod-web-http").orElseThrow().paused()).isFalse();
        assertThat(mvc.perform(get("/monitors").accept(MediaType.TEXT_HTML)).andReturn().getResponse().getRedirectedUrl()).endsWith("/login");

        assertThat(mvc.perform(asAdmin(get("/monitors/nothing"))).andReturn().getResponse().getStatus()).isEqualTo(404);
    }

    @Test
    void markupInAMonitorIsShownAsText() throws Exception {
        String refused = mvc.perform(asAdmin(post("/monitors")).with(csrf()).param("id", "web-markup").param("componentId", "<b>web</b>")
                .param("type", "http").param("url", site.baseUrl() + "/web/")).andReturn().getResponse().getContentAsString();
        assertThat(refused).contains("&lt;b&gt;web&lt;/b&gt;").doesNotContain("<b>web</b>");
        mvc.perform(asAdmin(post("/monitors")).with(csrf()).param("id", "web-markup").param("componentId", "prod-web")
                .param("type", "http").param("url", site.baseUrl() + "/web/")
                .param("headers", "X-Note: <script>alert(1)</script>"));
        String page = mvc.perform(asAdmin(get("/monitors/web-markup"))).andReturn().getResponse().getContentAsString();
        assertThat(page).contains("&lt;script&gt;alert(1)&lt;/script&gt;").doesNotContain("<script>alert(1)");
        mvc.perform(asAdmin(post("/monitors/web-markup/delete")).with(csrf()));
    }

    private static MockHttpServletRequestBuilder asAdmin(MockHttpServletRequestBuilder request) {
        return request.with(httpBasic("admin", "demo"));
    }

    /** The error text shown beside a field ({@code <p class="field-error" id="interval-error">}), null when none. */
    private static String errorOf(String page, String field) {
        Matcher matcher = Pattern.compile("<p class=\"field-error\" id=\"" + Pattern.quote(field) + "-error\">(.*?)</p>", Pattern.DOTALL).matcher(page);
        if (!matcher.find()) {
            return null;
        }
        List<String> messages = Pattern.compile("<span[^>]*>(.*?)</span>").matcher(matcher.group(1)).results()
                .map(m -> m.group(1).replace("&#39;", "'").replace("&quot;", "\"").replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&"))
                .toList();
        return String.join(" | ", messages);
    }
}
