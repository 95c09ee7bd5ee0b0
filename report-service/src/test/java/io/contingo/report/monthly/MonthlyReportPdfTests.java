package io.contingo.report.monthly;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.contentstream.operator.Operator;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdfparser.PDFStreamParser;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.interactive.action.PDActionURI;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotation;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotationLink;
import org.apache.pdfbox.pdmodel.interactive.documentnavigation.outline.PDOutlineItem;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.i18n.LocaleContextHolder;

import io.contingo.events.ComponentStatus;
import io.contingo.events.DrpRunSnapshot;
import io.contingo.events.IncidentSnapshot;
import io.contingo.events.IncidentSnapshot.AffectedComponent;
import io.contingo.events.IncidentSnapshot.CorrectiveAction;
import io.contingo.events.IncidentSnapshot.Update;
import io.contingo.events.IncidentSnapshot.Window;
import io.contingo.report.backup.BackupMonitorRecord;
import io.contingo.report.backup.GoodBackup;
import io.contingo.report.component.StatusChangeRecord;
import io.contingo.report.pdf.PdfReports;
import io.contingo.report.pdf.ReportFormat;
import io.contingo.report.report.IncidentReportPdfTests;

/**
 * The monthly service report as PDF, from figures computed as the service computes them, rendered by the service's
 * template and fonts and read back with PDFBox: its sections in order with the contents' page numbers right, the
 * figures and verdicts in words, the charts drawn as vector boxes, the links to the technical reports, the empty
 * sections saying so, and the Spanish reader's labels.
 */
class MonthlyReportPdfTests {

    static final ZoneId MADRID = ZoneId.of("Europe/Madrid");
    static final Period NOVEMBER = Period.of(YearMonth.of(2026, 11), MADRID);
    static final Instant AFTER = Instant.parse("2026-12-01T08:00:00Z");
    static final Instant WATCHED = Instant.parse("2026-10-01T00:00:00Z");
    static final String INCIDENT = "inc-20261110-1000-production";
    static final List<String> SECTIONS = List.of("Summary", "Availability", "Incidents", "Backups against the RPO",
            "Disaster recovery (DRP)", "Corrective actions");

    private final MonthlyPdf monthlyPdf = pdf(false);

    @AfterEach
    void forgetLocale() {
        LocaleContextHolder.resetLocaleContext();
    }

    @Test
    void everySectionIsThereInOrderAndTheContentsAndBookmarksGiveTheirPages() throws IOException {
        byte[] document = monthlyPdf.render(november(), AFTER, Locale.ENGLISH);
        IncidentReportPdfTests.save(document, "monthly-2026-11-en.pdf");
        List<String> pages = pages(document);
        String first = pages.getFirst();

        assertThat(first).contains("Monthly service report", "November 2026", "1 November 2026 to 30 November 2026",
                "All components", "Europe/Madrid: every day and time in this report is counted in this zone", "Contents")
                .doesNotContain("Figures as of");
        try (PDDocument pdf = Loader.loadPDF(document)) {
            List<String> bookmarks = new ArrayList<>();
            int previous = 0;
            for (PDOutlineItem item : pdf.getDocumentCatalog().getDocumentOutline().children()) {
                bookmarks.add(item.getTitle());
                if (item.getTitle().equals("Contents")) {
                    continue;
                }
                int page = pdf.getPages().indexOf(item.findDestinationPage(pdf)) + 1;
                // the page the bookmark opens has the heading, the contents give the same number, and sections follow in order
                assertThat(pages.get(page - 1)).as("page %d of the bookmark %s", page, item.getTitle()).contains(item.getTitle());
                assertThat(first).contains(item.getTitle() + " " + page);
                assertThat(page).isGreaterThanOrEqualTo(previous);
                previous = page;
            }
            assertThat(bookmarks).containsExactlyElementsOf(concat("Contents", SECTIONS));
        }
        String text = String.join(" ", pages);
        assertThat(text).containsSubsequence(SECTIONS.stream().map(s -> s + " ").toList());
    }

