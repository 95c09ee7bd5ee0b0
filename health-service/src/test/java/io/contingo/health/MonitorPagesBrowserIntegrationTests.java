package io.contingo.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
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
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import io.contingo.devstack.DemoSite;
import io.contingo.devstack.FreePorts;
import io.contingo.devstack.TestInfrastructure;
import io.contingo.events.HealthEvent;
import io.contingo.events.HealthStatus;
import io.contingo.events.SiteDefined;
import io.contingo.health.monitor.HttpMonitor;
import io.contingo.health.monitor.MonitorCatalog;
import io.contingo.health.probe.CheckResults;
import io.contingo.health.probe.ResultBuckets;

/**
 * An admin adds an HTTP monitor of a local demo site through {@code /monitors} in a real headless Chromium, on
 * health-service running on the real broker and MongoDB-wire server: signs in, fills the form (only the HTTP
 * section shows once HTTP is chosen), sees the monitor in the list, pauses and resumes it, and checks it now,
 * which shows the result it got.
 *
 * <p>Needs Debian's {@code chromium} and {@code chromium-driver} packages ({@code /usr/bin/chromium} and
 * {@code /usr/bin/chromedriver}); without them the test is skipped. Screenshots of the form, the list and the
 * monitor's page are left in {@code target/browser/}, with a screenshot and the page source of wherever the
 * browser was if the test fails.
 */
class MonitorPagesBrowserIntegrationTests {

    private static final String CHROMIUM = "/usr/bin/chromium";
    private static final String CHROMEDRIVER = "/usr/bin/chromedriver";
    private static final Path OUTPUT = Path.of("target", "browser");
    private static final Dimension WINDOW = new Dimension(1280, 800);
    private static final Duration DEADLINE = Duration.ofSeconds(30);

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

