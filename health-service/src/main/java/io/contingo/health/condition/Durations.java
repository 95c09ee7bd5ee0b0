package io.contingo.health.condition;

import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.contingo.starter.text.ReadableDuration;

/** Durations as conditions write them ({@code 800ms}, {@code 30s}, {@code 5m}, {@code 72h}, {@code 30d}) and read them back. */
final class Durations {

    private static final Pattern DURATION = Pattern.compile("(\\d{1,12})(ms|s|m|h|d)?");

    private Durations() {
    }

    /** The duration, or empty when the text is not one; a bare number is milliseconds. */
    static Optional<Duration> parse(String text) {
        Matcher m = DURATION.matcher(text);
        if (!m.matches()) {
            return Optional.empty();
        }
        long amount = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "ms" : m.group(2);
        return Optional.of(switch (unit) {
            case "ms" -> Duration.ofMillis(amount);
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            default -> Duration.ofDays(amount);
        });
    }

    /** A certificate's remaining life as every duration is written ({@link ReadableDuration}): "29 d 23 h", "12 min". */
    static String readable(Duration d) {
        if (d.isNegative()) {
            return readable(d.negated()) + " ago";
        }
        return ReadableDuration.of(d);
    }
}
