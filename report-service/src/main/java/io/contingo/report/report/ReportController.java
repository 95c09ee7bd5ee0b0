package io.contingo.report.report;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.data.mongodb.core.MongoTemplate;
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

import io.contingo.events.IncidentSnapshot;
import io.swagger.v3.oas.annotations.Operation;
import io.contingo.report.incident.IncidentRecord;

/** Managers' reports: the list of incidents, and each one's technical incident report as PDF. */
@Controller
class ReportController {

    private static final Logger log = LoggerFactory.getLogger(ReportController.class);
    private static final Pattern INCIDENT_ID = Pattern.compile("[A-Za-z0-9-]{1,80}");

    /** A row of the list: an incident, in the reader's language, with its status and outage (the union of its windows). */
    record Row(IncidentSnapshot incident, Duration duration) {
    }

    private final MongoTemplate mongo;
    private final PdfReports pdf;
    private final ZoneId zone;
    private final Clock clock;

    ReportController(MongoTemplate mongo, PdfReports pdf, @Value("${contingo.reports.time-zone:Europe/Madrid}") ZoneId zone) {
        this.mongo = mongo;
        this.pdf = pdf;
        this.zone = zone;
        this.clock = Clock.systemUTC();
    }

    @GetMapping("/reports")
    String list(Model model, java.security.Principal user) {
        model.addAttribute("user", user.getName());
        List<Row> rows = mongo.findAll(IncidentRecord.class).stream()
                .map(IncidentRecord::incident)
                .sorted(Comparator.comparing(IncidentSnapshot::createdAt).reversed())
                .map(i -> new Row(i.in(LocaleContextHolder.getLocale().getLanguage()), i.outage(clock.instant())))
                .toList();
        model.addAttribute("rows", rows);
        model.addAttribute("zone", zone);
        return "reports/list";
    }

    @GetMapping(value = { "/api/reports/incidents/{file}", "/reports/incidents/{file}" })
    @ResponseBody
    @Operation(summary = "An incident's technical report as PDF",
            description = "{file} is the incident's id followed by .pdf; ?lang=es gives it in Spanish (default: the"
                    + " Accept-Language, English when neither is English or Spanish). 404 for an incident not known here.")
    ResponseEntity<byte[]> incidentReport(@PathVariable String file, @RequestParam(required = false) String lang) {
        if (!file.endsWith(".pdf") || !INCIDENT_ID.matcher(file.substring(0, file.length() - 4)).matches()) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "Malformed incident id: expected letters, digits and dashes followed by .pdf");
        }
        String id = file.substring(0, file.length() - 4);
        IncidentRecord record = mongo.findById(id, IncidentRecord.class);
        if (record == null) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "No incident " + id + " is known to report-service");
        }
        Locale locale = lang == null ? LocaleContextHolder.getLocale() : Locale.forLanguageTag(lang);
        if (!locale.getLanguage().equals("en") // a language is offered as soon as its messages file is there
                && ReportController.class.getClassLoader().getResource("messages_" + locale.getLanguage() + ".properties") == null) {
            locale = Locale.ENGLISH;
        }
        LocaleContextHolder.setLocale(locale);
        long started = System.nanoTime();
        byte[] body = pdf.incidentReport(TechnicalReport.of(record.incident().in(locale.getLanguage()), zone, clock.instant()), locale);
        log.info("Rendered the report of {} ({}) in {} ms, {} bytes", id, locale.getLanguage(),
                Duration.ofNanos(System.nanoTime() - started).toMillis(), body.length);
        return ResponseEntity.ok()
                .contentType(MediaType.APPLICATION_PDF)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.inline()
                        .filename("technical-incident-report-" + id + ".pdf").build().toString())
                .body(body);
    }
}