    @Test
    void theSummaryGivesEachComponentItsAvailabilityAgainstTheTargetInWords() throws IOException {
        String summary = pageWith(pages(monthlyPdf.render(november(), AFTER, Locale.ENGLISH)), "Components against their target");

        // web: 1 h of major outage over 30 days minus 2 h of maintenance left out: 1 - 3600 / 2,584,800 = 99.861 %
        assertThat(summary).contains("Omnichannel web Production 99.861 % 99.9 % ✘ Missed",
                "Customer API Production 100.000 % 99.9 % ✔ Met", "1 met, 1 missed", "0 without data",
                "Total downtime 1 h", "Planned maintenance 2 h", "MTTA (mean time to acknowledge) 4 min",
                "MTTR (mean time to resolve) 1 h", "SEV1: 1 · SEV2: 0",
                "a partial outage counts 30 % of its time", "Planned maintenance is left out of the measured time");
    }

    @Test
    void maintenanceCountedAsDowntimeIsSaidAndLowersTheFigure() throws IOException {
        MonthlyFigures figures = MonthlyCalculation.compute(inputs(), NOVEMBER, Scope.ALL, settings(true), AFTER);
        String summary = pageWith(pages(pdf(true).render(figures, AFTER, Locale.ENGLISH)), "Components against their target");

        // 3 h down over 30 days: 1 - 10,800 / 2,592,000 = 99.583 %
        assertThat(summary).contains("Omnichannel web Production 99.583 %", "Planned maintenance counts as downtime");
    }

    @Test
    void theAvailabilityChartsAreVectorBoxesWithTheirScaleAndLegend() throws IOException {
        byte[] document = monthlyPdf.render(november(), AFTER, Locale.ENGLISH);
        List<String> pages = pages(document);
        int page = pages.indexOf(pageWith(pages, "Each bar is a day"));
        String text = pages.get(page);

        // the busiest day of the web is 2 h of maintenance: its scale tops at 2 h; the API's has nothing and tops at 1 h
        assertThat(text).contains("Major outage", "Partial outage (counts 30 %)", "Planned maintenance", "Not measured",
                "Omnichannel web Production", "Availability 99.861 %", "2 h", "Downtime 1 h · planned maintenance 2 h",
                "Customer API", "Availability 100.000 %", "1 h");
        try (PDDocument pdf = Loader.loadPDF(document)) {
            PDPage chartPage = pdf.getPage(page);
            assertThat(images(chartPage)).as("image XObjects on the availability page").isZero();
            // the legend's four swatches at least
            assertThat(filledShapes(chartPage)).as("filled shapes on the availability page").isGreaterThanOrEqualTo(4);
        }
        // the same figures without the outage and the maintenance draw two boxes fewer: the bars are those boxes
        try (PDDocument quiet = Loader.loadPDF(monthlyPdf.render(MonthlyCalculation.compute(
                new MonthlyCalculation.Inputs(components(), Map.of(), List.of(), List.of(), List.of()), NOVEMBER, Scope.ALL,
                settings(false), AFTER), AFTER, Locale.ENGLISH));
                PDDocument busy = Loader.loadPDF(document)) {
            int quietPage = pages(quiet).indexOf(pageWith(pages(quiet), "Each bar is a day"));
            assertThat(filledShapes(busy.getPage(page)) - filledShapes(quiet.getPage(quietPage))).isGreaterThanOrEqualTo(2);
        }
    }

    @Test
    void eachIncidentHasItsWindowsDurationTimesAndALinkToItsTechnicalReport() throws IOException {
        byte[] document = monthlyPdf.render(november(), AFTER, Locale.ENGLISH);
        List<String> pages = pages(document);
        String text = pageWith(pages, "Times in Europe/Madrid");

        // 10:00 to 11:00 in Madrid (09:00 to 10:00 UTC), acknowledged in 4 minutes, resolved in an hour
        assertThat(text).contains("SEV1 Production site outage 10 Nov 10:00 – 11:00 1 h Omnichannel web 4 min / 1 h PDF");
        try (PDDocument pdf = Loader.loadPDF(document)) {
            List<String> links = new ArrayList<>();
            for (PDPage page : pdf.getPages()) {
                for (PDAnnotation annotation : page.getAnnotations()) {
                    if (annotation instanceof PDAnnotationLink link && link.getAction() instanceof PDActionURI uri) {
                        links.add(uri.getURI());
                    }
                }
            }
            assertThat(links).contains("https://reports.example.com/reports/incidents/" + INCIDENT + ".pdf");
        }
    }

