package io.contingo.report.monthly;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;

/**
 * The service report's figures for any period, computed from the event log when asked: as JSON (everything), CSV (the
 * availability table) or PDF; and the stored reports' own documents, which never change.
 */
@RestController
class MonthlyApiController {

    private static final Pattern MONTH_FILE = Pattern.compile("(.+)\\.(json|csv|pdf)");
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9-]{1,80}");

    private final MonthlyReports reports;

    MonthlyApiController(MonthlyReports reports) {
        this.reports = reports;
    }

    @GetMapping("/api/reports/monthly/{file}")
    @Operation(summary = "A calendar month's service report figures",
            description = "{file} is the month followed by the format: 2026-11.json (every figure), 2026-11.csv (one row"
                    + " per component: availability against its SLA target) or 2026-11.pdf (?lang=es for Spanish). The"
                    + " month's days run from midnight to midnight in the operator's time zone. 400 names the parameter"
                    + " that is malformed.")
    ResponseEntity<byte[]> month(@PathVariable String file,
            @Parameter(description = "all (default), site:<site id> or components:<id>,<id>") @RequestParam(required = false) String scope,
            @RequestParam(required = false) String lang) {
        Matcher m = MONTH_FILE.matcher(file);
        if (!m.matches()) {
            throw new BadReportRequest("file", "file must be a month and a format, like 2026-11.json, 2026-11.csv or 2026-11.pdf");
        }
        Period period = Period.ofMonth(m.group(1), "month", reports.zone());
        return document(reports.figures(period, Scope.parse(scope)), m.group(2), lang, "service-report-" + period.key());
    }

    @GetMapping("/api/reports/service.{format}")
    @Operation(summary = "The service report figures of any period (at most 13 months)",
            description = "?from=2026-11-03&to=2026-11-20 (days, inclusive, in the operator's time zone); format json, csv"
                    + " or pdf. 400 names the parameter that is malformed, or says the period is longer than 13 months.")
    ResponseEntity<byte[]> period(@PathVariable String format, @RequestParam(required = false) String from,
            @RequestParam(required = false) String to, @RequestParam(required = false) String scope,
            @RequestParam(required = false) String lang) {
        Period period = Period.ofDays(from, to, reports.zone());
        return document(reports.figures(period, Scope.parse(scope)), format, lang, "service-report-" + period.key());
    }

    /** A stored report's documents: {id}.pdf (?lang=), {id}.json, {id}.csv; 404 while it is not ready. */
    @GetMapping({ "/reports/monthly/{id}.{format}", "/api/reports/stored/{id}.{format}" })
    @Operation(summary = "A stored service report, as it was generated",
            description = "{id} is the report's (monthly-2026-11 for the month's own); format pdf (?lang=es for Spanish;"
                    + " its ETag is the PDF's SHA-256), json or csv. A stored report never changes. 404 while it is being"
                    + " generated or when it is not known.")
    ResponseEntity<byte[]> stored(@PathVariable String id, @PathVariable String format, @RequestParam(required = false) String lang) {
        if (!ID.matcher(id).matches()) {
            throw new BadReportRequest("id", "A report id is letters, digits and dashes");
        }
        StoredReport report = reports.stored(id).filter(StoredReport::ready)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No stored report " + id + " is ready"));
        String name = "service-report-" + id;
        return switch (format) {
            case "pdf" -> {
                String language = report.pdfs().containsKey(language(lang).getLanguage()) ? language(lang).getLanguage()
                        : report.pdfs().keySet().iterator().next();
                yield ResponseEntity.ok().contentType(MediaType.APPLICATION_PDF)
                        .eTag(report.sha256().get(language))
                        .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.inline().filename(name + "-" + language + ".pdf").build().toString())
                        .body(report.pdfs().get(language));
            }
            case "json" -> ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(report.figures().getBytes(StandardCharsets.UTF_8));
            case "csv" -> csv(reports.figuresOf(report), name);
            default -> throw new BadReportRequest("format", "format must be pdf, json or csv, not '" + format + "'");
        };
    }

    private ResponseEntity<byte[]> document(MonthlyFigures figures, String format, String lang, String name) {
        return switch (format) {
            case "json" -> ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON)
                    .body(reports.json(figures).getBytes(StandardCharsets.UTF_8));
            case "csv" -> csv(figures, name);
            case "pdf" -> ResponseEntity.ok().contentType(MediaType.APPLICATION_PDF)
                    .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.inline().filename(name + ".pdf").build().toString())
                    .body(reports.pdf(figures, language(lang)));
            default -> throw new BadReportRequest("format", "format must be json, csv or pdf, not '" + format + "'");
        };
    }

    private static ResponseEntity<byte[]> csv(MonthlyFigures figures, String name) {
        return ResponseEntity.ok().contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(name + ".csv").build().toString())
                .body(MonthlyCsv.of(figures).getBytes(StandardCharsets.UTF_8));
    }

    /** {@code ?lang=}, else the Accept-Language; English unless it is Spanish. */
    static Locale language(String lang) {
        Locale locale = lang == null ? LocaleContextHolder.getLocale() : Locale.forLanguageTag(lang);
        return locale.getLanguage().equals("es") ? Locale.forLanguageTag("es") : Locale.ENGLISH;
    }

    @ExceptionHandler(BadReportRequest.class)
    ResponseEntity<Map<String, Object>> badRequest(BadReportRequest e) {
        return ResponseEntity.badRequest().contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("status", 400, "error", "Bad Request", "parameter", e.parameter(), "message", e.getMessage()));
    }
}
