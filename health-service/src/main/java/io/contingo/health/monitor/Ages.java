package io.contingo.health.monitor;

import java.time.Duration;

/** A span of time in the words of a detail: {@code 45 s}, {@code 12 min}, {@code 3 h 10 min}, {@code 2 d 4 h}. */
public final class Ages {

    private Ages() {
    }

    public static String inWords(Duration duration) {
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
