package io.contingo.incident.drp;

import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.ArgumentMatchers.isNull;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import io.contingo.events.DrpCommand.StepKind;
import io.contingo.events.DrpRunSnapshot.Kind;
import io.contingo.events.DrpRunSnapshot.State;
import io.contingo.events.DrpRunSnapshot.Step;
import io.contingo.events.DrpRunSnapshot.StepState;
import io.contingo.incident.catalog.Catalog;
import io.contingo.incident.catalog.CatalogSettings;
import io.contingo.incident.security.SecurityConfig;
import io.contingo.incident.statuspage.PageTime;
import tools.jackson.databind.json.JsonMapper;

/**
 * The DRP pages of the console, rendered from runs in each state: what a manager reads before deciding, the forms
 * each person may use (and the security configuration refusing the others), refusals shown next to the form that
 * caused them, a run's steps with the action each needs, and a finished run's figures. The run on the real broker,
 * database and browser is {@code ConsoleBrowserIntegrationTests}'.
 */
@WebMvcTest(DrpConsoleController.class)
@Import({ SecurityConfig.class, PageTime.class, DrpConsoleControllerTests.Settings.class })
class DrpConsoleControllerTests {

    private static final Instant NOW = Instant.parse("2026-12-03T12:00:00Z");
    private static final DrpSettings.Pair PAIR = new DrpSettings.Pair("production", "production", "contingency",
            DrpSettings.Policy.MANUAL, Duration.ofMinutes(15), List.of("cont-api-backup"), URI.create("http://127.0.0.1:9/control/target"),
            "failover", "return");
    private static final Runbook RUNBOOK = new Runbook("failover", "Failover to the contingency site", "production", Kind.FAILOVER, List.of(
            new RunbookStep("Confirm production is lost", StepKind.MANUAL, Duration.ofMinutes(2), null, null, null, null, null, null,
                    null, null, "Check from outside that production cannot be reached.", List.of(), null, Map.of()),
            new RunbookStep("Promote the contingency database", StepKind.WEBHOOK, Duration.ofMinutes(1), null, "prod-api DOWN",
                    "http://127.0.0.1:8092/control/db/promote", "POST", null, null, 2, 200, null, List.of(), null, Map.of())));
    private static final String GUARD = "The Contingency site is not healthy: <b>Customer API</b> is major outage.";

    @TestConfiguration
    static class Settings {
        @Bean
        DrpSettings drpSettings() {
            return new DrpSettings(Duration.ofHours(2), Duration.ofHours(4), Duration.ofMinutes(5), "secret", "drp-commands", "drp-events",
                    List.of(), List.of(PAIR), List.of(RUNBOOK));
        }
    }

    @Autowired
    private MockMvc mvc;

    @Autowired
    private JsonMapper json;

    @Autowired
    private DrpSettings settings;

    @MockitoBean
    private DrpRuns runs;

    @MockitoBean
    private SitePairs pairs;

    @MockitoBean
    private Runbooks runbooks;

    @MockitoBean
    private RecoveryFigures figures;

    @MockitoBean
    private Catalog catalog;

    @MockitoBean
    private io.contingo.incident.incident.Incidents incidents;

    @MockitoBean
    private Clock clock;

    @BeforeEach
    void aPairServedFromProduction() {
        when(clock.instant()).thenReturn(NOW);
        when(catalog.page()).thenReturn(new CatalogSettings.Page("demo", "Demo", URI.create("http://127.0.0.1"), null, ZoneId.of("UTC")));
        when(figures.site("production")).thenReturn(new CatalogSettings.Site("production", "Production", "active", null,
                List.of(new CatalogSettings.Component("prod-api", "Customer API", "")), Map.of("es", "Producción")));
        when(figures.site("contingency")).thenReturn(new CatalogSettings.Site("contingency", "Contingency", "standby", null,
                List.of(new CatalogSettings.Component("cont-api", "Customer API (contingency)", "")), Map.of("es", "Contingencia")));
        when(figures.rpoExposure(eq(PAIR), any())).thenReturn(Optional.of(Duration.ofMinutes(25)));
        when(figures.problems(eq(PAIR), eq(Kind.FAILOVER), eq("contingency"), any())).thenReturn(List.of(GUARD));
        when(pairs.get("production")).thenReturn(new SitePairs.State("production", Map.of("production", "active", "contingency", "standby"),
                "production", NOW.minusSeconds(300), "contingo", null, List.of()));
        when(runbooks.find("failover")).thenReturn(Optional.of(RUNBOOK));
    }

