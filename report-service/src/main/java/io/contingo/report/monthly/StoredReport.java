package io.contingo.report.monthly;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

import io.contingo.events.ReportPublished;

/**
 * A service report, stored for good once generated: its figures as JSON, its PDF in each language with the PDF's
 * SHA-256, the period and scope they cover. While it is being generated it says how far it got; a READY report is
 * never changed again.
 *
 * @param id          {@code monthly-2026-11} for the month's own report, a random id for one a manager asked for
 * @param claimedBy   the instance generating it, and {@code claimedAt} since when: another may take over a stale claim
 * @param step        how many of {@code steps} are done, while generating
 * @param announced   whether its {@link ReportPublished} event went out (the month's own report only)
 */
@Document("service_reports")
public record StoredReport(@Id String id, ReportPublished.Kind kind, LocalDate from, LocalDate to, String timeZone,
        String scope, String requestedBy, State state, String claimedBy, Instant claimedAt, int step, int steps, String stepName,
        Instant generatedAt, String figures, Map<String, byte[]> pdfs, Map<String, String> sha256, String error,
        boolean announced) {

    public enum State { GENERATING, READY, FAILED }

    public boolean ready() {
        return state == State.READY;
    }
}
