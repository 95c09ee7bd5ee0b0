package io.contingo.health.admin;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import io.contingo.starter.text.ReadableDuration;


/** Times as the admin pages write them: exact in UTC, or as an age ({@code 12 s ago}). */
final class PageTimes {

    private static final DateTimeFormatter EXACT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

    private PageTimes() {
    }

    /** {@code 2026-11-26 14:03:12 UTC}; empty for none. */
    static String exact(Instant instant) {
        return instant == null ? "" : EXACT.format(instant);
    }

    /** {@code 12 s ago}, {@code 3 h 10 min ago}; empty for none. */
    static String ago(Instant instant, Instant now) {
        return instant == null ? "" : ReadableDuration.of(Duration.between(instant, now)) + " ago";
    }
}
