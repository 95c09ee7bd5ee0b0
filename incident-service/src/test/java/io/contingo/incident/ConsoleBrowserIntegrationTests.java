package io.contingo.incident;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.context.ConfigurableApplicationContext;

import io.contingo.devstack.DemoEntry;
import io.contingo.devstack.DemoSite;
import io.contingo.devstack.FreePorts;
import io.contingo.events.HealthEvent;
import io.contingo.events.HealthStatus;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A support agent's public update, clicked through a real headless Chromium on incident-service running on the
 * real broker and MongoDB-wire server. The production site's web component fails three checks in a row and an
 * incident opens; the agent opens {@code /console}, is sent to the login form, signs in, opens the incident's
 * page from the list, acknowledges it, and posts an "Identified" update through the form (the browser carries
 * the CSRF token and the incident's version, as it would for a person). A customer, without any login, then
 * reads that update on the status page and on the incident's public page, newest first, under its status.
 * The update contains markup and an ampersand: every page shows them as the agent typed them, as text, and
 * none of them becomes an element.
 *
 * <p>Needs Debian's {@code chromium} and {@code chromium-driver} packages ({@code /usr/bin/chromium} and
 * {@code /usr/bin/chromedriver}); without them the test is skipped. Screenshots of the console's incident page, the
 * status page and the public incident page are left in {@code target/browser/}, with a screenshot and the page
 * source of wherever the browser was if the test fails.
 */
class ConsoleBrowserIntegrationTests {

    private static final String CHROMIUM = "/usr/bin/chromium";
    private static final String CHROMEDRIVER = "/usr/bin/chromedriver";
    private static final Path OUTPUT = Path.of("target", "browser");
    private static final Dimension WINDOW = new Dimension(1280, 800);
    private static final Duration DEADLINE = Duration.ofSeconds(30);
    private static final String UPDATE = "A storage controller failed; we are replacing it. <b>bold</b> & <script>";

    private final JsonMapper json = JsonMapper.builder().build();
    private final HttpClient http = HttpClient.newHttpClient();
    private Instant clock = Instant.now().minusSeconds(30); // checks just past, so the pages show plausible durations
    private ChromeDriverService driverService;
    private ChromeDriver browser;
    private WebDriverWait wait;

    @RegisterExtension
    final AfterTestExecutionCallback keepWhereItFailed = context -> {
        if (context.getExecutionException().isPresent() && browser != null) {
            screenshot("failure");
            Files.writeString(OUTPUT.resolve("failure.html"), browser.getCurrentUrl() + "\n" + browser.getPageSource());
        }
    };

    /** The screenshots of an earlier run go; those of every test of this one stay. */
    @BeforeAll
    static void emptyOutput() throws IOException {
        Files.createDirectories(OUTPUT);
        try (Stream<Path> previous = Files.list(OUTPUT)) {
            for (Path file : previous.toList()) {
                Files.delete(file);
            }
        }
    }

    @BeforeEach
    void startBrowser() throws IOException {
        assumeTrue(Files.isExecutable(Path.of(CHROMIUM)) && Files.isExecutable(Path.of(CHROMEDRIVER)),
                "Browser tests need " + CHROMIUM + " and " + CHROMEDRIVER + ": install the Debian packages chromium and chromium-driver"
                        + " (apt-get install chromium chromium-driver)");
        // the driver given explicitly: Selenium Manager never looks for (or downloads) one
        driverService = new ChromeDriverService.Builder().usingDriverExecutable(Path.of(CHROMEDRIVER).toFile())
                .usingAnyFreePort().withLogFile(OUTPUT.resolve("chromedriver.log").toFile()).build();
        ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM).addArguments("--headless", "--no-sandbox", "--disable-gpu",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--window-size=" + WINDOW.width + "," + WINDOW.height, "--lang=en-US");
        options.setExperimentalOption("prefs", Map.of("intl.accept_languages", "en-US,en"));
        browser = new ChromeDriver(driverService, options);
        wait = new WebDriverWait(browser, DEADLINE);
        wait.ignoring(StaleElementReferenceException.class);
    }

    @AfterEach
    void stopBrowser() {
        if (browser != null) {
            browser.quit();
        }
        if (driverService != null) {
            driverService.stop();
        }
    }