    @Test
    void aManagerReadsWhatTheDecisionCostsAndTheGuardsBeforeApproving() throws Exception {
        DrpRun proposed = proposed();
        when(runs.open()).thenReturn(List.of(proposed));
        when(runs.recent(20)).thenReturn(List.of(proposed));
        mvc.perform(get("/console/drp").with(user("manager").roles("MANAGER")))
                .andExpect(status().isOk())
                .andExpect(content().string(allOf(
                        containsString("Proposed by agent on"),
                        containsString("10 min (target 2 h)"), // the RPO exposure when it was proposed
                        containsString("3 min (target 4 h)"), // the runbook's estimates against the RTO
                        containsString("25 min (target 2 h)"), // the exposure now, on the pair
                        containsString("Required: the guards see a problem"),
                        containsString("The Contingency site is not healthy: &lt;b&gt;Customer API&lt;/b&gt; is major outage."),
                        not(containsString("<b>Customer API</b>")),
                        containsString("action=\"/console/drp/runs/" + proposed.id() + "/approve\""),
                        containsString("action=\"/console/drp/runs/" + proposed.id() + "/refuse\""),
                        containsString("name=\"_csrf\""),
                        containsString("Customers are served from the Production site."),
                        containsString("Start a drill"))));
    }

    @Test
    void thePagesSpeakTheReadersLanguage() throws Exception {
        DrpRun proposed = proposed();
        when(runs.open()).thenReturn(List.of(proposed));
        mvc.perform(get("/console/drp").with(user("manager").roles("MANAGER")).header("Accept-Language", "es"))
                .andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString("Pendientes de la decisión de un responsable"),
                        containsString("Obligatorio: las salvaguardas ven un problema"), containsString("Aprobar e iniciar"),
                        containsString("Los clientes se sirven desde el sitio Producción."))));
    }

    @Test
    void anAgentIsToldWhoMayDecideAndCannotApproveNorDrill() throws Exception {
        DrpRun proposed = proposed();
        when(runs.open()).thenReturn(List.of(proposed));
        when(runs.find(proposed.id())).thenReturn(Optional.of(proposed));
        mvc.perform(get("/console/drp").with(user("agent").roles("AGENT")))
                .andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString("Only a manager may approve or refuse a run"),
                        not(containsString("/approve\"")), not(containsString("/refuse\"")), not(containsString("Start a drill")))));
        mvc.perform(get("/console/drp/runs/" + proposed.id()).with(user("agent").roles("AGENT")))
                .andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString("Only a manager may approve or refuse a run"), not(containsString("/approve\"")))));
        mvc.perform(post("/console/drp/runs/" + proposed.id() + "/approve").with(user("agent").roles("AGENT")).with(csrf()))
                .andExpect(status().isForbidden());
        mvc.perform(post("/console/drp/drills").with(user("agent").roles("AGENT")).with(csrf()).param("pair", "production").param("kind", "FAILOVER"))
                .andExpect(status().isForbidden());
        verify(runs, never()).approve(anyString(), anyString(), any(), any());
        verify(runs, never()).drill(anyString(), any(), anyString(), any());
    }

    @Test
    void approvingStartsTheRunAndShowsItsPage() throws Exception {
        DrpRun proposed = proposed();
        when(runs.approve(proposed.id(), "manager", "Production is gone for hours", null)).thenReturn(proposed);
        mvc.perform(post("/console/drp/runs/" + proposed.id() + "/approve").with(user("manager").roles("MANAGER")).with(csrf())
                        .param("override", " Production is gone for hours ").param("from", "overview"))
                .andExpect(status().isFound())
                .andExpect(redirectedUrl("/console/drp/runs/" + proposed.id()))
                .andExpect(flash().attribute("notice", "You approved the run: it has started."));
        mvc.perform(post("/console/drp/runs/" + proposed.id() + "/approve").with(user("manager").roles("MANAGER")))
                .andExpect(status().isForbidden()); // without the CSRF token
        verify(runs).approve(eq(proposed.id()), eq("manager"), eq("Production is gone for hours"), isNull());
    }

    @Test
    void anAgentProposesFromTheIncidentAndLandsOnTheRunOrBackOnTheIncidentWithTheReason() throws Exception {
        DrpRun proposed = proposed();
        when(runs.propose("production", Kind.FAILOVER, "inc-1", "agent")).thenReturn(proposed);
        mvc.perform(post("/console/drp/runs").with(user("agent").roles("AGENT")).with(csrf())
                        .param("pair", "production").param("kind", "FAILOVER").param("incidentId", "inc-1"))
                .andExpect(status().isFound())
                .andExpect(redirectedUrl("/console/drp/runs/" + proposed.id()))
                .andExpect(flash().attribute("notice", "The run is proposed. Managers are told; it starts when one approves."));
        when(runs.propose("production", Kind.RETURN, "inc-1", "agent"))
                .thenThrow(new DrpRefusal.Conflict("The pair production has a run in progress (drp-1): finish or abort it first."));
        mvc.perform(post("/console/drp/runs").with(user("agent").roles("AGENT")).with(csrf())
                        .param("pair", "production").param("kind", "RETURN").param("incidentId", "inc-1"))
                .andExpect(status().isFound())
                .andExpect(redirectedUrl("/console/incidents/inc-1"))
                .andExpect(flash().attribute("problem", "The pair production has a run in progress (drp-1): finish or abort it first."))
                .andExpect(flash().attribute("problemAt", "propose"));
    }

    @Test
    void aManagerStartsADrillOrIsToldWhatTheGuardsSayNextToTheDrillForm() throws Exception {
        DrpRun drill = new DrpRun("drp-20261203-120000-drill-failover", PAIR, RUNBOOK, json.writeValueAsString(RUNBOOK), true, null, settings);
        drill.start("manager", NOW, "Drill", null, List.of(), 600L);
        when(runs.drill("production", Kind.FAILOVER, "manager", null)).thenThrow(new DrpRefusal.Conflict(GUARD + " To drill anyway, give an override reason."));
        when(runs.drill("production", Kind.FAILOVER, "manager", "Quarterly drill")).thenReturn(drill);
        MvcResult refused = mvc.perform(post("/console/drp/drills").with(user("manager").roles("MANAGER")).with(csrf())
                        .param("pair", "production").param("kind", "FAILOVER").param("override", ""))
                .andExpect(status().isFound())
                .andExpect(redirectedUrl("/console/drp"))
                .andExpect(flash().attribute("problemAt", "drill-production"))
                .andReturn();
        String page = mvc.perform(get("/console/drp").with(user("manager").roles("MANAGER")).flashAttrs(refused.getFlashMap()))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        org.assertj.core.api.Assertions.assertThat(page).contains("<details open=\"open\">")
                .contains("To drill anyway, give an override reason.");
        keep("overview-drill-refused", page);

        mvc.perform(post("/console/drp/drills").with(user("manager").roles("MANAGER")).with(csrf())
                        .param("pair", "production").param("kind", "FAILOVER").param("override", "Quarterly drill"))
                .andExpect(status().isFound())
                .andExpect(redirectedUrl("/console/drp/runs/" + drill.id()));
        when(runs.find(drill.id())).thenReturn(Optional.of(drill));
        mvc.perform(get("/console/drp/runs/" + drill.id()).with(user("manager").roles("MANAGER")))
                .andExpect(content().string(allOf(containsString("Drill"), containsString("without switching the entry URL or the roles"))));
    }

    @Test
    void anAgentDeclaresProductionLostFromTheIncident() throws Exception {
        mvc.perform(post("/console/drp/pairs/production/lost").with(user("agent").roles("AGENT")).with(csrf()).param("incidentId", "inc-1"))
                .andExpect(status().isFound())
                .andExpect(redirectedUrl("/console/incidents/inc-1"))
                .andExpect(flash().attribute("notice", "The production site is declared lost; a failover's recovery time runs from now."));
        verify(pairs).declareLost("production", NOW, "agent");
        verify(incidents).note(eq("inc-1"), eq("agent"), containsStringArg("declared the Production site lost"), eq(NOW));
        mvc.perform(post("/console/drp/pairs/elsewhere/lost").with(user("agent").roles("AGENT")).with(csrf()).param("incidentId", "inc-1"))
                .andExpect(status().isNotFound());
    }

    private static String containsStringArg(String part) {
        return org.mockito.ArgumentMatchers.argThat(text -> text != null && text.contains(part));
    }

    @Test
    void onlyAnAdministratorSwitchesTheRolesByHandWithAReason() throws Exception {
        when(pairs.get("production")).thenReturn(new SitePairs.State("production", Map.of("production", "active", "contingency", "standby"),
                "production", null, null, null, List.of(new SitePairs.RoleChange(NOW.minusSeconds(60), "admin",
                        Map.of("production", "active", "contingency", "standby"), "Back after the <i>test</i>", null))));
        mvc.perform(get("/console/drp").with(user("manager").roles("MANAGER")))
                .andExpect(content().string(allOf(containsString("Role changes"), containsString("Back after the &lt;i&gt;test&lt;/i&gt;"),
                        not(containsString("/roles\"")))));
        keep("overview-admin", mvc.perform(get("/console/drp").with(user("admin").roles("ADMIN", "MANAGER", "AGENT")))
                .andExpect(content().string(containsString("action=\"/console/drp/pairs/production/roles\"")))
                .andReturn().getResponse().getContentAsString());
        mvc.perform(post("/console/drp/pairs/production/roles").with(user("manager").roles("MANAGER")).with(csrf())
                        .param("role.production", "maintenance").param("reason", "Planned work"))
                .andExpect(status().isForbidden());
        mvc.perform(post("/console/drp/pairs/production/roles").with(user("admin").roles("ADMIN")).with(csrf())
                        .param("role.production", "maintenance").param("role.contingency", "standby").param("reason", " "))
                .andExpect(redirectedUrl("/console/drp"))
                .andExpect(flash().attribute("problem", "reason: say why the roles change"))
                .andExpect(flash().attribute("problemAt", "roles-production"));
        verify(pairs, never()).setRoles(anyString(), any(), anyString(), anyString(), any());
        mvc.perform(post("/console/drp/pairs/production/roles").with(user("admin").roles("ADMIN")).with(csrf())
                        .param("role.production", "maintenance").param("role.contingency", "standby").param("reason", "Planned work"))
                .andExpect(redirectedUrl("/console/drp"))
                .andExpect(flash().attribute("notice", "The roles are switched and recorded."));
        verify(pairs).setRoles("production", Map.of("production", "maintenance", "contingency", "standby"), "admin", "Planned work", null);
    }

    @Test
    void aRefusalIsExplainedNextToTheFormThatCausedIt() throws Exception {
        DrpRun proposed = proposed();
        when(runs.open()).thenReturn(List.of(proposed));
        when(runs.refuse(proposed.id(), "manager", "")).thenThrow(new DrpRefusal("reason: say why the run is refused"));
        MvcResult refused = mvc.perform(post("/console/drp/runs/" + proposed.id() + "/refuse").with(user("manager").roles("MANAGER"))
                        .with(csrf()).param("reason", "").param("from", "overview"))
                .andExpect(status().isFound())
                .andExpect(redirectedUrl("/console/drp"))
                .andExpect(flash().attribute("problemAt", "refuse-" + proposed.id()))
                .andReturn();
        String page = mvc.perform(get("/console/drp").with(user("manager").roles("MANAGER")).flashAttrs(refused.getFlashMap()))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        int form = page.indexOf("action=\"/console/drp/runs/" + proposed.id() + "/refuse\"");
        int message = page.indexOf("reason: say why the run is refused");
        org.assertj.core.api.Assertions.assertThat(message).as("the refusal inside the refuse form").isGreaterThan(form);
        org.assertj.core.api.Assertions.assertThat(page.indexOf("</form>", form)).isGreaterThan(message);
    }

    @Test
    void aRunningRunOffersWhatEachStepNeedsAndRefreshesItself() throws Exception {
        DrpRun run = proposed();
        run.start("manager", NOW.minusSeconds(200), null, null, List.of(), 600L);
        run.setStep(RunSteps.with(run.steps().get(0), StepState.WAITING_FOR_PERSON, 1, NOW.minusSeconds(150), null, null, null));
        when(runs.find(run.id())).thenReturn(Optional.of(run));
        mvc.perform(get("/console/drp/runs/" + run.id()).with(user("agent").roles("AGENT")))
                .andExpect(status().isOk())
                .andExpect(content().string(allOf(
                        containsString("Waiting for a person"),
                        containsString("2 min so far (estimate 2 min)"),
                        containsString("Check from outside that production cannot be reached."),
                        containsString("action=\"/console/drp/runs/" + run.id() + "/steps/0/confirm\""),
                        containsString("action=\"/console/drp/runs/" + run.id() + "/abort\""),
                        not(containsString("/retry\"")),
                        containsString("Expected end"),
                        containsString("setInterval"),
                        containsString("href=\"http://localhost:8083/reports/drp/" + run.id() + ".pdf\""))));

        run.setStep(RunSteps.with(run.steps().get(0), StepState.SUCCEEDED, 1, NOW.minusSeconds(150), NOW.minusSeconds(100), "agent", "Checked"));
        run.setStep(RunSteps.with(run.steps().get(1), StepState.FAILED, 3, NOW.minusSeconds(100), NOW.minusSeconds(10), "contingo",
                "HTTP 500 <html> from the contingency site"));
        run.waitForAgent();
        keep("run-failed-step", mvc.perform(get("/console/drp/runs/" + run.id()).with(user("agent").roles("AGENT")))
                .andExpect(status().isOk())
                .andExpect(content().string(allOf(
                        containsString("Waiting for an agent"),
                        containsString("1 min (estimate 1 min)"),
                        containsString("HTTP 500 &lt;html&gt; from the contingency site"),
                        containsString("action=\"/console/drp/runs/" + run.id() + "/steps/1/retry\""),
                        containsString("action=\"/console/drp/runs/" + run.id() + "/steps/1/skip\""),
                        not(containsString("/confirm\"")))))
                .andReturn().getResponse().getContentAsString());
    }

    @Test
    void aFinishedRunShowsTheRecoveryAgainstTheTargetsAndStopsRefreshing() throws Exception {
        DrpRun run = proposed();
        run.start("manager", NOW.minusSeconds(600), null, null, List.of(), 600L);
        run.serviceRestored(NOW.minusSeconds(60));
        run.end(State.SUCCEEDED, NOW.minusSeconds(30));
        when(runs.find(run.id())).thenReturn(Optional.of(run));
        mvc.perform(get("/console/drp/runs/" + run.id()).with(user("manager").roles("MANAGER")))
                .andExpect(status().isOk())
                .andExpect(content().string(allOf(
                        containsString("Succeeded"),
                        containsString("RTO achieved"),
                        containsString("9 min (target 4 h)"),
                        containsString("10 min (target 2 h)"),
                        not(containsString("setInterval")),
                        not(containsString("/abort\"")))));
    }

    @Test
    void theRunbooksAreShownWithTheirSettingsAndLastChange() throws Exception {
        when(runbooks.all()).thenReturn(List.of(RUNBOOK));
        when(runbooks.lastEdit("failover")).thenReturn(Optional.of(new Runbooks.Edit("admin", NOW.minusSeconds(3600))));
        mvc.perform(get("/console/drp/runbooks").with(user("agent").roles("AGENT")))
                .andExpect(status().isOk())
                .andExpect(content().string(allOf(
                        containsString("POST http://127.0.0.1:8092/control/db/promote"),
                        containsString("only when prod-api DOWN"),
                        containsString("30 s, retried 2 time(s)"),
                        containsString("Check from outside that production cannot be reached."),
                        containsString("last changed by admin"),
                        not(containsString(settings.webhookSecret())))));
    }

    /** The page as rendered, with its stylesheet inlined, in {@code target/drp-pages/}: to look at in a browser. */
    private static void keep(String name, String html) throws java.io.IOException {
        java.nio.file.Path folder = java.nio.file.Files.createDirectories(java.nio.file.Path.of("target", "drp-pages"));
        String css = new String(DrpConsoleControllerTests.class.getResourceAsStream("/static/css/app.css").readAllBytes(),
                java.nio.charset.StandardCharsets.UTF_8);
        java.nio.file.Files.writeString(folder.resolve(name + ".html"),
                html.replace("<link rel=\"stylesheet\" href=\"/css/app.css\">", "<style>" + css + "</style>"));
    }

    private DrpRun proposed() {
        DrpRun run = new DrpRun("drp-20261203-120000-failover", PAIR, RUNBOOK, json.writeValueAsString(RUNBOOK), false, "inc-1", settings);
        run.propose("agent", NOW.minusSeconds(300), List.of(GUARD), 600L, null);
        return run;
    }
}
