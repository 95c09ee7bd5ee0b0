package io.contingo.incident.oncall;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;

import io.contingo.incident.oncall.OnCallSettings.Agent;
import io.contingo.incident.oncall.OnCallSettings.Handoff;
import io.contingo.incident.oncall.OnCallSettings.SiteSchedule;

/**
 * Who is on call at an instant: a pure function of a site's schedule. The hand-off happens at the same local time
 * every day (or week) in the schedule's zone, so it follows daylight saving time; a hand-off time that does not exist
 * on the day the clocks go forward happens at the first instant after the gap. Turns are counted in whole days (or
 * weeks) from the rotation's start, and the rotation wraps around.
 */
final class OnCallSchedule {

    private OnCallSchedule() {
    }

    /** One level's agent on call, and the shift's start and end (the next hand-off). */
    record Shift(int level, Agent agent, Instant from, Instant until) {
    }

    /** Every level's shift at {@code at}, level 1 first. */
    static List<Shift> at(SiteSchedule schedule, Instant at) {
        LocalDate shiftDay = shiftDay(schedule, at);
        long turn = schedule.handoff() == Handoff.DAILY ? ChronoUnit.DAYS.between(firstShiftDay(schedule), shiftDay)
                : ChronoUnit.WEEKS.between(firstShiftDay(schedule), shiftDay);
        Instant from = handoffAt(schedule, shiftDay);
        Instant until = handoffAt(schedule, shiftDay.plusDays(schedule.handoff() == Handoff.DAILY ? 1 : 7));
        List<Shift> shifts = new ArrayList<>();
        for (int i = 0; i < schedule.levels().size(); i++) {
            List<Agent> rotation = schedule.levels().get(i).rotation();
            shifts.add(new Shift(i + 1, rotation.get((int) Math.floorMod(turn, (long) rotation.size())), from, until));
        }
        return shifts;
    }

    /** The agent on call at {@code level} (1-based) at {@code at}. */
    static Shift at(SiteSchedule schedule, int level, Instant at) {
        return at(schedule, at).get(level - 1);
    }

    /** The local day of the hand-off that started the shift running at {@code at}. */
    private static LocalDate shiftDay(SiteSchedule schedule, Instant at) {
        LocalDate today = LocalDateTime.ofInstant(at, schedule.timeZone()).toLocalDate();
        LocalDate day = schedule.handoff() == Handoff.DAILY ? today
                : today.with(TemporalAdjusters.previousOrSame(schedule.handoffDay()));
        return at.isBefore(handoffAt(schedule, day)) ? day.minusDays(schedule.handoff() == Handoff.DAILY ? 1 : 7) : day;
    }

    /** The day the rotation's first turn starts: for a weekly hand-off, the hand-off day on or before the start. */
    private static LocalDate firstShiftDay(SiteSchedule schedule) {
        DayOfWeek day = schedule.handoffDay();
        return schedule.handoff() == Handoff.DAILY ? schedule.rotationStart()
                : schedule.rotationStart().with(TemporalAdjusters.previousOrSame(day));
    }

    /** The instant of the hand-off on a local day (after the gap when the clocks go forward at that time). */
    private static Instant handoffAt(SiteSchedule schedule, LocalDate day) {
        return ZonedDateTime.of(day, schedule.handoffTime(), schedule.timeZone()).toInstant();
    }
}
