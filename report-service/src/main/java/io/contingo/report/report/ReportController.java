package io.contingo.report.report;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.function.BiFunction;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.server.ResponseStatusException;

import io.contingo.events.DrpRunSnapshot;
import io.contingo.events.IncidentSnapshot;
import io.swagger.v3.oas.annotations.Operation;
import io.contingo.report.drp.DrpRunRecord;
import io.contingo.report.incident.IncidentRecord;
import io.contingo.report.monthly.MonthlyReports;
import io.contingo.report.pdf.PdfReports;

/**
 * Managers' reports: the list of service reports, incidents and DRP runs, each incident's technical incident report
 * and each run's DRP run report as PDF.
 */
@Controller
class ReportController {

    private static final Logger log = LoggerFactory.getLogger(ReportController.class);
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9-]{1,80}");
    /** Reports of each kind on a page of the list. */
    static final int PAGE_SIZE = 25;

    /** A row of the list: an incident, in the reader's language, with its status and outage (the union of its windows). */
    record Row(IncidentSnapshot incident, Duration duration) {
    }

    private final MongoTemplate mongo;
    private final PdfReports pdf;
    private final MonthlyReports serviceReports;
    private final ZoneId zone;
    private final Clock clock;

    ReportController(MongoTemplate mongo, PdfReports pdf, MonthlyReports serviceReports,
            @Value("${contingo.reports.time-zone:Europe/Madrid}") ZoneId zone) {
        this.mongo = mongo;
        this.serviceReports = serviceReports;
        this.pdf = pdf;
        this.zone = zone;
        this.clock = Clock.systemUTC();
    }

    /**
     * The reports: stored service reports (with the form to ask for one), incidents and DRP runs, newest first,
     * {@value #PAGE_SIZE} of each kind a page ({@code page}, from 1); {@code q} keeps those whose name or id contains it,
     * {@code show} one kind only (service, incidents, drp).
     */
    @GetMapping("/reports")
    String list(Model model, java.security.Principal user, @RequestParam(required = false) String q,
            @RequestParam(required = false) String show, @RequestParam(defaultValue = "1") int page) {
        model.addAttribute("user", user.getName());
        String text = q == null ? "" : q.strip().toLowerCase(java.util.Locale.ROOT);
        String kind = show == null || !List.of("service", "incidents", "drp").contains(show) ? "all" : show;
        int current = Math.max(page, 1);
        model.addAttribute("q", q == null ? "" : q.strip());
        model.addAttribute("show", kind);
        boolean older = false;
        List<Row> rows = List.of();
        if (kind.equals("all") || kind.equals("incidents")) {
            List<IncidentSnapshot> incidents = onePage(IncidentRecord.class, text, "incident.name", current,
                    Sort.by(Sort.Direction.DESC, "incident.createdAt")).stream().map(IncidentRecord::incident).toList();
            older = incidents.size() > PAGE_SIZE;
            rows = incidents.stream().limit(PAGE_SIZE)
                    .map(i -> new Row(i.in(LocaleContextHolder.getLocale().getLanguage()), i.outage(clock.instant())))
                    .toList();
        }
        model.addAttribute("rows", rows);
        List<DrpRunSnapshot> runs = List.of();
        if (kind.equals("all") || kind.equals("drp")) {
            runs = onePage(DrpRunRecord.class, text, "run.runbookName", current,
                    Sort.by(Sort.Direction.DESC, "run.proposedAt", "run.startedAt")).stream().map(DrpRunRecord::run).toList();
            older |= runs.size() > PAGE_SIZE;
        }
        model.addAttribute("runs", runs.stream().limit(PAGE_SIZE).toList());
        List<?> stored = !kind.equals("all") && !kind.equals("service") ? List.of()
                : serviceReports.storedReports().stream()
                        .filter(r -> matches(text, r.id(), r.from() + " " + r.to() + " " + r.scope()))
                        .skip((long) (current - 1) * PAGE_SIZE).limit(PAGE_SIZE + 1).toList();
        older |= stored.size() > PAGE_SIZE;
        model.addAttribute("serviceReports", stored.stream().limit(PAGE_SIZE).toList());
        model.addAttribute("page", current);
        model.addAttribute("older", older);
        model.addAttribute("newer", current > 1);
        model.addAttribute("thisMonth", java.time.YearMonth.now(clock.withZone(zone)).toString());
        model.addAttribute("zone", zone);
        return "reports/list";
    }

    /**
     * One page of {@code type}'s documents in {@code order}, with one more than a page when there are more: those whose
     * id or {@code nameField} contains {@code text} (taken literally, in any case).
     */
    private <T> List<T> onePage(Class<T> type, String text, String nameField, int page, Sort order) {
        Query query = new Query().with(order).skip((long) (page - 1) * PAGE_SIZE).limit(PAGE_SIZE + 1);
        if (!text.isEmpty()) {
            String literally = Pattern.quote(text);
            query.addCriteria(new Criteria().orOperator(Criteria.where("_id").regex(literally, "i"),
                    Criteria.where(nameField).regex(literally, "i")));
        }
        return mongo.find(query, type);
    }

    private static boolean matches(String text, String id, String name) {
        return text.isEmpty() || id.toLowerCase(java.util.Locale.ROOT).contains(text)
                || name != null && name.toLowerCase(java.util.Locale.ROOT).contains(text);
    }

    @GetMapping(value = { "/api/reports/incidents/{file}", "/reports/incidents/{file}" })
    @ResponseBody
    @Operation(summary = "An incident's technical report as PDF",
            description = "{file} is the incident's id followed by .pdf; ?lang=es gives it in Spanish (default: the"
                    + " Accept-Language, English when neither is English or Spanish). 404 for an incident not known here.")
    ResponseEntity<byte[]> incidentReport(@PathVariable String file, @RequestParam(required = false) String lang) {
        return report(file, lang, "incident", IncidentRecord.class, "technical-incident-report-", (record, locale) ->
                pdf.render("pdf/incident-report", TechnicalReport.of(record.incident().in(locale.getLanguage()), zone, clock.instant()),
                        locale, "the report of " + record.id()));
    }

    @GetMapping(value = { "/api/reports/drp/{file}", "/reports/drp/{file}" })
    @ResponseBody
    @Operation(summary = "A DRP run's report as PDF",
            description = "{file} is the run's id followed by .pdf; ?lang=es gives it in Spanish (default: the"
                    + " Accept-Language, English when neither is English or Spanish). The decision, every step, and the RTO"
                    + " and RPO against the targets; a drill is marked on every page. 404 for a run not known here.")
    ResponseEntity<byte[]> drpRunReport(@PathVariable String file, @RequestParam(required = false) String lang) {
        return report(file, lang, "DRP run", DrpRunRecord.class, "drp-run-report-", (record, locale) ->
                pdf.render("pdf/drp-run-report", DrpRunReport.of(record.run(), zone, clock.instant()), locale,
                        "the DRP run report of " + record.id()));
    }

    /**
     * The report on the {@code what} whose id is in {@code file} ("{id}.pdf"), read from {@code type}'s documents and
     * rendered in the language asked for; 400 for a malformed id, 404 for one not known here.
     */
    private <T> ResponseEntity<byte[]> report(String file, String lang, String what, Class<T> type, String name,
            BiFunction<T, Locale, byte[]> render) {
        String id = idOf(file, what);
        T record = mongo.findById(id, type);
        if (record == null) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "No " + what + " " + id + " is known to report-service");
        }
        Locale locale = language(lang);
        long started = System.nanoTime();
        byte[] body = render.apply(record, locale);
        log.info("Rendered {}{}.pdf ({}) in {} ms, {} bytes", name, id, locale.getLanguage(),
                Duration.ofNanos(System.nanoTime() - started).toMillis(), body.length);
        return ResponseEntity.ok()
                .contentType(MediaType.APPLICATION_PDF)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.inline().filename(name + id + ".pdf").build().toString())
                .body(body);
    }

    /** The id in "{id}.pdf", or 400. */
    private static String idOf(String file, String what) {
        if (!file.endsWith(".pdf") || !ID.matcher(file.substring(0, file.length() - 4)).matches()) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
                    "Malformed " + what + " id: expected letters, digits and dashes followed by .pdf");
        }
        return file.substring(0, file.length() - 4);
    }

    /** {@code ?lang=}, else the Accept-Language; English unless the service has the language's messages. */
    private static Locale language(String lang) {
        Locale locale = lang == null ? LocaleContextHolder.getLocale() : Locale.forLanguageTag(lang);
        if (!locale.getLanguage().equals("en") // a language is offered as soon as its messages file is there
                && ReportController.class.getClassLoader().getResource("messages_" + locale.getLanguage() + ".properties") == null) {
            locale = Locale.ENGLISH;
        }
        LocaleContextHolder.setLocale(locale);
        return locale;
    }
}