    @Test
    void backupsShowTheWorstExposureAndTheBreachesAndActionsTheOverdueByOwner() throws IOException {
        String text = String.join(" ", pages(monthlyPdf.render(november(), AFTER, Locale.ENGLISH)));

        // every 2 h, but nothing from 15 Nov 00:00 to 06:00 Madrid: 8 h since the 22:00 backup, 6 h past the 2 h target
        assertThat(text).contains("Omnichannel web backup-core", "RPO target 2 h",
                "worst exposure 8 h, on 15 Nov 06:00", "✘ 1 breach of the target, 6 h past it in all",
                "The schedule expects 12 good backups on a whole day.");
        assertThat(text).contains("2 open actions, 1 overdue.", "Operations (2 open, 1 overdue)",
                "Short term Replace the storage controller Production site outage 20 November 2026 ✘ Overdue",
                "Long term Add a second controller Production site outage 15 January 2027 Planned");
        assertThat(text).contains("No DRP run or drill took place in this period.");
    }

    @Test
    void aBackupMonitorFirstSeenTodayStillSaysWhatItsScheduleExpectsOfAWholeDay() {
        // full every 24 h and incremental every hour: 25 a day, though no whole day of the period was measured
        BackupMonitorRecord monitor = new BackupMonitorRecord("cont-api-backup", "cont-api", "contingency", 4 * 3600,
                Map.of("full", 86_400L, "incremental", 3_600L), AFTER.minusSeconds(600));
        BackupFigures figures = BackupFigures.of(monitor, "Customer API (contingency)", List.of(), NOVEMBER, AFTER);

        assertThat(BackupStrip.of(figures).usualExpected()).isEqualTo(25);
    }

    @Test
    void aBackupMonitorWithoutAScheduleSaysNoneIsSetRatherThanThatItExpectsNoBackup() throws IOException {
        MonthlyCalculation.Inputs inputs = inputs();
        MonthlyCalculation.BackupInput scheduled = inputs.backups().getFirst();
        BackupMonitorRecord m = scheduled.monitor();
        MonthlyCalculation.Inputs unscheduled = new MonthlyCalculation.Inputs(inputs.components(), inputs.histories(), inputs.incidents(),
                inputs.runs(), List.of(new MonthlyCalculation.BackupInput(new BackupMonitorRecord(m.monitorId(), m.componentId(),
                        m.siteId(), m.rpoTargetSeconds(), Map.of(), m.firstSeenAt()), scheduled.backups())));
        MonthlyFigures figures = MonthlyCalculation.compute(unscheduled, NOVEMBER, Scope.ALL, settings(false), AFTER);

        assertThat(String.join(" ", pages(monthlyPdf.render(figures, AFTER, Locale.ENGLISH))))
                .contains("Omnichannel web backup-core", "No schedule set: no number of good backups is expected.")
                .doesNotContain("The schedule expects");
        assertThat(String.join(" ", pages(monthlyPdf.render(figures, AFTER, Locale.forLanguageTag("es")))))
                .contains("Sin planificación: no se espera un número de copias correctas.");
    }

    @Test
    void aDrpRunIsJudgedAgainstItsTargets() throws IOException {
        MonthlyFigures november = november();
        DrpLine drill = new DrpLine("drp-1", "Failover to the contingency site", DrpRunSnapshot.Kind.FAILOVER, true,
                DrpRunSnapshot.State.SUCCEEDED, "production", "contingency", Instant.parse("2026-11-20T09:00:00Z"), 17 * 60L,
                4 * 3600L, 3 * 3600L, 2 * 3600L);
        MonthlyFigures withRun = new MonthlyFigures(november.period(), november.scope(), november.asOf(),
                november.maintenanceIsDowntime(), november.headline(), november.components(), november.incidents(),
                november.backups(), List.of(drill), november.actions());
        String text = String.join(" ", pages(monthlyPdf.render(withRun, AFTER, Locale.ENGLISH)));

        assertThat(text).contains("Failover to the contingency site DRILL Failover from production to contingency 20 Nov 10:00",
                "17 min / 4 h ✔ Met", "3 h / 2 h ✘ Missed")
                .doesNotContain("No DRP run or drill took place");
    }

