package io.contingo.report.monthly;

import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.context.i18n.LocaleContext;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

import io.contingo.events.IncidentSnapshot;
import io.contingo.report.pdf.PdfReports;

/** Renders the monthly service report as PDF from its figures, in a language. */
@Component
public class MonthlyPdf {

    /**
     * What the print template reads as {@code ${report}}: the figures, when the document was generated, and where the
     * incidents' technical reports are (each incident links to its own).
     */
    public record View(MonthlyFigures figures, ZonedDateTime generatedAt, String reportsLink) {

        public String incidentReportLink(String incidentId) {
            return reportsLink + "/reports/incidents/" + incidentId + ".pdf";
        }

        /** The month's name in the reader's language ("November", "noviembre"), null when the period is not a month. */
        public String monthName() {
            Period period = figures.period();
            if (period.month() == null) {
                return null;
            }
            String name = period.month().getMonth().getDisplayName(TextStyle.FULL_STANDALONE, locale());
            return name.substring(0, 1).toUpperCase(locale()) + name.substring(1);
        }

        /** The sections in their order: each heading's id, its bookmark and its line in the contents. */
        public List<String> sections() {
            return SECTIONS;
        }

        public String year() {
            return String.valueOf(figures.period().from().getYear());
        }

        public java.time.Duration seconds(Long seconds) {
            return seconds == null ? null : java.time.Duration.ofSeconds(seconds);
        }

        public ZonedDateTime at(Instant instant) {
            return instant == null ? null : instant.atZone(figures.period().zone());
        }

        /** Whether the period goes on: the figures stop at {@code asOf}. */
        public boolean ongoing() {
            return figures.asOf().isBefore(figures.period().end());
        }

        /** "2 Nov 14:05", with the year when the period spans more than one. */
        public String when(Instant instant) {
            if (instant == null) {
                return "";
            }
            Period period = figures.period();
            String pattern = period.from().getYear() == period.to().getYear() ? "d MMM HH:mm" : "d MMM yyyy HH:mm";
            return DateTimeFormatter.ofPattern(pattern, locale()).format(at(instant));
        }

        /** The end of a window: its time alone on the day it started, else with its day. */
        public String until(IncidentSnapshot.Window window) {
            if (window.end() == null) {
                return null;
            }
            boolean sameDay = at(window.start()).toLocalDate().equals(at(window.end()).toLocalDate());
            return sameDay ? DateTimeFormatter.ofPattern("HH:mm", locale()).format(at(window.end())) : when(window.end());
        }

        /** An SLA target as written: "99.9", "99.95", "100". */
        public String target(double target) {
            return java.math.BigDecimal.valueOf(target).stripTrailingZeros().toPlainString();
        }

        /** What the scope covers: "all", a site's name (or id), or the chosen components' names. */
        public String scopeKind() {
            Scope scope = Scope.parse(figures.scope());
            return scope.siteId() != null ? "site" : scope.componentIds().isEmpty() ? "all" : "components";
        }

        public String scopeSite() {
            String site = Scope.parse(figures.scope()).siteId();
            return figures.components().stream().filter(c -> site != null && site.equals(c.siteId()) && c.siteName() != null)
                    .map(ComponentFigures::siteName).findFirst().orElse(site);
        }

        public String scopeComponents() {
            return String.join(", ", figures.components().stream().map(ComponentFigures::name).toList());
        }

        /** Whether the charts draw a bar a week, the period being too long for a bar a day. */
        public boolean weekly() {
            return figures.period().days().size() > DowntimeChart.DAILY_UP_TO;
        }

        public List<DowntimeChart> charts() {
            return figures.components().stream().map(DowntimeChart::of).toList();
        }

        /** The charts two by two, as the page lays them out. */
        public List<List<DowntimeChart>> chartRows() {
            List<DowntimeChart> charts = charts();
            List<List<DowntimeChart>> rows = new ArrayList<>();
            for (int i = 0; i < charts.size(); i += 2) {
                rows.add(charts.subList(i, Math.min(charts.size(), i + 2)));
            }
            return rows;
        }

        public List<BackupStrip> backupStrips() {
            return figures.backups().stream().map(BackupStrip::of).toList();
        }

        public long overdueActions() {
            return figures.actions().stream().filter(ActionLine::overdue).count();
        }

        /** The open actions by owner (in the figures' order), then by phase. */
        public List<OwnerActions> actionsByOwner() {
            Map<String, Map<IncidentSnapshot.Phase, List<ActionLine>>> owners = new LinkedHashMap<>();
            for (ActionLine action : figures.actions()) {
                owners.computeIfAbsent(action.owner() == null ? "" : action.owner(), o -> new LinkedHashMap<>())
                        .computeIfAbsent(action.phase(), p -> new ArrayList<>()).add(action);
            }
            List<OwnerActions> groups = new ArrayList<>();
            owners.forEach((owner, phases) -> groups.add(new OwnerActions(owner.isEmpty() ? null : owner,
                    phases.values().stream().flatMap(List::stream).toList())));
            return groups;
        }

        private static Locale locale() {
            return LocaleContextHolder.getLocale();
        }
    }

    /** One owner's open actions, by phase; {@code owner} is null for actions nobody owns yet. */
    public record OwnerActions(String owner, List<ActionLine> actions) {

        public long overdue() {
            return actions.stream().filter(ActionLine::overdue).count();
        }
    }

    private static final List<String> SECTIONS = List.of("summary", "availability", "incidents", "backups", "drp", "actions");

    private final PdfReports pdf;
    private final MonthlySettings settings;

    MonthlyPdf(PdfReports pdf, MonthlySettings settings) {
        this.pdf = pdf;
        this.settings = settings;
    }

    /** Renders in {@code locale}, whatever the calling thread's locale (the monthly job has no request). */
    public byte[] render(MonthlyFigures figures, Instant generatedAt, Locale locale) {
        String link = settings.link().toString().replaceAll("/+$", "");
        LocaleContext before = LocaleContextHolder.getLocaleContext();
        LocaleContextHolder.setLocale(locale);
        try {
            return pdf.render("pdf/monthly-report", new View(figures.in(locale.getLanguage()), generatedAt.atZone(figures.period().zone()),
                    link), locale,
                    "the service report of " + figures.period().key());
        } finally {
            LocaleContextHolder.setLocaleContext(before);
        }
    }
}
