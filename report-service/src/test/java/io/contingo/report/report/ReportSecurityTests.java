package io.contingo.report.report;

import io.contingo.report.monthly.MonthlyReports;
import io.contingo.report.pdf.PdfReports;
import io.contingo.report.pdf.ReportFormat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.view;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.mockito.Mockito;
import org.hamcrest.Matchers;

import io.contingo.events.IncidentSnapshot;
import io.contingo.report.incident.IncidentRecord;
import io.contingo.report.security.SecurityConfig;

/** Who may see the reports: managers and administrators; agents are refused; anonymous users must sign in. */
@WebMvcTest(ReportController.class)
@Import({ SecurityConfig.class, ReportFormat.class })
class ReportSecurityTests {

    @Autowired
    private MockMvc mvc;

    @MockitoBean
    private MongoTemplate mongo;

    @MockitoBean
    private PdfReports pdf;

    @MockitoBean
    private MonthlyReports serviceReports;

    @Test
    void anonymousUsersAreSentToTheLoginForm() throws Exception {
        mvc.perform(get("/reports").accept(MediaType.TEXT_HTML))
                .andExpect(status().isFound())
                .andExpect(redirectedUrl("/login"));
    }

    @Test
    void agentsAreRefused() throws Exception {
        mvc.perform(get("/reports").with(user("agent").roles("AGENT"))).andExpect(status().isForbidden());
        mvc.perform(get("/api/reports/incidents/inc-1.pdf").with(user("agent").roles("AGENT"))).andExpect(status().isForbidden());
    }

    @Test
    void managersSeeTheList() throws Exception {
        Mockito.when(mongo.find(Mockito.any(Query.class), Mockito.eq(IncidentRecord.class))).thenReturn(List.of());

        mvc.perform(get("/reports").with(user("manager").roles("MANAGER")))
                .andExpect(status().isOk())
                .andExpect(view().name("reports/list"))
                .andExpect(content().string(Matchers.not(Matchers.containsString("class=\"pager\""))));
    }

    @Test
    void aFullPageLinksToTheOlderReportsAndBackKeepingTheFilter() throws Exception {
        Instant created = Instant.parse("2026-11-26T09:15:00Z");
        IncidentSnapshot incident = new IncidentSnapshot("inc-1", "Production site outage", "production", "Production",
                IncidentSnapshot.Status.RESOLVED, IncidentSnapshot.Impact.MAJOR, created, created.plusSeconds(600), List.of(), List.of(),
                null, List.of(), IncidentSnapshot.Severity.SEV2, null);
        Mockito.when(mongo.find(Mockito.any(Query.class), Mockito.eq(IncidentRecord.class)))
                .thenReturn(Collections.nCopies(ReportController.PAGE_SIZE + 1, new IncidentRecord("inc-1", 1, incident)));

        String page = mvc.perform(get("/reports?q=outage&show=incidents&page=2").with(user("manager").roles("MANAGER"))
                        .header("Accept-Language", "es"))
                .andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        assertThat(page).contains("href=\"/reports?q=outage&amp;show=incidents&amp;page=1\" rel=\"prev\">← Más recientes</a>",
                "Página 2", "href=\"/reports?q=outage&amp;show=incidents&amp;page=3\" rel=\"next\">Más antiguos →</a>");
        assertThat(page.split("Production site outage", -1)).hasSize(ReportController.PAGE_SIZE + 1);
        java.nio.file.Files.createDirectories(java.nio.file.Path.of("target", "pages"));
        java.nio.file.Files.writeString(java.nio.file.Path.of("target", "pages", "reports-page-2-es.html"), page); // to look at
        mvc.perform(get("/reports?page=first").with(user("manager").roles("MANAGER"))).andExpect(status().isBadRequest());
    }

    @Test
    void aMalformedIdIsABadRequestAndAnUnknownOneIsNotFound() throws Exception {
        mvc.perform(get("/api/reports/incidents/not an id!.pdf").with(user("manager").roles("MANAGER")))
                .andExpect(status().isBadRequest());
        mvc.perform(get("/api/reports/incidents/inc-unknown.pdf").with(user("manager").roles("MANAGER")))
                .andExpect(status().isNotFound());
    }
}
