package io.contingo.incident.console;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
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

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

import org.hamcrest.Matchers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import io.contingo.incident.catalog.Catalog;
import io.contingo.incident.catalog.CatalogSettings;
import io.contingo.incident.maintenance.MaintenanceSettings;
import io.contingo.incident.maintenance.Maintenances;
import io.contingo.incident.security.SecurityConfig;

/** Planning maintenance from the console: times in the page's zone, errors next to the fields, nothing planned on bad input. */
@WebMvcTest(MaintenanceConsoleController.class)
@Import({ SecurityConfig.class, MaintenanceConsoleControllerTests.Settings.class })
class MaintenanceConsoleControllerTests {

    /** contingo.maintenance with its defaults: agents plan up to 4 h. */
    @EnableConfigurationProperties(MaintenanceSettings.class)
    static class Settings {
    }

    private static final CatalogSettings.Site CONTINGENCY = new CatalogSettings.Site("contingency", "Contingency", "standby", null,
            List.of(new CatalogSettings.Component("cont-telephony", "Telephony (contingency)", "")));

    @Autowired
    private MockMvc mvc;

    @MockitoBean
    private Maintenances maintenances;

    @MockitoBean
    private Catalog catalog;

    @MockitoBean
    private Clock clock;

    @MockitoBean(name = "pageTime")
    private io.contingo.incident.statuspage.PageTime pageTime;

    @BeforeEach
    void aCatalog() {
        when(clock.instant()).thenReturn(Instant.parse("2026-11-26T09:00:00Z"));
        when(catalog.page()).thenReturn(new CatalogSettings.Page("demo", "Demo", URI.create("http://127.0.0.1"), null,
                ZoneId.of("Europe/Madrid")));
        when(catalog.sites()).thenReturn(List.of(CONTINGENCY));
        when(catalog.component("cont-telephony")).thenReturn(Optional.of(new Catalog.Placement(CONTINGENCY,
                CONTINGENCY.components().getFirst(), 1)));
    }

