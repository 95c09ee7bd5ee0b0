package io.contingo.report.report;

import io.contingo.report.monthly.MonthlyReports;
import io.contingo.report.pdf.PdfReports;
import io.contingo.report.pdf.ReportFormat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.view;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.mockito.Mockito;

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
        Mockito.when(mongo.findAll(IncidentRecord.class)).thenReturn(List.of());

        mvc.perform(get("/reports").with(user("manager").roles("MANAGER")))
                .andExpect(status().isOk())
                .andExpect(view().name("reports/list"));
    }

    @Test
    void aMalformedIdIsABadRequestAndAnUnknownOneIsNotFound() throws Exception {
        mvc.perform(get("/api/reports/incidents/not an id!.pdf").with(user("manager").roles("MANAGER")))
                .andExpect(status().isBadRequest());
        mvc.perform(get("/api/reports/incidents/inc-unknown.pdf").with(user("manager").roles("MANAGER")))
                .andExpect(status().isNotFound());
    }
}
