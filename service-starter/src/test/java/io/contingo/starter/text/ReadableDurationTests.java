package io.contingo.starter.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

/** How pages, emails, reports, monitor details and certificate details write how long something lasts. */
class ReadableDurationTests {

    @Test
    void underAMinuteInSecondsUnderAnHourInMinutes() {
        assertThat(ReadableDuration.of(Duration.ofSeconds(40))).isEqualTo("40 s");
        assertThat(ReadableDuration.of(Duration.ofMinutes(12).plusSeconds(59))).isEqualTo("12 min");
        assertThat(ReadableDuration.of(Duration.ofSeconds(-5))).as("a clock running behind").isEqualTo("0 s");
    }

    @Test
    void fromAnHourInHoursAndMinutesFromADayInDaysAndHoursLeavingOutAZeroSecondUnit() {
        assertThat(ReadableDuration.of(Duration.ofMinutes(65))).isEqualTo("1 h 5 min");
        assertThat(ReadableDuration.of(Duration.ofHours(2))).isEqualTo("2 h");
        assertThat(ReadableDuration.of(Duration.ofMinutes(23 * 60 + 59))).isEqualTo("23 h 59 min");
        assertThat(ReadableDuration.of(Duration.ofHours(24))).isEqualTo("1 d");
        assertThat(ReadableDuration.of(Duration.ofHours(52).plusMinutes(3))).isEqualTo("2 d 4 h");
    }
}