    @Test
    void emptySectionsSaySoAndAnUnfinishedPeriodGivesItsTime() throws IOException {
        Instant during = Instant.parse("2026-11-10T12:00:00Z");
        MonthlyFigures figures = MonthlyCalculation.compute(new MonthlyCalculation.Inputs(List.of(), Map.of(), List.of(),
                List.of(), List.of()), NOVEMBER, Scope.parse("site:production"), settings(false), during);
        List<String> pages = pages(monthlyPdf.render(figures, during, Locale.ENGLISH));
        String text = String.join(" ", pages);

        assertThat(pages.getFirst()).contains("Figures as of", "the period is not over", "The components of site production");
        assertThat(text).contains("No component is in the scope of this report.", "No incident touched this period.",
                "No backup monitor watches a component of this report.", "No DRP run or drill took place in this period.",
                "No corrective action is open.");
        assertThat(text).containsSubsequence(SECTIONS);
    }

    @Test
    void whileThePeriodGoesOnTheDaysToComeAreDrawnAsNotMeasured() throws IOException {
        Instant during = madrid(2026, 11, 10, 12);
        MonthlyFigures figures = MonthlyCalculation.compute(inputs(), NOVEMBER, Scope.ALL, settings(false), during);
        try (PDDocument ongoing = Loader.loadPDF(monthlyPdf.render(figures, during, Locale.ENGLISH));
                PDDocument finished = Loader.loadPDF(monthlyPdf.render(november(), AFTER, Locale.ENGLISH))) {
            List<String> pages = pages(ongoing);
            assertThat(pages.getFirst()).contains("Figures as of", "the period is not over, the time after this is not counted yet");

            // the 11th to the 30th are not measured yet: a pale box for each of those 20 days of both components, while
            // the finished month has none; the outage of the 10th is drawn in both, the maintenance box of the 12th (its
            // fill and its four sides) only in the finished month
            int ongoingPage = pages.indexOf(pageWith(pages, "Each bar is a day"));
            int finishedPage = pages(finished).indexOf(pageWith(pages(finished), "Each bar is a day"));
            assertThat(filledShapes(ongoing.getPage(ongoingPage)) - filledShapes(finished.getPage(finishedPage)))
                    .isGreaterThanOrEqualTo(2 * 20 - 5);
        }
    }

    @Test
    void aPeriodLongerThanTwoMonthsIsDrawnABarAWeek() throws IOException {
        Period quarter = new Period(LocalDate.of(2026, 9, 1), LocalDate.of(2026, 11, 30), MADRID);
        MonthlyFigures figures = MonthlyCalculation.compute(inputs(), quarter, Scope.ALL, settings(false), AFTER);
        DowntimeChart web = DowntimeChart.of(figures.components().getFirst());

        // 91 days: 13 weeks from 1 September; the 10th and 12th of November fall in the 11th week (from 10 November)
        assertThat(web.bars()).hasSize(13);
        DowntimeChart.Bar week = web.bars().get(10);
        assertThat(week.from()).isEqualTo(LocalDate.of(2026, 11, 10));
        assertThat(week.label()).isEqualTo("10/11");
        assertThat(List.of(week.majorSeconds(), week.maintenanceSeconds())).containsExactly(3600L, 7200L);
        assertThat(web.scaleLabel()).isEqualTo("4 h"); // 3 h in that week: the next round step
        assertThat(week.majorStyle()).isEqualTo("height:4.00mm"); // a quarter of the 16 mm

        String text = String.join(" ", pages(monthlyPdf.render(figures, AFTER, Locale.ENGLISH)));
        assertThat(text).contains("Each bar is a week in Europe/Madrid", "1 September 2026 to 30 November 2026");
    }