    @BeforeEach
    void startBrowser() throws IOException {
        assumeTrue(Files.isExecutable(Path.of(CHROMIUM)) && Files.isExecutable(Path.of(CHROMEDRIVER)),
                "Browser tests need " + CHROMIUM + " and " + CHROMEDRIVER + ": install the Debian packages chromium and chromium-driver"
                        + " (apt-get install chromium chromium-driver)");
        Files.createDirectories(OUTPUT);
        try (Stream<Path> previous = Files.list(OUTPUT)) {
            for (Path file : previous.toList()) {
                Files.delete(file);
            }
        }
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
    void anAdminAddsAMonitorPausesResumesAndChecksIt() throws Exception {
        // the demo's catalog without the contingency site's telephony, which a monitor of the monitors file checks
        String sitesTopic = TestSites.newTopic();
        TestSites.publish(sitesTopic, TestSites.PRODUCTION, new SiteDefined("e-cont", "contingency", Instant.now(), "Contingency",
                TestSites.CONTINGENCY.components().subList(0, 2)));
        try (DemoSite site = DemoSite.start("Production", FreePorts.next());
                ConfigurableApplicationContext app = new SpringApplicationBuilder(HealthServiceApplication.class).run(
                        "--server.port=0",
                        "--spring.kafka.bootstrap-servers=" + TestInfrastructure.kafkaBootstrapServers(),
                        "--spring.mongodb.uri=" + TestInfrastructure.mongoUri("health-browser-" + System.nanoTime()),
                        "--spring.cloud.stream.bindings.healthEvents-out-0.destination=health-events-browser-" + ProcessHandle.current().pid(),
                        "--contingo.demo.production-url=" + site.baseUrl(),
                        "--contingo.demo.contingency-url=" + site.baseUrl(),
                        "--contingo.catalog.topic=" + sitesTopic,
                        "--contingo.probe.history.counts-flush=1s",
                        "--contingo.probe.id=probe-browser-it")) {
            String base = "http://127.0.0.1:" + app.getEnvironment().getProperty("local.server.port");
            MonitorCatalog catalog = app.getBean(MonitorCatalog.class);
            TestSites.awaitKnown(app);

            // the pages send a browser to the login form, and back after it
            browser.get(base + "/monitors/new");
            wait.until(ExpectedConditions.urlMatches("/login$"));
            browser.findElement(By.name("username")).sendKeys("admin");
            browser.findElement(By.name("password")).sendKeys("demo");
            browser.findElement(By.cssSelector("form[action$='/login'] [type=submit]")).click();
            wait.until(ExpectedConditions.urlMatches("/monitors/new(\\?.*)?$"));

            // only the chosen type's section shows
            new Select(browser.findElement(By.id("type"))).selectByValue("tcp");
            assertThat(browser.findElement(By.cssSelector("fieldset[data-type=tcp]")).isDisplayed()).isTrue();
            assertThat(browser.findElement(By.cssSelector("fieldset[data-type=http]")).isDisplayed()).isFalse();
            new Select(browser.findElement(By.id("type"))).selectByValue("http");
            assertThat(browser.findElement(By.cssSelector("fieldset[data-type=tcp]")).isDisplayed()).isFalse();

            browser.findElement(By.id("id")).sendKeys("site-web");
            // the component is chosen among those incident-service publishes, grouped by site; the site follows from it
            assertThat(browser.findElements(By.cssSelector("#componentId optgroup"))).extracting(e -> e.getAttribute("label"))
                    .containsExactly("Production (production)", "Contingency (contingency)");
            new Select(browser.findElement(By.id("componentId"))).selectByValue("prod-web");
            assertThat(browser.findElements(By.id("siteId"))).as("no site to type").isEmpty();
            replace("interval", "1h");
            browser.findElement(By.id("url")).sendKeys(site.baseUrl() + "/web/");
            browser.findElement(By.id("conditions")).sendKeys("[STATUS] == 200");
            screenshot("form");
            browser.findElement(By.cssSelector("form.monitor-form [type=submit]")).click();
            wait.until(ExpectedConditions.urlMatches("/monitors/site-web$"));
            assertThat(browser.findElement(By.cssSelector("[role=status]")).getText()).contains("Monitor created");
            assertThat(catalog.find("site-web")).hasValueSatisfying(m -> assertThat(((HttpMonitor) m.definition()).conditions()).containsExactly("[STATUS] == 200"));

            browser.findElement(By.linkText("← All monitors")).click();
            WebElement row = wait.until(ExpectedConditions.presenceOfElementLocated(By.xpath("//tr[td/a[text()='site-web']]")));
            assertThat(row.getText()).contains("prod-web").contains("production").contains(site.baseUrl() + "/web/");
            screenshot("list");
            row.findElement(By.linkText("site-web")).click();
            wait.until(ExpectedConditions.urlMatches("/monitors/site-web$"));

            clickButton("Pause");
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("[role=status]"), "Paused"));
            assertThat(catalog.find("site-web").orElseThrow().paused()).isTrue();
            assertThat(browser.findElement(By.cssSelector("section.block .badge")).getText()).isEqualToIgnoringCase("paused");
            clickButton("Resume");
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("[role=status]"), "Resumed"));
            assertThat(catalog.find("site-web").orElseThrow().paused()).isFalse();

            clickButton("Check now");
            WebElement checked = wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".checked")));
            assertThat(checked.findElement(By.cssSelector(".badge")).getText()).isEqualToIgnoringCase("up");
            assertThat(checked.getText()).startsWith("Checked just now").contains("HTTP 200");
            // the rest of the page says the same at once: the state, the latest result and the history
            assertThat(browser.findElement(By.cssSelector("section.block .badge")).getText()).isEqualToIgnoringCase("up");
            String page = browser.findElement(By.tagName("main")).getText();
            assertThat(page).doesNotContain("No check yet").doesNotContain("None yet");
            assertThat(browser.findElement(By.cssSelector("table.history tbody tr")).getText()).contains("UP").contains("HTTP 200");
            assertThat(browser.findElement(By.cssSelector(".uptime")).getText()).contains("100 %").contains("1 check");
            screenshot("monitor");

            // the demo site fails: check now says so
            site.setMode(DemoSite.Mode.DOWN);
            clickButton("Check now");
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".checked .badge"), "DOWN"));
            assertThat(browser.findElement(By.cssSelector(".checked .detail")).getText()).contains("503");

            // a day of results: the uptime figures and the response-time chart, drawn without script
            CheckResults results = app.getBean(CheckResults.class);
            Instant now = Instant.now();
            for (int minutes = 24 * 60 - 10; minutes > 10; minutes -= 10) {
                HealthStatus status = minutes > 300 && minutes < 330 ? HealthStatus.DOWN : HealthStatus.UP;
                results.accept(new HealthEvent(UUID.randomUUID().toString(), "site-web", "prod-web", "production", "probe-browser-it",
                        status, now.minus(Duration.ofMinutes(minutes)), status == HealthStatus.DOWN ? null : 20L + (minutes / 10) % 7 * 5 + (minutes > 600 && minutes < 700 ? 80 : 0),
                        status == HealthStatus.DOWN ? "HTTP 503" : "HTTP 200", Map.of()));
            }
            ResultBuckets buckets = app.getBean(ResultBuckets.class);
            org.awaitility.Awaitility.await().atMost(DEADLINE).until(() -> buckets.uptime("site-web", now.minus(Duration.ofDays(1))).checks() > 100);
            browser.navigate().refresh();
            WebElement chart = wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("figure.chart svg[role=img]")));
            assertThat(chart.findElements(By.cssSelector("polyline.latency"))).isNotEmpty();
            assertThat(chart.findElements(By.cssSelector("rect.failed"))).isNotEmpty();
            assertThat(chart.findElement(By.cssSelector("text.zone")).getText()).as("the hours' time zone").isEqualTo("UTC");
            assertThat(browser.findElement(By.cssSelector("figure.chart figcaption")).getText())
                    .startsWith("Response time over the last 24 hours, averaged per 5 minutes");
            assertThat(browser.findElement(By.cssSelector(".uptime")).getText()).containsIgnoringCase("24 hours").containsPattern("9\\d\\.\\d\\d %");
            screenshot("monitor-chart");

            // incident-service refused one of its results: the page says how many, why and when
            TestSites.park("health-events-browser-" + ProcessHandle.current().pid() + ".dlq", "site-web",
                    "Component prod-web is not on site production");
            wait.until(driver -> {
                driver.navigate().refresh();
                return driver.findElements(By.cssSelector(".parked")).stream().anyMatch(e -> e.getText().contains("1 result refused by incident-service"));
            });
            assertThat(browser.findElement(By.cssSelector(".parked .detail")).getText()).isEqualTo("Component prod-web is not on site production");
            screenshot("monitor-parked");
            browser.get(base + "/monitors?site=production");
            assertThat(browser.findElement(By.xpath("//tr[td/a[text()='site-web']]")).getText()).contains("REFUSED");
            screenshot("list-refused");

            // a monitor of the monitors file whose component the catalog no longer has: its page and its form say so
            browser.get(base + "/monitors/cont-telephony-http");
            assertThat(browser.findElement(By.cssSelector("section.block .warning")).getText())
                    .startsWith("incident-service has no component cont-telephony");
            screenshot("monitor-unknown-component");
            browser.get(base + "/monitors/cont-telephony-http/edit");
            assertThat(new Select(browser.findElement(By.id("componentId"))).getFirstSelectedOption().getText())
                    .isEqualTo("cont-telephony (not in incident-service's catalog)");
            browser.findElement(By.cssSelector("form.monitor-form [type=submit]")).click();
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("componentId-error")));
            assertThat(browser.findElement(By.id("componentId-error")).getText())
                    .startsWith("There is no component 'cont-telephony'; the components are prod-web, prod-api, prod-telephony, cont-web, cont-api");
            screenshot("form-refused");
        }
    }

    private void replace(String id, String text) {
        WebElement input = browser.findElement(By.id(id));
        input.clear();
        input.sendKeys(text);
    }

    private void clickButton(String text) {
        browser.findElement(By.xpath("//form//button[normalize-space()='" + text + "']")).click();
    }

    /** The whole page, not only the window: the window is made as tall as the page first. */
    private void screenshot(String name) throws IOException {
        browser.manage().window().setSize(WINDOW);
        Number height = (Number) browser.executeScript(
                "return document.documentElement.scrollHeight + window.outerHeight - window.innerHeight");
        browser.manage().window().setSize(new Dimension(WINDOW.width, Math.max(WINDOW.height, height.intValue())));
        Files.write(OUTPUT.resolve(name + ".png"), browser.getScreenshotAs(OutputType.BYTES));
    }
}
