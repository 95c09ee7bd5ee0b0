package io.contingo.report.monthly;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * The days a report covers, from {@code from} to {@code to} inclusive, in the operator's time zone: it starts at
 * the first day's midnight and ends at the midnight after the last day, wherever daylight saving time moves them.
 */
public record Period(LocalDate from, LocalDate to, ZoneId zone) {

    /** The longest period a report covers. */
    public static final int MAX_MONTHS = 13;

    public Period {
        if (to.isBefore(from)) {
            throw new BadReportRequest("to", "The period ends (" + to + ") before it starts (" + from + ")");
        }
        if (to.isAfter(from.plusMonths(MAX_MONTHS).minusDays(1))) {
            throw new BadReportRequest("to", "The period from " + from + " to " + to + " is longer than " + MAX_MONTHS
                    + " months, the most a report covers");
        }
    }

    public static Period of(YearMonth month, ZoneId zone) {
        return new Period(month.atDay(1), month.atEndOfMonth(), zone);
    }

    /** {@code 2026-11}, else 400 naming {@code parameter}. */
    public static Period ofMonth(String month, String parameter, ZoneId zone) {
        try {
            return of(YearMonth.parse(month), zone);
        } catch (DateTimeException | NullPointerException e) {
            throw new BadReportRequest(parameter, parameter + " must be a month written yyyy-mm (like 2026-11), not '"
                    + String.valueOf(month) + "'");
        }
    }

    /** Two days written yyyy-mm-dd, else 400 naming the wrong one. */
    public static Period ofDays(String from, String to, ZoneId zone) {
        return new Period(day(from, "from"), day(to, "to"), zone);
    }

    private static LocalDate day(String text, String parameter) {
        if (text == null || text.isBlank()) {
            throw new BadReportRequest(parameter, parameter + " is required: a day written yyyy-mm-dd");
        }
        try {
            return LocalDate.parse(text.strip());
        } catch (DateTimeParseException e) {
            throw new BadReportRequest(parameter, parameter + " must be a day written yyyy-mm-dd (like 2026-11-01), not '" + text + "'");
        }
    }

    /** The first day's midnight. */
    public Instant start() {
        return from.atStartOfDay(zone).toInstant();
    }

    /** The midnight after the last day. */
    public Instant end() {
        return to.plusDays(1).atStartOfDay(zone).toInstant();
    }

    public List<LocalDate> days() {
        List<LocalDate> days = new ArrayList<>();
        for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
            days.add(d);
        }
        return days;
    }

    /** The calendar month the period is, or null when it is not exactly one. */
    public YearMonth month() {
        YearMonth month = YearMonth.from(from);
        return from.getDayOfMonth() == 1 && to.equals(month.atEndOfMonth()) ? month : null;
    }

    public Duration length() {
        return Duration.between(start(), end());
    }

    /** {@code 2026-11} for a month, {@code 2026-11-03_2026-11-20} otherwise: names the files. */
    public String key() {
        return month() != null ? month().toString() : from + "_" + to;
    }
}
