package io.contingo.report.monthly;

import static org.mockito.ArgumentMatchers.any;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.Mockito;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

import io.contingo.report.security.SecurityConfig;

/**
 * The service report's API and form: managers and administrators only, CSRF on the form, and a malformed period or
 * scope is a 400 that names the parameter.
 */
@WebMvcTest({ MonthlyApiController.class, MonthlyPagesController.class })
@Import(SecurityConfig.class)
class MonthlySecurityTests {

    @Autowired
    private MockMvc mvc;

    @MockitoBean
    private MonthlyReports reports;

    @BeforeEach
    void figures() {
        Mockito.when(reports.zone()).thenReturn(ZoneId.of("Europe/Madrid"));
        Mockito.when(reports.figures(any(), any())).thenAnswer(call -> MonthlyCalculation.compute(
                new MonthlyCalculation.Inputs(List.of(), Map.of(), List.of(), List.of(), List.of()),
                call.getArgument(0), call.getArgument(1), MonthlyCalculationTests.SETTINGS, Instant.parse("2027-01-01T00:00:00Z")));
        Mockito.when(reports.json(any())).thenReturn("{}");
    }

    @Test
    void agentsAndAnonymousUsersGetNoFigures() throws Exception {
        mvc.perform(get("/api/reports/monthly/2026-11.json")).andExpect(status().isUnauthorized());
        mvc.perform(get("/api/reports/monthly/2026-11.json").with(user("agent").roles("AGENT"))).andExpect(status().isForbidden());
        mvc.perform(post("/reports/monthly").param("month", "2026-11").with(csrf()).with(user("agent").roles("AGENT")))
                .andExpect(status().isForbidden());
    }

    @Test
    void managersAndAdministratorsGetThem() throws Exception {
        mvc.perform(get("/api/reports/monthly/2026-11.json").with(user("manager").roles("MANAGER"))).andExpect(status().isOk());
        mvc.perform(get("/api/reports/monthly/2026-11.csv").with(user("admin").roles("ADMIN")))
                .andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith("text/csv"));
    }

    @Test
    void aMalformedPeriodOrScopeIsABadRequestNamingTheParameter() throws Exception {
        mvc.perform(get("/api/reports/monthly/2026-13.json").with(user("manager").roles("MANAGER")))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.parameter").value("month"));
        mvc.perform(get("/api/reports/monthly/2026-11.xls").with(user("manager").roles("MANAGER")))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.parameter").value("file"));
        mvc.perform(get("/api/reports/monthly/2026-11.json").param("scope", "site:").with(user("manager").roles("MANAGER")))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.parameter").value("scope"));
        mvc.perform(get("/api/reports/service.json").param("from", "2026-01-01").param("to", "2027-03-01")
                .with(user("manager").roles("MANAGER")))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.parameter").value("to"))
                .andExpect(jsonPath("$.message").value(org.hamcrest.Matchers.containsString("longer than 13 months")));
        mvc.perform(get("/api/reports/service.json").param("to", "2026-11-30").with(user("manager").roles("MANAGER")))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.parameter").value("from"));
    }

    @Test
    void theFormNeedsItsCsrfTokenAndAMistakeGoesBackToTheFormWithItsMessage() throws Exception {
        mvc.perform(post("/reports/monthly").param("month", "2026-11").with(user("manager").roles("MANAGER")))
                .andExpect(status().isForbidden());
        mvc.perform(post("/reports/monthly").param("month", "November").with(csrf()).with(user("manager").roles("MANAGER")))
                .andExpect(status().isFound())
                .andExpect(redirectedUrl("/reports#new-report"))
                .andExpect(flash().attribute("requestError", Map.of("month",
                        "month must be a month written yyyy-mm (like 2026-11), not 'November'")));
        Mockito.verify(reports, Mockito.never()).request(any(), any(), any());
    }
}
