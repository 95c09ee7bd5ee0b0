package io.contingo.report.monthly;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import io.contingo.events.ReportPublished;
import tools.jackson.databind.json.JsonMapper;

/**
 * The service reports: figures computed on demand for any period, and reports generated and stored — the month's own
 * once, by whichever instance claims it, and any a manager asks for, in the background with its progress shown.
 */
@Component
public class MonthlyReports {

    private static final Logger log = LoggerFactory.getLogger(MonthlyReports.class);

    private final MonthlyData data;
    private final MonthlyPdf pdf;
    private final StoredReports stored;
    private final MonthlySettings settings;
    private final JsonMapper json;
    private final ZoneId zone;
    private final Clock clock;
    /** This instance, in the claims it makes. */
    private final String instance = UUID.randomUUID().toString();
    private final ExecutorService background = Executors.newVirtualThreadPerTaskExecutor();

    MonthlyReports(MonthlyData data, MonthlyPdf pdf, StoredReports stored, MonthlySettings settings, JsonMapper json,
            @Value("${contingo.reports.time-zone:Europe/Madrid}") ZoneId zone) {
        this.data = data;
        this.pdf = pdf;
        this.stored = stored;
        this.settings = settings;
        this.json = json;
        this.zone = zone;
        this.clock = Clock.systemUTC();
    }

    public ZoneId zone() {
        return zone;
    }

    /** The figures of {@code period} for {@code scope} as the event log gives them now. */
    public MonthlyFigures figures(Period period, Scope scope) {
        return MonthlyCalculation.compute(data.read(period), period, scope, settings, clock.instant());
    }

    public byte[] pdf(MonthlyFigures figures, Locale locale) {
        return pdf.render(figures, clock.instant(), locale);
    }

    public String json(MonthlyFigures figures) {
        return json.writeValueAsString(figures);
    }

    public Optional<StoredReport> stored(String id) {
        return stored.find(id);
    }

    public List<StoredReport> storedReports() {
        return stored.list();
    }

    public MonthlyFigures figuresOf(StoredReport report) {
        return json.readValue(report.figures(), MonthlyFigures.class);
    }

    /** Starts generating a report a manager asked for; its page shows the progress. */
    public StoredReport request(Period period, Scope scope, String manager) {
        String id = "report-" + UUID.randomUUID().toString().substring(0, 8);
        StoredReport claimed = stored.claim(id, ReportPublished.Kind.ON_DEMAND, period, scope, manager, instance, clock.instant(), steps())
                .orElseThrow();
        background.submit(() -> generate(claimed, period, scope));
        return claimed;
    }

    /**
     * Generates and stores the previous month's report when it is due and no instance has it: once the month is over
     * in the operator's time zone, and only when something was known of before its end. Once it is stored, a look
     * costs one read by id: the catalog and the history are read only while it is not.
     *
     * @return the month's report when this call generated it
     */
    Optional<StoredReport> generateDueMonth(Instant now) {
        YearMonth previous = YearMonth.from(now.atZone(zone)).minusMonths(1);
        String id = "monthly-" + previous;
        if (stored.ready(id)) {
            return Optional.empty();
        }
        Period period = Period.of(previous, zone);
        Instant firstKnown = data.firstKnown();
        Optional<StoredReport> generated = Optional.empty();
        if (firstKnown != null && firstKnown.isBefore(period.end())) {
            generated = stored.claim(id, ReportPublished.Kind.MONTHLY, period, Scope.ALL, null, instance, now, steps())
                    .map(claimed -> generate(claimed, period, Scope.ALL));
        }
        return generated.filter(StoredReport::ready);
    }

    /** The month's reports that are stored and not announced yet (announced by the caller, then marked). */
    List<StoredReport> toAnnounce() {
        return stored.unannounced();
    }

    boolean claimAnnouncement(String id, Instant now) {
        return stored.claimAnnouncement(id, now);
    }

    void announced(String id, boolean sent) {
        if (sent) {
            stored.announced(id);
        } else {
            stored.announcementFailed(id);
        }
    }

    String link(String id) {
        return settings.link().toString().replaceAll("/+$", "") + "/reports/monthly/" + id;
    }

    private int steps() {
        return 2 + settings.languages().size();
    }

    private StoredReport generate(StoredReport claimed, Period period, Scope scope) {
        String id = claimed.id();
        long started = System.nanoTime();
        try {
            stored.progress(id, instance, 0, "figures");
            MonthlyFigures figures = figures(period, scope);
            Map<String, byte[]> pdfs = new LinkedHashMap<>();
            Map<String, String> sums = new LinkedHashMap<>();
            int step = 1;
            for (String language : settings.languages()) {
                stored.progress(id, instance, step++, "pdf:" + language);
                byte[] document = pdf.render(figures, clock.instant(), Locale.forLanguageTag(language));
                pdfs.put(language, document);
                sums.put(language, sha256(document));
            }
            stored.progress(id, instance, step, "store");
            if (stored.complete(id, instance, clock.instant(), json(figures), pdfs, sums)) {
                log.info("Stored service report {} ({} to {}, {}) in {} ms", id, period.from(), period.to(), scope,
                        (System.nanoTime() - started) / 1_000_000);
            }
        } catch (RuntimeException e) {
            log.error("Could not generate service report {}", id, e);
            stored.fail(id, instance, e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        }
        return stored.find(id).orElseThrow();
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
