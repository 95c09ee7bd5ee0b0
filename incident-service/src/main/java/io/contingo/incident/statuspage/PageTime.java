package io.contingo.incident.statuspage;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;

import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

import io.contingo.events.IncidentSnapshot;
import io.contingo.incident.catalog.Catalog;
import io.contingo.starter.text.ReadableDuration;

/** Times on the status page: in the page's time zone, in the reader's language ({@code ${@pageTime.format(t)}}). */
@Component("pageTime")
public class PageTime {

    private final Catalog catalog;
    private final Clock clock;

    PageTime(Catalog catalog, Clock clock) {
        this.catalog = catalog;
        this.clock = clock;
    }

    public String format(Instant instant) {
        if (instant == null) {
            return "";
        }
        return DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM, FormatStyle.SHORT)
                .withLocale(LocaleContextHolder.getLocale())
                .withZone(catalog.page().timeZone())
                .format(instant) + " " + zone(instant);
    }

    public String zone(Instant instant) {
        return DateTimeFormatter.ofPattern("zzz").withLocale(LocaleContextHolder.getLocale())
                .withZone(catalog.page().timeZone()).format(instant);
    }

    /** A day as the reader writes it: "26 Nov 2026", "26 nov 2026". */
    public String day(java.time.LocalDate day) {
        return DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM).withLocale(LocaleContextHolder.getLocale()).format(day);
    }

    /** A month and year in the reader's language: "November 2026", "noviembre de 2026". */
    public String month(java.time.YearMonth month) {
        String text = DateTimeFormatter.ofPattern("LLLL yyyy", LocaleContextHolder.getLocale()).format(month);
        return Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }

    /** Seconds of downtime in words: "12 min", "1 h 5 min". */
    public String seconds(long seconds) {
        return ReadableDuration.of(Duration.ofSeconds(seconds));
    }

    public String iso(Instant instant) {
        return instant == null ? "" : instant.toString();
    }

    /**
     * How long an incident's outage lasted (or has lasted so far): the union of its unavailability windows, the one
     * figure every page, email and report gives ({@link IncidentSnapshot#outage}).
     */
    public String outage(IncidentSnapshot incident) {
        return ReadableDuration.of(incident.outage(clock.instant()));
    }

    /** "1 h 5 min", "12 min", "40 s": the length of a window. */
    public String duration(Instant from, Instant to) {
        return ReadableDuration.of(Duration.between(from, to == null ? clock.instant() : to));
    }
}
