package io.contingo.incident.console;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.model;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.view;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import org.hamcrest.Matchers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

import io.contingo.events.ComponentStatus;
import io.contingo.events.IncidentSnapshot;
import io.contingo.incident.catalog.Catalog;
import io.contingo.incident.catalog.CatalogSettings;
import io.contingo.incident.incident.Incident;
import io.contingo.incident.incident.Incidents;
import io.contingo.incident.security.SecurityConfig;

/** The console's security and forms: who may come in, CSRF, errors next to the fields, stale forms refused. */
@WebMvcTest({ ConsoleController.class, IncidentPageController.class })
@Import({ SecurityConfig.class, IncidentDesk.class, io.contingo.starter.accounts.AccountsAutoConfiguration.class })
class ConsoleControllerTests {

    private static final Instant T0 = Instant.parse("2026-11-26T09:00:00Z");

    @Autowired
    private MockMvc mvc;

    @MockitoBean
    private Incidents incidents;

    @MockitoBean
    private io.contingo.incident.drp.DrpRuns drpRuns;

    @MockitoBean
    private io.contingo.incident.drp.SitePairs sitePairs;

    @MockitoBean(name = "pageTime")
    private io.contingo.incident.statuspage.PageTime pageTime;

    @MockitoBean
    private Clock clock;

    @MockitoBean
    private Catalog catalog;

    private static final CatalogSettings.Site PRODUCTION = new CatalogSettings.Site("production", "Production", "active", null,
            List.of(new CatalogSettings.Component("prod-web", "Omnichannel web", ""),
                    new CatalogSettings.Component("prod-telephony", "Telephony", "")));

    private final Incident incident = Incident.open("inc-1", "production", "Production", 3, "prod-web", "Omnichannel web",
            ComponentStatus.MAJOR_OUTAGE, T0);

    @BeforeEach
    void anOpenIncident() {
        when(incidents.find("inc-1")).thenReturn(Optional.of(incident));
        when(incidents.unresolved()).thenReturn(List.of(incident));
        when(clock.instant()).thenReturn(T0.plusSeconds(60));
        when(pageTime.format(any())).thenReturn("26 Nov 2026, 10:00 CET");
        when(pageTime.duration(any(), any())).thenReturn("1 min");
        when(catalog.sites()).thenReturn(List.of(PRODUCTION));
        when(catalog.component("prod-telephony")).thenReturn(Optional.of(new Catalog.Placement(PRODUCTION,
                PRODUCTION.components().get(1), 2)));
    }

    @Test
    void anonymousPeopleAreSentToTheLoginForm() throws Exception {
        mvc.perform(get("/console").accept(MediaType.TEXT_HTML)).andExpect(status().isFound()).andExpect(redirectedUrl("/login"));
    }

    @Test
    void agentsSeeTheOpenIncidents() throws Exception {
        mvc.perform(get("/console").with(user("agent").roles("AGENT")))
                .andExpect(status().isOk())
                .andExpect(view().name("console/list"))
                .andExpect(content().string(Matchers.containsString("Production site outage")));
    }

    @Test
    void aFormPostedWithoutItsCsrfTokenIsRefused() throws Exception {
        mvc.perform(post("/console/incidents/inc-1/updates").with(user("agent").roles("AGENT"))
                        .param("status", "IDENTIFIED").param("body", "Found it").param("version", "0"))
                .andExpect(status().isForbidden());
        verify(incidents, never()).saveAgentChange(any(), anyLong());
    }

    @Test
    void anEmptyMessageIsShownNextToItsFieldAndNothingIsSaved() throws Exception {
        mvc.perform(post("/console/incidents/inc-1/updates").with(user("agent").roles("AGENT")).with(csrf())
                        .param("status", "IDENTIFIED").param("body", "  ").param("version", "0"))
                .andExpect(status().isOk())
                .andExpect(view().name("console/incident"))
                .andExpect(model().attributeHasFieldErrors("updateForm", "body"))
                .andExpect(content().string(Matchers.containsString("Write what customers should know")));
        verify(incidents, never()).saveAgentChange(any(), anyLong());
    }

