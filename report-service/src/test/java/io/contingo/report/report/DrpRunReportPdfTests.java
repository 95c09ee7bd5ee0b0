package io.contingo.report.report;

import io.contingo.report.pdf.PdfReports;
import io.contingo.report.pdf.ReportFormat;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.i18n.LocaleContextHolder;

import io.contingo.events.DrpCommand.StepKind;
import io.contingo.events.DrpRunSnapshot;
import io.contingo.events.DrpRunSnapshot.Step;
import io.contingo.events.DrpRunSnapshot.StepState;

/**
 * The DRP run report as PDF, rendered by the service's own template and fonts and read back with PDFBox: a drill is
 * marked on every page however long the run, a real run is not, and the steps' heading stays with its first step.
 */
class DrpRunReportPdfTests {

    private static final Instant T = Instant.parse("2026-12-03T12:07:30Z");
    private static final ZoneId MADRID = ZoneId.of("Europe/Madrid");

    private final PdfReports pdf = new PdfReports(IncidentReportPdfTests.templates(), new ReportFormat());

    @AfterEach
    void forgetLocale() {
        LocaleContextHolder.resetLocaleContext();
    }

    @Test
    void aDrillIsMarkedOnEveryPageAndARealRunOnNone() throws IOException {
        byte[] drill = render(run(true, 40), Locale.ENGLISH);
        IncidentReportPdfTests.save(drill, "drp-drill-40-steps.pdf"); // to look at
        List<String> pages = IncidentReportPdfTests.pages(drill);
        assertThat(pages).hasSizeGreaterThan(1);
        for (int page = 0; page < pages.size(); page++) {
            assertThat(pages.get(page)).as("page %d of the drill", page + 1)
                    .contains("DRILL · A rehearsal: no site role and no entry URL was changed");
        }
        byte[] simulacro = render(run(true, 40), Locale.forLanguageTag("es"));
        IncidentReportPdfTests.save(simulacro, "drp-drill-40-steps-es.pdf");
        assertThat(IncidentReportPdfTests.pages(simulacro)).allSatisfy(page -> assertThat(page).contains("SIMULACRO · Un ensayo"));

        byte[] real = render(run(false, 40), Locale.ENGLISH);
        IncidentReportPdfTests.save(real, "drp-failover-40-steps.pdf");
        assertThat(String.join(" ", IncidentReportPdfTests.pages(real))).doesNotContain("DRILL", "rehearsal");
    }

    @Test
    void theStepsHeadingIsNeverLeftAloneAtTheBottomOfAPage() throws IOException {
        // more and more guard problems push the steps down a line at a time, past the bottom of page 1
        for (int problems = 0; problems <= 30; problems++) {
            DrpRunSnapshot run = withGuardProblems(run(false, 3), problems);
            List<String> pages = IncidentReportPdfTests.pages(render(run, Locale.ENGLISH));
            String page = pages.stream().filter(p -> p.contains("Steps # Step")).findFirst().orElseThrow();
            assertThat(page.substring(page.indexOf("Steps # Step"))).as("with %d guard problems", problems)
                    .contains("Step number 1");
        }
    }

    private byte[] render(DrpRunSnapshot run, Locale locale) {
        LocaleContextHolder.setLocale(locale);
        return pdf.render("pdf/drp-run-report", DrpRunReport.of(run, MADRID, T.plusSeconds(7200)), locale, run.id());
    }

    /** A finished failover of {@code steps} one-minute steps, ten seconds apart. */
    static DrpRunSnapshot run(boolean drill, int steps) {
        Instant started = T.plusSeconds(150);
        List<Step> list = new ArrayList<>();
        for (int i = 0; i < steps; i++) {
            Instant from = started.plusSeconds(10L * i);
            list.add(new Step(i, "Step number " + (i + 1), StepKind.values()[i % StepKind.values().length], i / 2, 60,
                    i == 1 ? "db-link DOWN" : null, StepState.SUCCEEDED, 1, from, from.plusSeconds(9), "contingo",
                    "HTTP 200 in 120 ms"));
        }
        Instant end = started.plusSeconds(10L * steps);
        return new DrpRunSnapshot("drp-20261203-1210-failover", "production", "failover", "Failover to the contingency site",
                DrpRunSnapshot.Kind.FAILOVER, drill, "production", "contingency", drill ? null : "inc-20261203-1202-production",
                DrpRunSnapshot.State.SUCCEEDED, "agent", T.plusSeconds(40), "manager", T.plusSeconds(150), null, null, List.of(),
                2460L, 7200, 60L * steps, 14400, drill ? null : T, started, end, end, list);
    }

    private static DrpRunSnapshot withGuardProblems(DrpRunSnapshot r, int count) {
        List<String> problems = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            problems.add("Guard problem " + i);
        }
        return new DrpRunSnapshot(r.id(), r.pairId(), r.runbookId(), r.runbookName(), r.kind(), r.drill(), r.fromSiteId(),
                r.toSiteId(), r.incidentId(), r.state(), r.proposedBy(), r.proposedAt(), r.decidedBy(), r.decidedAt(),
                r.decisionReason(), count == 0 ? null : "We accept the risk", problems, r.rpoExposureSeconds(), r.rpoTargetSeconds(),
                r.expectedRtoSeconds(), r.rtoTargetSeconds(), r.siteLostAt(), r.startedAt(), r.endedAt(), r.serviceRestoredAt(),
                r.steps());
    }
}
