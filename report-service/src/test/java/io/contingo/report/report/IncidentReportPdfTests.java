package io.contingo.report.report;

import io.contingo.report.pdf.PdfReports;
import io.contingo.report.pdf.ReportFormat;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.context.support.ResourceBundleMessageSource;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

import io.contingo.events.ComponentStatus;
import io.contingo.events.IncidentSnapshot;
import io.contingo.events.IncidentSnapshot.AffectedComponent;
import io.contingo.events.IncidentSnapshot.Update;
import io.contingo.events.IncidentSnapshot.Window;

/**
 * The technical report as PDF, rendered by the service's own template and fonts and read back with PDFBox: headings
 * stay with their content, the outage is the union of the windows and says so, and a Spanish reader gets the
 * engine's texts and the catalog's names in Spanish.
 */
public class IncidentReportPdfTests {

    private static final Instant T = Instant.parse("2026-11-26T09:15:00Z");
    private static final ZoneId MADRID = ZoneId.of("Europe/Madrid");
    private static final List<String> HEADINGS = List.of("Unavailability windows", "Summary", "Description", "Root cause",
            "Corrective actions");

    private final PdfReports pdf = new PdfReports(templates(), new ReportFormat());

    @AfterEach
    void forgetLocale() {
        LocaleContextHolder.resetLocaleContext();
    }

    @Test
    void noHeadingIsLeftAloneAtTheBottomOfAPage() throws IOException {
        // an open incident with more and more one-line updates: the sections after the description move down a line
        // at a time, so each heading reaches the bottom of page 1 at one of these lengths; it must always share its
        // page with the first line of its section
        for (int updates = 1; updates <= 40; updates++) {
            byte[] document = render(openIncident(updates), Locale.ENGLISH);
            List<String> pages = pages(document);
            for (String heading : HEADINGS) {
                int page = pageOf(pages, heading);
                String after = pages.get(page).substring(pages.get(page).indexOf(heading) + heading.length());
                assertThat(after).as("with %d updates, what follows \"%s\" on page %d of %d", updates, heading, page + 1, pages.size())
                        .contains(firstLineOf(heading));
            }
            save(document, "open-incident-" + updates + "-updates.pdf"); // to look at
        }
    }

    @Test
    void theOutageIsTheUnionOfTheWindowsAndTheReportSaysSo() throws IOException {
        String text = String.join(" ", pages(render(openIncident(1), Locale.ENGLISH)));

        // web 09:15–09:18, api 09:16–09:17 inside it, web again 09:24–09:24:30: 3 min 30 s, not the 9.5 min from first to last
        assertThat(text).contains("Outage 3 min", "Outage: the time during which at least one affected service was unavailable")
                .doesNotContain("Total duration");
    }

    @Test
    void aSpanishReaderReadsWhatTheEngineWroteInSpanish() throws IOException {
        IncidentSnapshot incident = openIncident(1);
        byte[] spanish = render(incident.in("es"), Locale.forLanguageTag("es"));
        save(spanish, "open-incident-es.pdf");
        String text = String.join(" ", pages(spanish));

        assertThat(text).contains("Informe técnico de incidencia: Caída del entorno de Producción", "Entorno Producción",
                "Web omnicanal", "Estamos investigando una interrupción que afecta a Web omnicanal", "Interrupción 3 min",
                "al menos uno de los servicios afectados")
                .doesNotContain("Production site outage", "We are investigating", "Omnichannel web");
    }

    private byte[] render(IncidentSnapshot incident, Locale locale) {
        LocaleContextHolder.setLocale(locale);
        return pdf.render("pdf/incident-report", TechnicalReport.of(incident, MADRID, T.plusSeconds(3600)), locale, incident.id());
    }

    private static IncidentSnapshot openIncident(int updates) {
        List<Update> timeline = new ArrayList<>();
        timeline.add(new Update("u1", IncidentSnapshot.Status.INVESTIGATING,
                "We are investigating an outage affecting Omnichannel web. We will post an update as soon as we know more.", T,
                Map.of("es", "Estamos investigando una interrupción que afecta a Web omnicanal. Publicaremos una actualización en"
                        + " cuanto sepamos más.")));
        for (int i = 2; i <= updates; i++) {
            timeline.add(new Update("u" + i, IncidentSnapshot.Status.IDENTIFIED, "Controller swap, step " + i + ".",
                    T.plusSeconds(60L * i)));
        }
        return new IncidentSnapshot("inc-20261126-0915-production", "Production site outage", "production", "Production",
                IncidentSnapshot.Status.IDENTIFIED, IncidentSnapshot.Impact.MAJOR, T, null,
                List.of(new AffectedComponent("prod-web", "Omnichannel web", ComponentStatus.MAJOR_OUTAGE,
                                List.of(new Window(T, T.plusSeconds(180)), new Window(T.plusSeconds(540), T.plusSeconds(570))),
                                Map.of("es", "Web omnicanal")),
                        new AffectedComponent("prod-api", "Customer API", ComponentStatus.MAJOR_OUTAGE,
                                List.of(new Window(T.plusSeconds(60), T.plusSeconds(120))), Map.of("es", "API de clientes"))),
                timeline, null, List.of(), IncidentSnapshot.Severity.SEV2, null,
                Map.of("es", "Caída del entorno de Producción"), Map.of("es", "Producción"));
    }

    /** What each section starts with, right under its heading. */
    private static String firstLineOf(String heading) {
        return switch (heading) {
            case "Unavailability windows" -> "Omnichannel web";
            case "Summary" -> "Impact";
            case "Description" -> "Investigating";
            default -> "To be completed.";
        };
    }

    private static int pageOf(List<String> pages, String heading) {
        for (int i = 0; i < pages.size(); i++) {
            if (pages.get(i).contains(heading)) {
                return i;
            }
        }
        throw new AssertionError("No page has the heading " + heading);
    }

    /** Each page's text, the running footer left out, whitespace collapsed. */
    static List<String> pages(byte[] document) throws IOException {
        List<String> pages = new ArrayList<>();
        try (PDDocument pdf = Loader.loadPDF(document)) {
            PDFTextStripper stripper = new PDFTextStripper();
            for (int page = 1; page <= pdf.getNumberOfPages(); page++) {
                stripper.setStartPage(page);
                stripper.setEndPage(page);
                String text = stripper.getText(pdf).replaceAll("\\s+", " ");
                int footer = text.indexOf("Generated ");
                pages.add(footer < 0 ? text : text.substring(0, footer));
            }
        }
        return pages;
    }

    public static void save(byte[] document, String name) throws IOException {
        Path dir = Path.of("target", "pdf");
        Files.createDirectories(dir);
        Files.write(dir.resolve(name), document);
    }

    public static SpringTemplateEngine templates() {
        ClassLoaderTemplateResolver resolver = new ClassLoaderTemplateResolver();
        resolver.setPrefix("templates/");
        resolver.setSuffix(".html");
        resolver.setTemplateMode(TemplateMode.HTML);
        resolver.setCharacterEncoding("UTF-8");
        ResourceBundleMessageSource messages = new ResourceBundleMessageSource();
        messages.setBasename("messages");
        messages.setDefaultEncoding("UTF-8");
        messages.setFallbackToSystemLocale(false);
        SpringTemplateEngine engine = new SpringTemplateEngine();
        engine.setTemplateResolver(resolver);
        engine.setTemplateEngineMessageSource(messages);
        return engine;
    }
}