    @Test
    void aSpanishReaderGetsTheCatalogsSpanishNames() throws IOException {
        MonthlyCalculation.Inputs inputs = inputs();
        io.contingo.events.SiteDefined catalog = new io.contingo.events.SiteDefined("e1", "production", WATCHED, "Production",
                List.of(new io.contingo.events.SiteDefined.Component("prod-web", "Omnichannel web", Map.of("es", "Web omnicanal")),
                        new io.contingo.events.SiteDefined.Component("prod-api", "Customer API", Map.of("es", "API de clientes"))),
                Map.of("es", "Entorno de Producción"));
        MonthlyFigures figures = MonthlyCalculation.compute(new MonthlyCalculation.Inputs(inputs.components(), inputs.histories(),
                inputs.incidents(), inputs.runs(), inputs.backups(), null, Translations.from(List.of(catalog), inputs.incidents())),
                NOVEMBER, Scope.ALL, settings(false), AFTER);

        String spanish = String.join(" ", pages(monthlyPdf.render(figures, AFTER, Locale.forLanguageTag("es"))));
        String english = String.join(" ", pages(monthlyPdf.render(figures, AFTER, Locale.ENGLISH)));

        assertThat(spanish).contains("Web omnicanal", "API de clientes", "Entorno de Producción").doesNotContain("Omnichannel web", "Customer API");
        assertThat(english).contains("Omnichannel web", "Customer API").doesNotContain("Web omnicanal", "API de clientes");
        // the figures themselves keep the default names: the same JSON and CSV whatever the reader's language
        assertThat(figures.components()).extracting(ComponentFigures::name).containsExactly("Omnichannel web", "Customer API");
    }

    @Test
    void aSpanishReaderGetsEveryLabelInSpanish() throws IOException {
        byte[] document = monthlyPdf.render(november(), AFTER, Locale.forLanguageTag("es"));
        IncidentReportPdfTests.save(document, "monthly-2026-11-es.pdf");
        String text = String.join(" ", pages(document));

        assertThat(text).contains("Informe mensual de servicio", "Noviembre de 2026", "Del 1 de noviembre de 2026 al 30 de noviembre de 2026",
                "Índice", "Resumen", "Disponibilidad", "Incidencias", "Copias de seguridad frente al RPO",
                "Recuperación ante desastres (DRP)", "Acciones correctivas", "✘ No cumple", "✔ Cumple", "1 cumple, 1 no cumple", "(2 abiertas, 1 vencida)", "Caída total",
                "Mantenimiento programado", "10 nov 10:00 – 11:00", "peor exposición 8 h", "✘ Vencida",
                "No hubo ninguna ejecución ni simulacro de DRP en este periodo.")
                .doesNotContain("Summary", "Missed", "Overdue", "Backups against", "No DRP run", "November");
    }

    // ---- figures ----

    static MonthlySettings settings(boolean maintenanceIsDowntime) {
        return new MonthlySettings(99.9, Map.of(), maintenanceIsDowntime, false, Duration.ofMinutes(1), List.of("en", "es"),
                URI.create("https://reports.example.com/"));
    }

    private MonthlyPdf pdf(boolean maintenanceIsDowntime) {
        return new MonthlyPdf(new PdfReports(IncidentReportPdfTests.templates(), new ReportFormat()), settings(maintenanceIsDowntime));
    }

    static MonthlyFigures november() {
        return MonthlyCalculation.compute(inputs(), NOVEMBER, Scope.ALL, settings(false), AFTER);
    }

    static List<Availability.Component> components() {
        return List.of(new Availability.Component("prod-web", "Omnichannel web", "production", "Production", WATCHED),
                new Availability.Component("prod-api", "Customer API", "production", "Production", WATCHED));
    }

