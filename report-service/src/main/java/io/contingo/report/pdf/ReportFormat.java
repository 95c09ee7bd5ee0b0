package io.contingo.report.pdf;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Locale;

import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

import io.contingo.starter.text.ReadableDuration;

/** Dates, times and durations in reports and pages, in the reader's language ({@code ${@reportFormat...}}). */
@Component("reportFormat")
public class ReportFormat {

    /** "1 November 2026" in English (day before month, never the US order), "1 de noviembre de 2026" in Spanish. */
    public String date(ZonedDateTime at) {
        return at == null ? "" : longDate().format(at);
    }

    public String localDate(java.time.LocalDate date) {
        return date == null ? "" : longDate().format(date);
    }

    public String time(ZonedDateTime at) {
        return at == null ? "" : DateTimeFormatter.ofPattern("HH:mm").withLocale(locale()).format(at);
    }

    /** "3 Dec 2026 14:00" in English, "3 dic 2026, 14:00" in Spanish. */
    public String dateTime(ZonedDateTime at) {
        return at == null ? "" : english() ? DateTimeFormatter.ofPattern("d MMM yyyy HH:mm", locale()).format(at)
                : DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM, FormatStyle.SHORT).withLocale(locale()).format(at);
    }

    /** "12:10:04" on {@code day}'s date, "4 Dec 12:10:04" on another: a DRP step's times, to the second. */
    public String timeOn(ZonedDateTime at, ZonedDateTime day) {
        if (at == null) {
            return "";
        }
        boolean sameDay = day != null && at.toLocalDate().equals(day.withZoneSameInstant(at.getZone()).toLocalDate());
        return DateTimeFormatter.ofPattern(sameDay ? "HH:mm:ss" : "d MMM HH:mm:ss").withLocale(locale()).format(at);
    }

    /** "UTC+01:00 (Europe/Madrid)". */
    public String zone(ZonedDateTime at) {
        return at == null ? "" : "UTC" + at.getOffset().getId().replace("Z", "+00:00") + " (" + at.getZone().getId() + ")";
    }

    /** "1 h 5 min", "12 min", "40 s". */
    public String duration(Duration d) {
        return d == null ? "" : ReadableDuration.of(d);
    }

    private static DateTimeFormatter longDate() {
        return english() ? DateTimeFormatter.ofPattern("d MMMM yyyy", locale())
                : DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG).withLocale(locale());
    }

    /** English dates are written day, month, year (or ISO), as readers outside the US expect. */
    private static boolean english() {
        return "en".equals(locale().getLanguage());
    }

    private static Locale locale() {
        return LocaleContextHolder.getLocale();
    }
}