    @Test
    void anAgentSeesThePlanningFormWithTheServices() throws Exception {
        mvc.perform(get("/console/maintenance").with(user("agent").roles("AGENT")))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("Telephony (contingency)")))
                .andExpect(content().string(Matchers.containsString("Europe/Madrid")));
    }

    @Test
    void aWindowEndingBeforeItStartsIsRefusedNextToItsFields() throws Exception {
        mvc.perform(post("/console/maintenance").with(user("agent").roles("AGENT")).with(csrf())
                        .param("name", "Upgrade").param("description", "Calls may drop.").param("componentIds", "cont-telephony")
                        .param("starts", "2026-11-27T03:00").param("ends", "2026-11-27T02:00"))
                .andExpect(status().isOk())
                .andExpect(model().attributeHasErrors("maintenanceForm"))
                .andExpect(content().string(Matchers.containsString("The window must end after it starts")));
        mvc.perform(post("/console/maintenance").with(user("agent").roles("AGENT")).with(csrf())
                        .param("name", "").param("description", "Calls may drop.").param("starts", "2026-11-27T02:00").param("ends", "2026-11-27T03:00"))
                .andExpect(status().isOk())
                .andExpect(model().attributeHasFieldErrors("maintenanceForm", "name", "componentIds"))
                .andExpect(content().string(Matchers.containsString("Choose at least one service")));
        mvc.perform(post("/console/maintenance").with(user("agent").roles("AGENT")).with(csrf())
                        .param("name", "Upgrade").param("description", "Calls may drop.").param("componentIds", "cont-telephony")
                        .param("starts", "tomorrow").param("ends", "2026-11-27T03:00"))
                .andExpect(status().isOk())
                .andExpect(model().attributeHasFieldErrors("maintenanceForm", "starts"))
                .andExpect(content().string(Matchers.containsString("Give the start as date and time")));
        verify(maintenances, never()).plan(anyString(), anyString(), anyList(), any(), any(), anyString());
    }

    @Test
    void aValidWindowIsPlannedInThePagesTimeZone() throws Exception {
        when(maintenances.plan(anyString(), anyString(), anyList(), any(), any(), anyString()))
                .thenReturn(org.mockito.Mockito.mock(io.contingo.incident.maintenance.Maintenance.class));
        mvc.perform(post("/console/maintenance").with(user("agent").roles("AGENT")).with(csrf())
                        .param("name", "Upgrade").param("description", "Calls may drop.").param("componentIds", "cont-telephony")
                        .param("starts", "2026-11-27T02:00").param("ends", "2026-11-27T03:00"))
                .andExpect(status().isFound())
                .andExpect(redirectedUrl("/console/maintenance"));
        verify(maintenances).plan(eq("Upgrade"), eq("Calls may drop."), eq(List.of(new io.contingo.incident.maintenance.Maintenance.Covered(
                "cont-telephony", "Telephony (contingency)"))), eq(Instant.parse("2026-11-27T01:00:00Z")),
                eq(Instant.parse("2026-11-27T02:00:00Z")), eq("agent"));
    }

    @Test
    void anAgentPlansUpToFourHoursAndALongerWindowNeedsAManager() throws Exception {
        mvc.perform(get("/console/maintenance").with(user("agent").roles("AGENT")))
                .andExpect(content().string(Matchers.containsString("Up to 4 h: a longer window needs a manager to plan it.")));
        mvc.perform(planning("agent", "Upgrade", "Calls may drop.", "2026-11-27T02:00", "2026-11-27T06:01"))
                .andExpect(status().isOk())
                .andExpect(model().attributeHasFieldErrors("maintenanceForm", "ends"))
                .andExpect(content().string(Matchers.containsString(
                        "A window longer than 4 h silences detection for that long: a manager must plan it.")));
        verify(maintenances, never()).plan(anyString(), anyString(), anyList(), any(), any(), anyString());

        when(maintenances.plan(anyString(), anyString(), anyList(), any(), any(), anyString()))
                .thenReturn(org.mockito.Mockito.mock(io.contingo.incident.maintenance.Maintenance.class));
        mvc.perform(planning("agent", "Upgrade", "Calls may drop.", "2026-11-27T02:00", "2026-11-27T06:00"))
                .andExpect(status().isFound());
        mvc.perform(planning("manager", "Migration", "Calls may drop.", "2026-11-27T02:00", "2026-11-28T02:00"))
                .andExpect(status().isFound());
        verify(maintenances).plan(eq("Migration"), anyString(), anyList(), any(), eq(Instant.parse("2026-11-28T01:00:00Z")), eq("manager"));
    }

    @Test
    void aWindowEndingInThePastSaysSoNextToItsEnd() throws Exception {
        mvc.perform(planning("agent", "Upgrade", "Calls may drop.", "2026-11-26T07:00", "2026-11-26T08:00"))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("This time has passed")));
    }

    @Test
    void textAgentsWriteLosesWhatXmlCannotHold() throws Exception {
        when(maintenances.plan(anyString(), anyString(), anyList(), any(), any(), anyString()))
                .thenReturn(org.mockito.Mockito.mock(io.contingo.incident.maintenance.Maintenance.class));
        mvc.perform(planning("agent", "Up\u0000grade\uFFFF", "Calls\u001B may\tdrop.", "2026-11-27T02:00", "2026-11-27T03:00"))
                .andExpect(status().isFound());
        verify(maintenances).plan(eq("Upgrade"), eq("Calls may\tdrop."), anyList(), any(), any(), eq("agent"));
    }

    /** The planning form as a user of that name (agent or manager, with the role of that name) sends it, for one service. */
    private static MockHttpServletRequestBuilder planning(String user, String name, String description, String starts, String ends) {
        return post("/console/maintenance").with(user(user).roles(user.toUpperCase(java.util.Locale.ROOT))).with(csrf())
                .param("name", name).param("description", description).param("componentIds", "cont-telephony")
                .param("starts", starts).param("ends", ends);
    }

    @Test
    void withoutCsrfNothingIsPlanned() throws Exception {
        mvc.perform(post("/console/maintenance").with(user("agent").roles("AGENT"))
                        .param("name", "Upgrade").param("description", "x").param("componentIds", "cont-telephony")
                        .param("starts", "2026-11-27T02:00").param("ends", "2026-11-27T03:00"))
                .andExpect(status().isForbidden());
        verify(maintenances, never()).plan(anyString(), anyString(), anyList(), any(), any(), anyString());
    }
}