    /**
     * The web down from 10:00 to 11:00 on 10 November (Madrid), in maintenance from 02:00 to 04:00 on the 12th; the API
     * always up; the core database backed up every 2 h but for a 6 h gap on the 15th; one SEV1 incident with two open
     * actions, one of them overdue.
     */
    static MonthlyCalculation.Inputs inputs() {
        Instant down = madrid(2026, 11, 10, 10);
        Instant maintenance = madrid(2026, 11, 12, 2);
        List<StatusChangeRecord> web = List.of(
                change(1, ComponentStatus.OPERATIONAL, ComponentStatus.MAJOR_OUTAGE, down),
                change(2, ComponentStatus.MAJOR_OUTAGE, ComponentStatus.OPERATIONAL, down.plusSeconds(3600)),
                change(3, ComponentStatus.OPERATIONAL, ComponentStatus.UNDER_MAINTENANCE, maintenance),
                change(4, ComponentStatus.UNDER_MAINTENANCE, ComponentStatus.OPERATIONAL, maintenance.plusSeconds(7200)));
        IncidentSnapshot incident = new IncidentSnapshot(INCIDENT, "Production site outage", "production", "Production",
                IncidentSnapshot.Status.RESOLVED, IncidentSnapshot.Impact.MAJOR, down, down.plusSeconds(3600),
                List.of(new AffectedComponent("prod-web", "Omnichannel web", ComponentStatus.OPERATIONAL,
                        List.of(new Window(down, down.plusSeconds(3600))), Map.of("es", "Web omnicanal"))),
                List.of(new Update("u1", IncidentSnapshot.Status.INVESTIGATING, "We are investigating.", down, Map.of())),
                "A storage controller failed.",
                List.of(new CorrectiveAction("Replace the storage controller", "Operations", LocalDate.of(2026, 11, 20),
                                IncidentSnapshot.Phase.SHORT_TERM, false),
                        new CorrectiveAction("Add a second controller", "Operations", LocalDate.of(2027, 1, 15),
                                IncidentSnapshot.Phase.LONG_TERM, false),
                        new CorrectiveAction("Restart the service", "Operations", null, IncidentSnapshot.Phase.IMMEDIATE, true)),
                IncidentSnapshot.Severity.SEV1, down.plusSeconds(240));
        BackupMonitorRecord monitor = new BackupMonitorRecord("backup-core", "prod-web", "production", 7200,
                Map.of("incremental", 7200L), WATCHED);
        List<GoodBackup> backups = new ArrayList<>();
        Instant gapFrom = madrid(2026, 11, 15, 0);
        Instant gapTo = madrid(2026, 11, 15, 6);
        for (Instant at = NOVEMBER.start().minusSeconds(7200); at.isBefore(NOVEMBER.end()); at = at.plusSeconds(7200)) {
            if (!(at.isAfter(gapFrom.minusSeconds(1)) && at.isBefore(gapTo))) {
                backups.add(new GoodBackup("backup-core|incremental|" + at, "backup-core", "incremental", at));
            }
        }
        return new MonthlyCalculation.Inputs(components(), Map.of("prod-web", web), List.of(incident), List.of(),
                List.of(new MonthlyCalculation.BackupInput(monitor, backups)));
    }

    static Instant madrid(int year, int month, int day, int hour) {
        return LocalDateTime.of(year, month, day, hour, 0).atZone(MADRID).toInstant();
    }

    private static StatusChangeRecord change(long sequence, ComponentStatus from, ComponentStatus to, Instant at) {
        return new StatusChangeRecord("e" + sequence, "prod-web", "Omnichannel web", "production", sequence, from, to, at, null);
    }

    // ---- reading the PDF back ----

    /** The running footer, from its first word to the page number. */
    private static final Pattern FOOTER = Pattern.compile("(Document generated|Documento generado).*?\\d+ / \\d+ ");

    /** Each page's text, the running footer left out, whitespace collapsed. */
    static List<String> pages(byte[] document) throws IOException {
        try (PDDocument pdf = Loader.loadPDF(document)) {
            return pages(pdf);
        }
    }

    static List<String> pages(PDDocument pdf) throws IOException {
        List<String> pages = new ArrayList<>();
        PDFTextStripper stripper = new PDFTextStripper();
        for (int page = 1; page <= pdf.getNumberOfPages(); page++) {
            stripper.setStartPage(page);
            stripper.setEndPage(page);
            pages.add(FOOTER.matcher(stripper.getText(pdf).replaceAll("\\s+", " ")).replaceAll(" "));
        }
        return pages;
    }

    private static String pageWith(List<String> pages, String text) {
        return pages.stream().filter(p -> p.contains(text)).findFirst()
                .orElseThrow(() -> new AssertionError("No page has \"" + text + "\""));
    }

    /** Shapes filled in the page's content stream: the engine draws a box as a closed path, then {@code f}. */
    static int filledShapes(PDPage page) throws IOException {
        int filled = 0;
        for (Object token : new PDFStreamParser(page).parse()) {
            if (token instanceof Operator op && List.of("f", "F", "f*", "B", "B*", "b", "b*").contains(op.getName())) {
                filled++;
            }
        }
        return filled;
    }

    private static int images(PDPage page) throws IOException {
        int images = 0;
        for (COSName name : page.getResources().getXObjectNames()) {
            if (page.getResources().isImageXObject(name)) {
                images++;
            }
        }
        return images;
    }

    private static List<String> concat(String first, List<String> rest) {
        List<String> all = new ArrayList<>();
        all.add(first);
        all.addAll(rest);
        return all;
    }
}
