package io.contingo.starter.text;

import java.time.Duration;

/**
 * A span of time as every page, email, report and monitor detail writes it: "40 s", "12 min", "1 h 5 min", "2 h",
 * "2 d 4 h". Two units at most, the larger first; a unit that is zero is left out after the first.
 */
public final class ReadableDuration {

    private ReadableDuration() {
    }

    public static String of(Duration duration) {
        long s = Math.max(0, duration.toSeconds());
        if (s < 60) {
            return s + " s";
        }
        if (s < 3600) {
            return s / 60 + " min";
        }
        if (s < 86_400) {
            long min = s % 3600 / 60;
            return s / 3600 + " h" + (min == 0 ? "" : " " + min + " min");
        }
        long h = s % 86_400 / 3600;
        return s / 86_400 + " d" + (h == 0 ? "" : " " + h + " h");
    }
}
