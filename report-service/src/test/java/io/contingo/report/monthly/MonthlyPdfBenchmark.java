package io.contingo.report.monthly;

import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;

import io.contingo.events.ComponentStatus;
import io.contingo.events.IncidentSnapshot;
import io.contingo.report.backup.BackupMonitorRecord;
import io.contingo.report.backup.GoodBackup;
import io.contingo.report.component.StatusChangeRecord;
import io.contingo.report.pdf.PdfReports;
import io.contingo.report.pdf.ReportFormat;

/** Throwaway: 200 components, 1 M status changes, 2,000 incidents over October 2026. Not a committed test. */
class MonthlyPdfBenchmark {

    @Test
    void measure() throws Exception {
        Period october = Period.of(YearMonth.of(2026, 10), MonthlyReportPdfTests.MADRID);
        Instant now = october.end().plusSeconds(3600);
        Random random = new Random(42);
        List<Availability.Component> components = new ArrayList<>();
        Map<String, List<StatusChangeRecord>> histories = new HashMap<>();
        ComponentStatus[] bad = { ComponentStatus.MAJOR_OUTAGE, ComponentStatus.PARTIAL_OUTAGE, ComponentStatus.DEGRADED_PERFORMANCE,
                ComponentStatus.UNDER_MAINTENANCE };
        long span = october.length().toSeconds();
        for (int c = 0; c < 200; c++) {
            String id = "comp-" + c;
            String site = c % 2 == 0 ? "production" : "contingency";
            components.add(new Availability.Component(id, "Component number " + c, site, c % 2 == 0 ? "Production" : "Contingency",
                    MonthlyReportPdfTests.WATCHED));
            List<StatusChangeRecord> history = new ArrayList<>(5000);
            long step = span / 2500;
            for (int k = 0; k < 2500; k++) {
                Instant start = october.start().plusSeconds(k * step + random.nextInt((int) step / 2));
                Instant end = start.plusSeconds(5 + random.nextInt(c % 10 == 0 ? 400 : 30));
                ComponentStatus to = bad[random.nextInt(bad.length)];
                history.add(new StatusChangeRecord(id + "-" + (2 * k), id, "Component number " + c, site, 2L * k,
                        ComponentStatus.OPERATIONAL, to, start, null));
                history.add(new StatusChangeRecord(id + "-" + (2 * k + 1), id, "Component number " + c, site, 2L * k + 1, to,
                        ComponentStatus.OPERATIONAL, end, null));
            }
            histories.put(id, history);
        }
        List<IncidentSnapshot> incidents = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            Instant start = october.start().plusSeconds(random.nextLong(span - 7200));
            Instant end = start.plusSeconds(60 + random.nextInt(5400));
            String a = "comp-" + random.nextInt(200);
            String b = "comp-" + random.nextInt(200);
            List<IncidentSnapshot.CorrectiveAction> actions = i % 4 == 0
                    ? List.of(new IncidentSnapshot.CorrectiveAction("Replace the failing part of incident " + i, "Team " + (i % 7),
                            october.from().plusDays(random.nextInt(40)), IncidentSnapshot.Phase.values()[i % 3], false))
                    : List.of();
            incidents.add(new IncidentSnapshot("inc-" + i, "Outage of service number " + i, "production", "Production",
                    IncidentSnapshot.Status.RESOLVED, IncidentSnapshot.Impact.MAJOR, start, end,
                    List.of(new IncidentSnapshot.AffectedComponent(a, "Component " + a, ComponentStatus.OPERATIONAL,
                                    List.of(new IncidentSnapshot.Window(start, end)), Map.of()),
                            new IncidentSnapshot.AffectedComponent(b, "Component " + b, ComponentStatus.OPERATIONAL,
                                    List.of(new IncidentSnapshot.Window(start.plusSeconds(30), end.plusSeconds(60))), Map.of())),
                    List.of(), null, actions, IncidentSnapshot.Severity.values()[i % 4], start.plusSeconds(60 + random.nextInt(600))));
        }
        List<MonthlyCalculation.BackupInput> backups = new ArrayList<>();
        for (int m = 0; m < 40; m++) {
            BackupMonitorRecord monitor = new BackupMonitorRecord("backup-" + m, "comp-" + (m * 5), "production", 7200,
                    Map.of("full", 86400L, "incremental", 7200L), MonthlyReportPdfTests.WATCHED);
            List<GoodBackup> good = new ArrayList<>();
            for (Instant at = october.start().minusSeconds(7200); at.isBefore(october.end()); at = at.plusSeconds(7200)) {
                if (random.nextInt(50) != 0) {
                    good.add(new GoodBackup(m + "|i|" + at, monitor.monitorId(), "incremental", at));
                }
            }
            backups.add(new MonthlyCalculation.BackupInput(monitor, good));
        }
        MonthlyCalculation.Inputs inputs = new MonthlyCalculation.Inputs(components, histories, incidents, List.of(), backups);
        MonthlyPdf pdf = new MonthlyPdf(new PdfReports(MonthlyReportPdfTests.templates(), new ReportFormat()),
                MonthlyReportPdfTests.settings(false));
        for (int round = 0; round < 3; round++) {
            long t0 = System.nanoTime();
            MonthlyFigures figures = MonthlyCalculation.compute(inputs, october, Scope.ALL, MonthlyReportPdfTests.settings(false), now);
            long t1 = System.nanoTime();
            for (Locale locale : List.of(Locale.ENGLISH, Locale.forLanguageTag("es"))) {
                long r0 = System.nanoTime();
                byte[] document = pdf.render(figures, now, locale);
                long r1 = System.nanoTime();
                int pages;
                try (var d = org.apache.pdfbox.Loader.loadPDF(document)) {
                    pages = d.getNumberOfPages();
                }
                System.out.printf("BENCH round %d: compute %d ms, render %s %d ms, %d bytes, %d pages, %d incidents, %d actions%n", round,
                        (t1 - t0) / 1_000_000, locale, (r1 - r0) / 1_000_000, document.length, pages, figures.incidents().size(),
                        figures.actions().size());
                MonthlyReportPdfTests.save(document, "bench-" + locale.getLanguage() + ".pdf");
            }
        }
    }
}