    @Test
    void anIncidentFullOfUpdatesSaysSoNextToTheFieldAndNothingIsSaved() throws Exception {
        while (incident.hasRoomForUpdate()) {
            incident.postUpdate(IncidentSnapshot.Status.IDENTIFIED, "Still working on it.", T0);
        }
        mvc.perform(post("/console/incidents/inc-1/updates").with(user("agent").roles("AGENT")).with(csrf())
                        .param("status", "IDENTIFIED").param("body", "One more").param("version", "0"))
                .andExpect(status().isOk())
                .andExpect(model().attributeHasFieldErrors("updateForm", "body"))
                .andExpect(content().string(Matchers.containsString("resolve it and declare a new incident for what follows")));
        verify(incidents, never()).saveAgentChange(any(), anyLong());
    }

    @Test
    void aValidUpdateIsSavedAndTheAgentSeesTheIncidentAgain() throws Exception {
        mvc.perform(post("/console/incidents/inc-1/updates").with(user("agent").roles("AGENT")).with(csrf())
                        .param("status", "IDENTIFIED").param("body", "A failed storage controller; switching to the spare.")
                        .param("version", "0"))
                .andExpect(status().isFound())
                .andExpect(redirectedUrl("/console/incidents/inc-1"));
        verify(incidents).saveAgentChange(incident, 0L);
    }

