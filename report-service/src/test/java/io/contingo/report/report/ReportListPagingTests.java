package io.contingo.report.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import java.security.Principal;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;

import io.contingo.devstack.TestInfrastructure;
import io.contingo.events.ComponentStatus;
import io.contingo.events.IncidentSnapshot;
import io.contingo.report.incident.IncidentRecord;
import io.contingo.report.monthly.MonthlyReports;

/**
 * The reports page reads one page of incidents at a time, newest first, from the MongoDB-wire server: never every
 * incident ever stored.
 */
class ReportListPagingTests {

    private static final Principal MANAGER = () -> "manager";
    private static MongoClient client;
    private static MockMvc mvc;

    @BeforeAll
    static void thirtyIncidents() {
        String database = "report-paging-" + System.nanoTime();
        client = MongoClients.create(TestInfrastructure.mongoUri(database));
        MongoTemplate mongo = new MongoTemplate(client, database);
        Instant first = Instant.parse("2026-11-01T08:00:00Z");
        for (int i = 1; i <= 30; i++) {
            String id = "inc-%02d".formatted(i);
            mongo.save(new IncidentRecord(id, 1, incident(id, i % 2 == 0 ? "Telephony down" : "Web down", first.plus(Duration.ofHours(i)))));
        }
        MonthlyReports serviceReports = mock(MonthlyReports.class);
        when(serviceReports.storedReports()).thenReturn(List.of());
        mvc = MockMvcBuilders.standaloneSetup(new ReportController(mongo, null, serviceReports, ZoneId.of("Europe/Madrid"))).build();
    }

    @AfterAll
    static void close() {
        client.close();
    }

    @Test
    void theFirstPageHoldsTheNewestAndSaysThereAreOlder() throws Exception {
        Map<String, Object> model = list("/reports");
        assertThat(ids(model)).hasSize(25).first().isEqualTo("inc-30");
        assertThat(ids(model).getLast()).isEqualTo("inc-06");
        assertThat(model).containsEntry("page", 1).containsEntry("older", true).containsEntry("newer", false);
    }

    @Test
    void theNextPageHoldsTheRest() throws Exception {
        Map<String, Object> model = list("/reports?page=2");
        assertThat(ids(model)).containsExactly("inc-05", "inc-04", "inc-03", "inc-02", "inc-01");
        assertThat(model).containsEntry("page", 2).containsEntry("older", false).containsEntry("newer", true);
        assertThat(ids(list("/reports?page=7"))).isEmpty();
        assertThat(list("/reports?page=0")).containsEntry("page", 1);
    }

    @Test
    void theFilterPagesToo() throws Exception {
        Map<String, Object> model = list("/reports?q=TELEPHONY");
        assertThat(ids(model)).hasSize(15).allSatisfy(id -> assertThat(Integer.parseInt(id.substring(4)) % 2).isZero());
        assertThat(model).containsEntry("older", false);
        assertThat(ids(list("/reports?q=inc-1"))).containsExactly("inc-19", "inc-18", "inc-17", "inc-16", "inc-15", "inc-14",
                "inc-13", "inc-12", "inc-11", "inc-10");
        assertThat(ids(list("/reports?q=.*"))).as("the text is taken literally").isEmpty();
    }

    private static Map<String, Object> list(String url) throws Exception {
        return mvc.perform(get(url).principal(MANAGER)).andReturn().getModelAndView().getModel();
    }

    @SuppressWarnings("unchecked")
    private static List<String> ids(Map<String, Object> model) {
        return ((List<ReportController.Row>) model.get("rows")).stream().map(row -> row.incident().id()).toList();
    }

    private static IncidentSnapshot incident(String id, String name, Instant created) {
        return new IncidentSnapshot(id, name, "production", "Production", IncidentSnapshot.Status.RESOLVED,
                IncidentSnapshot.Impact.MAJOR, created, created.plus(Duration.ofMinutes(20)),
                List.of(new IncidentSnapshot.AffectedComponent("prod-web", "Omnichannel web", ComponentStatus.MAJOR_OUTAGE,
                        List.of(new IncidentSnapshot.Window(created, created.plus(Duration.ofMinutes(20)))))),
                List.of(), null, List.of(), IncidentSnapshot.Severity.SEV2, null);
    }
}
