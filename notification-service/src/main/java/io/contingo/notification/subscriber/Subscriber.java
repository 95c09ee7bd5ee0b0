package io.contingo.notification.subscriber;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A customer who follows some components ({@code "*"}: all of them), with the time zone and language their
 * emails are written in.
 */
@Document("subscribers")
public record Subscriber(@Id String id, String email, String name, String timeZone, String locale,
        List<String> components, boolean confirmed, Instant createdAt) {

    public static final String ALL_COMPONENTS = "*";

    /** Whether the subscriber follows any of these components. */
    public boolean follows(List<String> componentIds) {
        return components != null && (components.contains(ALL_COMPONENTS) || componentIds.stream().anyMatch(components::contains));
    }

    /** The subscriber's time zone; UTC when none is stored or the one stored is unknown here (bad data stops no email). */
    public ZoneId zone() {
        try {
            return timeZone == null ? ZoneId.of("UTC") : ZoneId.of(timeZone);
        } catch (java.time.DateTimeException unknown) {
            return ZoneId.of("UTC");
        }
    }

    public Locale language() {
        return locale == null ? Locale.ENGLISH : Locale.forLanguageTag(locale);
    }
}
