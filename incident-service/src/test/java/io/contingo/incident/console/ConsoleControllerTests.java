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
import io.contingo.incident.incident.Incident;
import io.contingo.incident.incident.Incidents;
import io.contingo.incident.security.SecurityConfig;

/** The console's security and forms: who may come in, CSRF, errors next to the fields, stale forms refused. */
@WebMvcTest(ConsoleController.class)
@Import(SecurityConfig.class)
class ConsoleControllerTests {

    private static final Instant T0 = Instant.parse("2026-11-26T09:00:00Z");

    @Autowired
    private MockMvc mvc;

    @MockitoBean
    private Incidents incidents;

    @MockitoBean(name = "pageTime")
    private io.contingo.incident.statuspage.PageTime pageTime;

    @MockitoBean
    private Clock clock;

    private final Incident incident = Incident.open("inc-1", "production", "Production", 3, "prod-web", "Omnichannel web",
            ComponentStatus.MAJOR_OUTAGE, T0);

    @BeforeEach
    void anOpenIncident() {
        when(incidents.find("inc-1")).thenReturn(Optional.of(incident));
        when(incidents.unresolved()).thenReturn(List.of(incident));
        when(clock.instant()).thenReturn(T0.plusSeconds(60));
        when(pageTime.format(any())).thenReturn("26 Nov 2026, 10:00 CET");
        when(pageTime.duration(any(), any())).thenReturn("1 min");
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
                .andExpect(content().string(Matchers.containsString("An update cannot resolve the incident")));
        verify(incidents, never()).saveAgentChange(any(), anyLong());
    }
}
