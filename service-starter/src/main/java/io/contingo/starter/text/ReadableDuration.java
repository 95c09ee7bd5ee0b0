package io.contingo.starter.text;

import java.time.Duration;

/** How long an outage lasted, the way pages, emails and reports write it: "1 h 05 min", "12 min", "40 s". */
public final class ReadableDuration {

    private ReadableDuration() {
    }

    public static String of(Duration d) {
        if (d.toHours() > 0) {
            return "%d h %02d min".formatted(d.toHours(), d.toMinutesPart());
        }
        return d.toMinutes() > 0 ? d.toMinutes() + " min" : d.toSeconds() + " s";
    }
}
