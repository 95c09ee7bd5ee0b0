package io.contingo.incident.oncall;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.contingo.events.AgentPaged;
import io.contingo.incident.oncall.OnCallSettings.Agent;
import io.contingo.incident.oncall.OnCallSettings.Handoff;
import io.contingo.incident.oncall.OnCallSettings.Level;
import io.contingo.incident.oncall.OnCallSettings.SiteSchedule;

/** Who is on call at an instant: daily and weekly hand-offs at a local time, through DST changes, rotations wrapping around. */
class OnCallScheduleTests {

    private static final ZoneId MADRID = ZoneId.of("Europe/Madrid");

    @Test
    void aDailyRotationHandsOffAtTheLocalTimeAndWrapsAround() {
        SiteSchedule schedule = schedule(Handoff.DAILY, "09:00", LocalDate.of(2026, 1, 5), level("ana", "ben", "carla"));

        assertThat(agentAt(schedule, 1, "2026-01-05T09:00")).isEqualTo("ana");
        assertThat(agentAt(schedule, 1, "2026-01-06T08:59")).isEqualTo("ana");
        assertThat(agentAt(schedule, 1, "2026-01-06T09:00")).isEqualTo("ben");
        assertThat(agentAt(schedule, 1, "2026-01-07T23:00")).isEqualTo("carla");
        assertThat(agentAt(schedule, 1, "2026-01-08T09:00")).as("after the last, the first again").isEqualTo("ana");
        assertThat(agentAt(schedule, 1, "2026-01-05T08:59")).as("before the start, the rotation runs backwards").isEqualTo("carla");
        OnCallSchedule.Shift shift = OnCallSchedule.at(schedule, 1, local("2026-01-06T12:00"));
        assertThat(shift.from()).isEqualTo(local("2026-01-06T09:00"));
        assertThat(shift.until()).isEqualTo(local("2026-01-07T09:00"));
    }

    @Test
    void aWeeklyRotationHandsOffOnItsDayAndEachLevelTurnsOnItsOwn() {
        // the start is a Wednesday: the first turn is the one running from the Monday before
        SiteSchedule schedule = schedule(Handoff.WEEKLY, "09:00", LocalDate.of(2026, 1, 7), level("ana", "ben"),
                level("manager"));

        assertThat(agentAt(schedule, 1, "2026-01-12T08:59")).isEqualTo("ana");
        assertThat(agentAt(schedule, 1, "2026-01-12T09:00")).isEqualTo("ben");
        assertThat(agentAt(schedule, 1, "2026-01-18T23:59")).isEqualTo("ben");
        assertThat(agentAt(schedule, 1, "2026-01-19T09:00")).isEqualTo("ana");
        assertThat(agentAt(schedule, 2, "2026-01-19T09:00")).isEqualTo("manager");
        List<OnCallSchedule.Shift> shifts = OnCallSchedule.at(schedule, local("2026-01-14T15:00"));
        assertThat(shifts).extracting(OnCallSchedule.Shift::level).containsExactly(1, 2);
        assertThat(shifts.getFirst().from()).isEqualTo(local("2026-01-12T09:00"));
        assertThat(shifts.getFirst().until()).isEqualTo(local("2026-01-19T09:00"));
    }

    @Test
    void theHandOffKeepsItsLocalTimeThroughDaylightSavingChanges() {
        SiteSchedule daily = schedule(Handoff.DAILY, "09:00", LocalDate.of(2026, 1, 5), level("ana", "ben"));

        // spring forward (29 March 2026, 02:00 → 03:00): the shift before lasts 23 hours, and 09:00 is 07:00 UTC after it
        OnCallSchedule.Shift spring = OnCallSchedule.at(daily, 1, Instant.parse("2026-03-28T20:00:00Z"));
        assertThat(spring.from()).isEqualTo(Instant.parse("2026-03-28T08:00:00Z"));
        assertThat(spring.until()).isEqualTo(Instant.parse("2026-03-29T07:00:00Z"));
        assertThat(Duration.between(spring.from(), spring.until())).isEqualTo(Duration.ofHours(23));
        assertThat(OnCallSchedule.at(daily, 1, Instant.parse("2026-03-29T06:59:00Z")).agent().username()).isEqualTo(spring.agent().username());
        assertThat(OnCallSchedule.at(daily, 1, Instant.parse("2026-03-29T07:00:00Z")).agent().username())
                .isNotEqualTo(spring.agent().username());
        // fall back (25 October 2026, 03:00 → 02:00): that shift lasts 25 hours
        OnCallSchedule.Shift autumn = OnCallSchedule.at(daily, 1, Instant.parse("2026-10-24T20:00:00Z"));
        assertThat(Duration.between(autumn.from(), autumn.until())).isEqualTo(Duration.ofHours(25));
        assertThat(autumn.until()).isEqualTo(Instant.parse("2026-10-25T08:00:00Z"));

        // a hand-off at 02:30, a time that does not exist on 29 March: it happens when the clocks have gone forward
        SiteSchedule night = schedule(Handoff.DAILY, "02:30", LocalDate.of(2026, 1, 5), level("ana", "ben"));
        String before = OnCallSchedule.at(night, 1, Instant.parse("2026-03-29T00:59:00Z")).agent().username();
        assertThat(OnCallSchedule.at(night, 1, Instant.parse("2026-03-29T00:59:00Z")).until()).isEqualTo(Instant.parse("2026-03-29T01:30:00Z"));
        assertThat(OnCallSchedule.at(night, 1, Instant.parse("2026-03-29T01:30:00Z")).agent().username()).isNotEqualTo(before);
        assertThat(OnCallSchedule.at(night, 1, Instant.parse("2026-03-30T00:30:00Z")).agent().username()).isEqualTo(before);
    }

    private static String agentAt(SiteSchedule schedule, int level, String madridTime) {
        return OnCallSchedule.at(schedule, level, local(madridTime)).agent().username();
    }

    private static Instant local(String madridTime) {
        return LocalDateTime.parse(madridTime).atZone(MADRID).toInstant();
    }

    private static Level level(String... agents) {
        return new Level(Arrays.stream(agents).map(a -> new Agent(a, a + "@contingo.local", null, AgentPaged.Webhook.Kind.GENERIC)).toList());
    }

    private static SiteSchedule schedule(Handoff handoff, String time, LocalDate start, Level... levels) {
        return new SiteSchedule("production", MADRID, handoff, LocalTime.parse(time), DayOfWeek.MONDAY, start, Duration.ofMinutes(5),
                List.of(levels));
    }
}