    @Test
    void anAgentsUpdateReachesTheStatusPageExactlyAsTyped() throws Exception {
        IncidentServiceRunner runner = IncidentServiceRunner.onDevstack();
        try (ConfigurableApplicationContext app = runner.start()) {
            for (int i = 0; i < 3; i++) {
                send(runner, "prod-web", HealthStatus.DOWN);
            }
            String id = await().atMost(DEADLINE).until(() -> openIncidentId(runner), Objects::nonNull);
            String base = runner.baseUrl();

            // the console sends a browser to the login form, and back to the console after it
            browser.get(base + "/console");
            wait.until(ExpectedConditions.urlMatches("/login$"));
            browser.findElement(By.name("username")).sendKeys("agent");
            browser.findElement(By.name("password")).sendKeys("demo");
            browser.findElement(By.cssSelector("form[action$='/login'] [type=submit]")).click();
            wait.until(ExpectedConditions.urlMatches("/console(\\?.*)?$"));

            WebElement listed = wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("a[href$='/console/incidents/" + id + "']")));
            assertThat(listed.getText()).isEqualTo("Production site outage");
            listed.click();
            wait.until(ExpectedConditions.urlMatches("/console/incidents/" + id + "$"));

            browser.findElement(By.cssSelector("form[action$='/acknowledge'] [type=submit]")).click();
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("main"), "Acknowledged by agent"));
            assertThat(browser.findElements(By.cssSelector("form[action$='/acknowledge']"))).as("acknowledge form after acknowledging").isEmpty();

            WebElement form = browser.findElement(By.cssSelector("form[action$='/updates']"));
            new Select(form.findElement(By.name("status"))).selectByValue("IDENTIFIED");
            form.findElement(By.name("body")).sendKeys(UPDATE);
            form.findElement(By.cssSelector("[type=submit]")).click();
            wait.until(d -> newestUpdateBody().equals(UPDATE));
            assertThat(browser.findElement(By.cssSelector("[role=status]")).getText()).contains("published");
            assertNewestUpdateShownAsText("Identified");
            assertThat(browser.findElement(By.tagName("main")).getText()).contains("Acknowledged by agent");
            screenshot("console-incident");

            // a customer, signed in nowhere
            browser.manage().deleteAllCookies();
            browser.get(base + "/");
            wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".timeline")));
            assertNewestUpdateShownAsText("Identified");
            screenshot("status-page");

            browser.findElement(By.cssSelector("a[href$='/incidents/" + id + "']")).click();
            wait.until(ExpectedConditions.urlMatches("/incidents/" + id + "$"));
            wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".timeline")));
            assertThat(browser.findElement(By.cssSelector(".pill")).getText()).isEqualTo("Identified");
            assertNewestUpdateShownAsText("Identified");
            screenshot("public-incident");
        }
    }

    /**
     * Disaster recovery from the console: production's services all fail and an incident opens; an agent proposes the
     * failover through the API; a manager signs in, finds the proposal on {@code /console/drp} with what it costs,
     * approves it, and on the run's page confirms the manual step. The page follows the run by itself until it has
     * succeeded: the contingency database was promoted through its signed webhook, the demo entry URL now sends
     * visitors to the contingency site, the incident's page lists the run, and the public status page says the
     * service runs from the contingency site.
     */
    @Test
    void aManagerApprovesAFailoverInTheConsoleAndWatchesItFinish() throws Exception {
        String secret = "contingo-demo-webhook-secret";
        try (DemoSite production = DemoSite.start("production", FreePorts.next(), DemoSite.DatabaseRole.PRIMARY, secret);
             DemoSite contingency = DemoSite.start("contingency", FreePorts.next(), DemoSite.DatabaseRole.MIRROR, secret);
             DemoEntry entry = DemoEntry.start("127.0.0.1", FreePorts.next(), production, contingency, secret, null)) {
            IncidentServiceRunner runner = IncidentServiceRunner.onDevstack()
                    .with("CONTINGO_DEMO_PRODUCTION_URL", production.baseUrl())
                    .with("CONTINGO_DEMO_CONTINGENCY_URL", contingency.baseUrl())
                    .with("CONTINGO_DEMO_ENTRY_URL", "http://127.0.0.1:" + entry.port());
            try (ConfigurableApplicationContext app = runner.start()) {
                String base = runner.baseUrl();
                clock = Instant.now().minusSeconds(120); // production was lost a minute or two ago: the RTO runs from then
                for (String component : List.of("prod-web", "prod-api", "prod-telephony")) {
                    for (int i = 0; i < 3; i++) {
                        send(runner, component, HealthStatus.DOWN);
                    }
                }
                String incidentId = await().atMost(DEADLINE).until(() -> openIncidentId(runner), Objects::nonNull);
                assertThat(entryLocation(entry)).as("the entry before the failover").contains(":" + production.port() + "/");

                // production is known to be gone: the manager declares it lost on the incident, the RTO runs from then
                signIn(base, "manager");
                browser.get(base + "/console/incidents/" + incidentId);
                wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("#drp form[action$='/pairs/production/lost'] [type=submit]"))).click();
                wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("drp"), "declared lost"));
                assertThat(browser.findElement(By.cssSelector("[role=status]")).getText()).contains("declared lost");
                screenshot("drp-incident-lost");

                HttpResponse<String> proposed = http.send(HttpRequest.newBuilder(URI.create(base + "/api/drp/runs"))
                        .header("Authorization", basic("agent")).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"pair\":\"production\",\"kind\":\"failover\",\"incidentId\":\"" + incidentId + "\"}"))
                        .build(), HttpResponse.BodyHandlers.ofString());
                assertThat(proposed.statusCode()).as(proposed.body()).isEqualTo(201);
                String runId = json.readTree(proposed.body()).get("id").asString();

                browser.get(base + "/console/drp");
                WebElement proposal = wait.until(ExpectedConditions.presenceOfElementLocated(By.id("proposal-" + runId)));
                assertThat(proposal.getText()).contains("Failover to the contingency site", "Proposed by agent", "(target 4 h)", "Approve and start");
                screenshot("drp-overview");

                proposal.findElement(By.cssSelector("form[action$='/approve'] [type=submit]")).click();
                wait.until(ExpectedConditions.urlMatches("/console/drp/runs/" + runId + "$"));
                assertThat(browser.findElement(By.cssSelector("[role=status]")).getText()).contains("You approved the run");
                WebElement manual = wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#step-0.step-waiting_for_person")));
                assertThat(manual.getText()).contains("Confirm production is lost", "Waiting for a person");
                screenshot("drp-run-running");

                WebElement confirm = browser.findElement(By.cssSelector("form[action$='/steps/0/confirm']"));
                confirm.findElement(By.name("note")).sendKeys("Both lines down, servers unreachable from outside");
                confirm.findElement(By.cssSelector("[type=submit]")).click();
                // the page reloads itself while the run goes on
                new WebDriverWait(browser, Duration.ofSeconds(60)).ignoring(StaleElementReferenceException.class)
                        .until(d -> d.findElement(By.cssSelector("#run .badge")).getText().equals("Succeeded"));
                assertThat(browser.findElement(By.id("run")).getText()).containsPattern("(?i)RTO achieved\\s+\\d+ (s|min) \\(target 4 h\\)")
                        .doesNotContain("refreshes itself");
                assertThat(browser.findElement(By.id("step-0")).getText()).contains("Both lines down, servers unreachable from outside");
                assertThat(browser.findElement(By.cssSelector("#step-0 td:nth-child(5)")).getText()).isEqualTo("manager");
                assertThat(browser.findElement(By.cssSelector("#step-1 .badge")).getText()).as("the database promotion").isEqualTo("Done");
                assertThat(browser.findElement(By.cssSelector("a[href$='/reports/drp/" + runId + ".pdf']")).isDisplayed()).isTrue();
                screenshot("drp-run-finished");

                assertThat(contingency.database()).isEqualTo(DemoSite.DatabaseRole.PRIMARY);
                await().atMost(DEADLINE).until(() -> entryLocation(entry).contains(":" + contingency.port() + "/"));

                browser.get(base + "/console/incidents/" + incidentId);
                assertThat(wait.until(ExpectedConditions.presenceOfElementLocated(By.id("drp"))).getText())
                        .contains("Failover to the contingency site", "Succeeded");
                screenshot("drp-incident");
                browser.get(base + "/console/drp/runbooks");
                assertThat(wait.until(ExpectedConditions.presenceOfElementLocated(By.id("runbook-failover"))).getText())
                        .contains("POST " + contingency.baseUrl() + "/control/db/promote").doesNotContain(secret);
                screenshot("drp-runbooks");
                browser.get(base + "/console/drp");
                wait.until(ExpectedConditions.presenceOfElementLocated(By.id("recent")));
                screenshot("drp-overview-after");

                browser.manage().deleteAllCookies();
                browser.get(base + "/");
                assertThat(wait.until(ExpectedConditions.presenceOfElementLocated(By.id("serving-site"))).getText())
                        .isEqualTo("Service is running from the contingency site");
                screenshot("status-page-contingency");
                HttpResponse<String> spanish = http.send(HttpRequest.newBuilder(URI.create(base + "/")).header("Accept-Language", "es").build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(spanish.body()).contains("El servicio funciona desde el sitio de contingencia");
            }
        }
    }

    private void signIn(String base, String name) {
        browser.get(base + "/login");
        browser.findElement(By.name("username")).sendKeys(name);
        browser.findElement(By.name("password")).sendKeys("demo");
        browser.findElement(By.cssSelector("form[action$='/login'] [type=submit]")).click();
        wait.until(ExpectedConditions.urlMatches("/console(\\?.*)?$"));
    }

    private static String basic(String name) {
        return "Basic " + java.util.Base64.getEncoder().encodeToString((name + ":demo").getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** Where the demo entry URL sends a visitor (its redirect, not followed). */
    private String entryLocation(DemoEntry entry) throws Exception {
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + entry.port() + "/")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).isEqualTo(302);
        return answer.headers().firstValue("Location").orElse("");
    }

    /** The newest timeline entry has this status and the update's exact text, and the timeline holds no markup from it. */
    private void assertNewestUpdateShownAsText(String status) {
        WebElement newest = browser.findElement(By.cssSelector(".timeline li"));
        assertThat(newest.findElement(By.tagName("strong")).getText()).isEqualTo(status);
        assertThat(newestUpdateBody()).isEqualTo(UPDATE);
        assertThat(browser.findElements(By.cssSelector(".timeline b, .timeline script"))).as("elements made from the update's text").isEmpty();
        assertThat(browser.getPageSource()).contains("&lt;b&gt;bold&lt;/b&gt; &amp; &lt;script&gt;");
    }

    private String newestUpdateBody() {
        List<WebElement> bodies = browser.findElements(By.cssSelector(".timeline .update-body"));
        return bodies.isEmpty() ? "" : bodies.getFirst().getText();
    }

    /** The whole page, not only the window: the window is made as tall as the page first. */
    private void screenshot(String name) throws IOException {
        browser.manage().window().setSize(WINDOW);
        Number height = (Number) browser.executeScript(
                "return document.documentElement.scrollHeight + window.outerHeight - window.innerHeight");
        browser.manage().window().setSize(new Dimension(WINDOW.width, Math.max(WINDOW.height, height.intValue())));
        Files.write(OUTPUT.resolve(name + ".png"), browser.getScreenshotAs(OutputType.BYTES));
    }

    private String openIncidentId(IncidentServiceRunner runner) throws Exception {
        String body = http.send(HttpRequest.newBuilder(URI.create(runner.baseUrl() + "/api/v2/incidents/unresolved.json")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        JsonNode incidents = json.readTree(body).get("incidents");
        return incidents.size() == 1 ? incidents.get(0).get("id").asString() : null;
    }

    private void send(IncidentServiceRunner runner, String componentId, HealthStatus status) {
        clock = clock.plusSeconds(5);
        HealthEvent event = new HealthEvent(UUID.randomUUID().toString(), componentId + "-http", componentId, "production",
                "probe-test", status, clock, 12L, "HTTP 503, expected 2xx", null);
        runner.send("health-events", componentId, json.writeValueAsString(event));
    }
}