    @Test
    void aSecondAgentsStaleFormIsRefusedWithAnExplanation() throws Exception {
        doThrow(new OptimisticLockingFailureException("changed")).when(incidents).saveAgentChange(any(), anyLong());

        mvc.perform(post("/console/incidents/inc-1/updates").with(user("agent2").roles("AGENT")).with(csrf())
                        .param("status", "MONITORING").param("body", "Looks better").param("version", "0"))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("Another agent changed this incident")));
    }

    @Test
    void anEmptyRootCauseIsRefusedNextToItsField() throws Exception {
        mvc.perform(post("/console/incidents/inc-1/root-cause").with(user("agent").roles("AGENT")).with(csrf())
                        .param("text", "").param("version", "0"))
                .andExpect(status().isOk())
                .andExpect(model().attributeHasFieldErrors("rootCauseForm", "text"))
                .andExpect(content().string(Matchers.containsString("Describe the root cause")));
        verify(incidents, never()).saveAgentChange(any(), anyLong());
    }

    @Test
    void aCorrectiveActionIsAddedAndABadDateIsShownNextToItsField() throws Exception {
        mvc.perform(post("/console/incidents/inc-1/actions").with(user("agent").roles("AGENT")).with(csrf())
                        .param("description", "Replace the controller").param("owner", "Operations").param("due", "next week")
                        .param("phase", "IMMEDIATE").param("version", "0"))
                .andExpect(status().isOk())
                .andExpect(model().attributeHasFieldErrors("actionForm", "due"))
                .andExpect(content().string(Matchers.containsString("Give the date as YYYY-MM-DD")));
        verify(incidents, never()).saveAgentChange(any(), anyLong());

        mvc.perform(post("/console/incidents/inc-1/actions").with(user("agent").roles("AGENT")).with(csrf())
                        .param("description", "Replace the controller").param("owner", "Operations").param("due", "2026-12-01")
                        .param("phase", "IMMEDIATE").param("version", "0"))
                .andExpect(status().isFound());
        verify(incidents).saveAgentChange(incident, 0L);
        org.assertj.core.api.Assertions.assertThat(incident.snapshot().correctiveActions()).singleElement()
                .satisfies(a -> org.assertj.core.api.Assertions.assertThat(a.due()).isEqualTo(java.time.LocalDate.of(2026, 12, 1)));
    }

    @Test
    void anUpdateCannotResolve() throws Exception {
        mvc.perform(post("/console/incidents/inc-1/updates").with(user("agent").roles("AGENT")).with(csrf())
                        .param("status", "RESOLVED").param("body", "Done").param("version", "0"))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("An update keeps the incident open: to resolve it, use Resolve")));
        verify(incidents, never()).saveAgentChange(any(), anyLong());
    }

    @Test
    void aPreviewShowsTheUpdateOnThePageAndInTheEmailAndPublishesNothing() throws Exception {
        // the preview is posted, then shown on the incident's own address: a reload does not post again
        var posted = mvc.perform(post("/console/incidents/inc-1/updates").with(user("agent").roles("AGENT")).with(csrf())
                        .param("status", "IDENTIFIED").param("body", "A <b>storage</b> controller failed.").param("version", "0")
                        .param("preview", "1"))
                .andExpect(status().isFound())
                .andExpect(redirectedUrl("/console/incidents/inc-1#update"))
                .andReturn();
        verify(incidents, never()).saveAgentChange(any(), anyLong());

        mvc.perform(get("/console/incidents/inc-1").with(user("agent").roles("AGENT")).flashAttrs(posted.getFlashMap()))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("how customers will read it")))
                .andExpect(content().string(Matchers.containsString("A &lt;b&gt;storage&lt;/b&gt; controller failed.")))
                .andExpect(content().string(Matchers.containsString("[Update] Production site outage")))
                .andExpect(content().string(Matchers.containsString("Update on an ongoing incident")))
                // the form keeps what the agent wrote, ready to publish
                .andExpect(content().string(Matchers.containsString(">A &lt;b&gt;storage&lt;/b&gt; controller failed.</textarea>")));
        verify(incidents, never()).saveAgentChange(any(), anyLong());
    }

    @Test
    void anInternalNoteGoesToTheTimelineAndAnEmptyOneIsRefused() throws Exception {
        mvc.perform(post("/console/incidents/inc-1/notes").with(user("agent").roles("AGENT")).with(csrf())
                        .param("note", " ").param("version", "0"))
                .andExpect(status().isOk())
                .andExpect(model().attributeHasFieldErrors("noteForm", "note"))
                .andExpect(content().string(Matchers.containsString("Write the note")));
        verify(incidents, never()).saveAgentChange(any(), anyLong());

        mvc.perform(post("/console/incidents/inc-1/notes").with(user("agent").roles("AGENT")).with(csrf())
                        .param("note", "Storage team paged.").param("version", "0"))
                .andExpect(status().isFound());
        verify(incidents).saveAgentChange(incident, 0L);
        org.assertj.core.api.Assertions.assertThat(incident.figures().activity().getLast().text()).isEqualTo("Storage team paged.");
        org.assertj.core.api.Assertions.assertThat(incident.figures().activity().getLast().actor()).isEqualTo("agent");
    }

    @Test
    void theOwnerIsPickedFromTheAgentsOrTakenByOneself() throws Exception {
        // the page offers the known agents (the demo accounts with the AGENT role) and "Take it"
        mvc.perform(get("/console/incidents/inc-1").with(user("agent").roles("AGENT")))
                .andExpect(status().isOk())
                .andExpect(model().attribute("agents", List.of("admin", "agent")))
                .andExpect(content().string(Matchers.containsString("<option value=\"agent\">agent (you)</option>")))
                .andExpect(content().string(Matchers.containsString("Take it")));

        for (String notAnAgent : List.of("<script>", "agentagent", "manager")) {
            mvc.perform(post("/console/incidents/inc-1/assign").with(user("agent").roles("AGENT")).with(csrf())
                            .param("assignee", notAnAgent).param("version", "0"))
                    .andExpect(status().isOk())
                    .andExpect(model().attributeHasFieldErrors("assignForm", "assignee"));
        }
        verify(incidents, never()).saveAgentChange(any(), anyLong());

        mvc.perform(post("/console/incidents/inc-1/assign").with(user("agent").roles("AGENT")).with(csrf())
                        .param("assignee", "admin").param("version", "0"))
                .andExpect(status().isFound());
        org.assertj.core.api.Assertions.assertThat(incident.figures().assignee()).isEqualTo("admin");

        mvc.perform(post("/console/incidents/inc-1/assign").with(user("agent").roles("AGENT")).with(csrf())
                        .param("assignee", "agent").param("version", "0"))
                .andExpect(status().isFound())
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash().attribute("notice",
                        "You own this incident now."));
        org.assertj.core.api.Assertions.assertThat(incident.figures().assignee()).isEqualTo("agent");
    }

    @Test
    void severityAndImpactAreTheAgentsToSet() throws Exception {
        mvc.perform(post("/console/incidents/inc-1/classify").with(user("agent").roles("AGENT")).with(csrf())
                        .param("severity", "SEV1").param("impact", "CRITICAL").param("version", "0"))
                .andExpect(status().isFound());
        org.assertj.core.api.Assertions.assertThat(incident.snapshot().severity()).isEqualTo(IncidentSnapshot.Severity.SEV1);
        org.assertj.core.api.Assertions.assertThat(incident.snapshot().impact()).isEqualTo(IncidentSnapshot.Impact.CRITICAL);
    }

    @Test
    void anAgentResolvesByHandWithALastWordForCustomers() throws Exception {
        mvc.perform(post("/console/incidents/inc-1/resolve").with(user("agent").roles("AGENT")).with(csrf())
                        .param("resolution", "").param("version", "0"))
                .andExpect(status().isOk())
                .andExpect(model().attributeHasFieldErrors("resolveForm", "resolution"));

        mvc.perform(post("/console/incidents/inc-1/resolve").with(user("agent").roles("AGENT")).with(csrf())
                        .param("resolution", "The spare controller took over.").param("version", "0"))
                .andExpect(status().isFound());
        org.assertj.core.api.Assertions.assertThat(incident.isOpen()).isFalse();
        org.assertj.core.api.Assertions.assertThat(incident.snapshot().updates().getLast().body()).isEqualTo("The spare controller took over.");
    }

    @Test
    void declaringByHandNeedsAServiceAndThenOpensTheIncident() throws Exception {
        mvc.perform(post("/console/incidents").with(user("agent").roles("AGENT")).with(csrf())
                        .param("name", "Calls drop").param("componentStatus", "PARTIAL_OUTAGE").param("impact", "MINOR")
                        .param("severity", "SEV3").param("body", "Customers report dropped calls."))
                .andExpect(status().isOk())
                .andExpect(view().name("console/declare"))
                .andExpect(model().attributeHasFieldErrors("declareForm", "componentIds"))
                .andExpect(content().string(Matchers.containsString("Choose at least one affected service")));
        verify(incidents, never()).declare(any());

        mvc.perform(post("/console/incidents").with(user("agent").roles("AGENT")).with(csrf())
                        .param("name", "Calls drop").param("componentIds", "prod-telephony").param("componentStatus", "PARTIAL_OUTAGE")
                        .param("impact", "MINOR").param("severity", "SEV3").param("body", "Customers report dropped calls."))
                .andExpect(status().isFound())
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrlPattern("/console/incidents/inc-*"));
        verify(incidents).declare(org.mockito.ArgumentMatchers.argThat(i -> i.snapshot().name().equals("Calls drop")
                && i.figures().declaredBy().equals("agent") && i.snapshot().components().getFirst().componentId().equals("prod-telephony")));
    }

    @Test
    void theListFiltersAndRefreshesAsAFragment() throws Exception {
        mvc.perform(get("/console/list").param("state", "open").param("severity", "SEV4").with(user("agent").roles("AGENT")))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("No incident matches these filters")))
                .andExpect(content().string(Matchers.not(Matchers.containsString("<html"))));
        mvc.perform(get("/console").param("site", "production").with(user("manager").roles("MANAGER")))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("hx-get=\"/console/list?state=open&amp;site=production\"")));
    }

    @Test
    void agentsAddAServiceAndRemoveOneListedByMistake() throws Exception {
        mvc.perform(post("/console/incidents/inc-1/components").with(user("agent").roles("AGENT")).with(csrf())
                        .param("componentId", "").param("status", "OPERATIONAL").param("version", "0"))
                .andExpect(status().isOk())
                .andExpect(model().attributeHasFieldErrors("componentForm", "componentId"))
                .andExpect(content().string(Matchers.containsString("A service in an incident is out or degraded")));
        verify(incidents, never()).saveAgentChange(any(), anyLong());

        mvc.perform(post("/console/incidents/inc-1/components").with(user("agent").roles("AGENT")).with(csrf())
                        .param("componentId", "prod-telephony").param("status", "PARTIAL_OUTAGE").param("version", "0"))
                .andExpect(status().isFound());
        org.assertj.core.api.Assertions.assertThat(incident.snapshot().components()).extracting(c -> c.componentId())
                .containsExactly("prod-web", "prod-telephony");

        mvc.perform(post("/console/incidents/inc-1/components/prod-telephony/remove").with(user("agent").roles("AGENT")).with(csrf())
                        .param("version", "0"))
                .andExpect(status().isFound());
        org.assertj.core.api.Assertions.assertThat(incident.snapshot().components()).extracting(c -> c.componentId())
                .containsExactly("prod-web");
        mvc.perform(post("/console/incidents/inc-1/components/prod-web/remove").with(user("agent").roles("AGENT")).with(csrf())
                        .param("version", "0"))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("An incident affects at least one service")));
    }
}
