package io.contingo.starter.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

/** How pages, emails, reports and certificate details write how long something lasts. */
class ReadableDurationTests {

    @Test
    void underAMinuteInSecondsUnderAnHourInMinutes() {
        assertThat(ReadableDuration.of(Duration.ofSeconds(40))).isEqualTo("40 s");
        assertThat(ReadableDuration.of(Duration.ofMinutes(12).plusSeconds(59))).isEqualTo("12 min");
    }

    @Test
    void fromAnHourInHoursAndTwoDigitMinutesWithoutDays() {
        assertThat(ReadableDuration.of(Duration.ofMinutes(65))).isEqualTo("1 h 05 min");
        assertThat(ReadableDuration.of(Duration.ofHours(24))).isEqualTo("24 h 00 min");
        assertThat(ReadableDuration.of(Duration.ofHours(75))).isEqualTo("75 h 00 min");
    }
}
