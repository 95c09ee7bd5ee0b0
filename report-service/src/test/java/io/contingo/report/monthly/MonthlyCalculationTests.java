package io.contingo.report.monthly;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.contingo.events.ComponentStatus;
import io.contingo.events.IncidentSnapshot;
import io.contingo.report.backup.BackupMonitorRecord;
import io.contingo.report.backup.GoodBackup;
import io.contingo.report.component.StatusChangeRecord;

/** The service report's figures for hand-made histories whose answers are known. */
class MonthlyCalculationTests {

    static final ZoneId MADRID = ZoneId.of("Europe/Madrid");
    static final Period NOVEMBER = Period.of(YearMonth.of(2026, 11), MADRID);
    static final long NOVEMBER_SECONDS = 30 * 86_400L;
    static final Instant LONG_AFTER = Instant.parse("2027-02-01T00:00:00Z");

    static final MonthlySettings SETTINGS = new MonthlySettings(99.9, Map.of("prod-db", 99.99), false, true,
            Duration.ofMinutes(1), List.of("en", "es"), URI.create("http://localhost:8083"));

    static Instant madrid(String localDateTime) {
        return LocalDateTime.parse(localDateTime).atZone(MADRID).toInstant();
    }

    /** A history of one component: the times and statuses it went through, from OPERATIONAL. */
    static List<StatusChangeRecord> history(String componentId, Object... atAndStatus) {
        List<StatusChangeRecord> changes = new ArrayList<>();
        ComponentStatus from = ComponentStatus.OPERATIONAL;
        for (int i = 0; i < atAndStatus.length; i += 2) {
            ComponentStatus to = (ComponentStatus) atAndStatus[i + 1];
            changes.add(new StatusChangeRecord("e" + componentId + i, componentId, componentId, "production", i + 1L, from, to,
                    madrid((String) atAndStatus[i]), null));
            from = to;
        }
        return changes;
    }

    static Availability.Component component(String id, String watchedSince) {
        return new Availability.Component(id, id, "production", "Production", madrid(watchedSince));
    }

    static MonthlyFigures compute(Period period, Instant now, List<Availability.Component> components,
            Map<String, List<StatusChangeRecord>> histories, List<IncidentSnapshot> incidents, MonthlySettings settings) {
        return MonthlyCalculation.compute(new MonthlyCalculation.Inputs(components, histories, incidents, List.of(), List.of()),
                period, Scope.ALL, settings, now);
    }

    @Test
    void anOutageAcrossTheMonthsEndCountsOnlyItsPartInTheMonth() {
        MonthlyFigures figures = compute(NOVEMBER, LONG_AFTER, List.of(component("prod-web", "2026-09-01T00:00")),
                Map.of("prod-web", history("prod-web", "2026-10-31T23:00", ComponentStatus.MAJOR_OUTAGE,
                        "2026-11-01T01:00", ComponentStatus.OPERATIONAL, "2026-11-30T23:30", ComponentStatus.MAJOR_OUTAGE,
                        "2026-12-01T00:45", ComponentStatus.OPERATIONAL)),
                List.of(), SETTINGS);

        ComponentFigures web = figures.components().getFirst();
        assertThat(web.majorSeconds()).isEqualTo(3_600 + 1_800);
        assertThat(web.days().getFirst().majorSeconds()).as("1 November, from midnight").isEqualTo(3_600);
        assertThat(web.days().getLast().majorSeconds()).as("30 November, up to midnight").isEqualTo(1_800);
        assertThat(web.measuredSeconds()).isEqualTo(NOVEMBER_SECONDS);
        assertThat(web.percent()).isCloseTo(100 * (1 - 5_400.0 / NOVEMBER_SECONDS), within(1e-9));
        assertThat(web.verdict()).as("99.792 %% < 99.9 %%").isEqualTo(ComponentFigures.Verdict.MISSED);
    }

    @Test
    void theDaylightSavingChangeMakesA25HourDay() {
        Period october = Period.of(YearMonth.of(2026, 10), MADRID);
        MonthlyFigures figures = compute(october, LONG_AFTER, List.of(component("prod-web", "2026-09-01T00:00")),
                Map.of("prod-web", history("prod-web", "2026-10-25T01:30", ComponentStatus.MAJOR_OUTAGE,
                        "2026-10-25T04:30", ComponentStatus.OPERATIONAL)),
                List.of(), SETTINGS);

        ComponentFigures web = figures.components().getFirst();
        ComponentFigures.Day sunday = web.days().get(24);
        assertThat(sunday.date()).isEqualTo(LocalDate.of(2026, 10, 25));
        assertThat(sunday.lengthSeconds()).isEqualTo(25 * 3_600);
        assertThat(sunday.majorSeconds()).as("01:30 to 04:30 local time is four hours when the clocks go back")
                .isEqualTo(4 * 3_600);
        assertThat(web.measuredSeconds()).isEqualTo(31 * 86_400L + 3_600);
    }

    @Test
    void twoIncidentsOverlappingOnOneComponentCountItsDowntimeOnceAndEachItsOwnDuration() {
        // the component's history is one status at a time: down 10:00-11:00, whatever covers it
        List<StatusChangeRecord> web = history("prod-web", "2026-11-10T10:00", ComponentStatus.MAJOR_OUTAGE,
                "2026-11-10T11:00", ComponentStatus.OPERATIONAL);
        IncidentSnapshot first = incident("inc-1", "2026-11-10T10:00", "2026-11-10T10:05", "2026-11-10T10:45",
                window("2026-11-10T10:00", "2026-11-10T10:45"));
        IncidentSnapshot second = incident("inc-2", "2026-11-10T10:30", "2026-11-10T10:31", "2026-11-10T11:10",
                window("2026-11-10T10:30", "2026-11-10T11:00"));

        MonthlyFigures figures = compute(NOVEMBER, LONG_AFTER, List.of(component("prod-web", "2026-09-01T00:00")),
                Map.of("prod-web", web), List.of(first, second), SETTINGS);

        assertThat(figures.components().getFirst().majorSeconds()).isEqualTo(3_600);
        assertThat(figures.headline().downtimeSeconds()).isEqualTo(3_600);
        assertThat(figures.incidents()).extracting(IncidentLine::outageSeconds).containsExactly(2_700L, 1_800L);
        assertThat(figures.headline().mttaSeconds()).as("(5 min + 1 min) / 2").isEqualTo(180);
        assertThat(figures.headline().mttrSeconds()).as("(45 min + 40 min) / 2").isEqualTo(2_550);
        assertThat(figures.headline().incidentsBySeverity()).containsEntry(IncidentSnapshot.Severity.SEV2, 2);
    }

    @Test
    void maintenanceInsideAnOutageIsShownApartAndLeftOutOfTheMeasuredTime() {
        Map<String, List<StatusChangeRecord>> histories = Map.of("prod-web", history("prod-web",
                "2026-11-10T10:00", ComponentStatus.MAJOR_OUTAGE, "2026-11-10T10:30", ComponentStatus.UNDER_MAINTENANCE,
                "2026-11-10T11:00", ComponentStatus.MAJOR_OUTAGE, "2026-11-10T11:30", ComponentStatus.OPERATIONAL));
        List<Availability.Component> components = List.of(component("prod-web", "2026-09-01T00:00"));

        ComponentFigures excluded = compute(NOVEMBER, LONG_AFTER, components, histories, List.of(), SETTINGS).components().getFirst();
        assertThat(excluded.majorSeconds()).isEqualTo(3_600);
        assertThat(excluded.maintenanceSeconds()).isEqualTo(1_800);
        assertThat(excluded.percent()).isCloseTo(100 * (1 - 3_600.0 / (NOVEMBER_SECONDS - 1_800)), within(1e-9));

        MonthlySettings counted = new MonthlySettings(99.9, Map.of(), true, true, Duration.ofMinutes(1), List.of("en"),
                URI.create("http://localhost:8083"));
        ComponentFigures asDowntime = compute(NOVEMBER, LONG_AFTER, components, histories, List.of(), counted).components().getFirst();
        assertThat(asDowntime.percent()).isCloseTo(100 * (1 - 5_400.0 / NOVEMBER_SECONDS), within(1e-9));
    }

    @Test
    void aPartialOutageCountsThirtyPercentAndDegradedPerformanceNothingAsOnTheStatusPage() {
        ComponentFigures db = compute(NOVEMBER, LONG_AFTER, List.of(component("prod-db", "2026-09-01T00:00")),
                Map.of("prod-db", history("prod-db", "2026-11-02T08:00", ComponentStatus.PARTIAL_OUTAGE,
                        "2026-11-02T18:00", ComponentStatus.DEGRADED_PERFORMANCE, "2026-11-03T08:00", ComponentStatus.OPERATIONAL)),
                List.of(), SETTINGS).components().getFirst();

        assertThat(db.partialSeconds()).isEqualTo(36_000);
        assertThat(db.degradedSeconds()).isEqualTo(50_400);
        assertThat(db.percent()).isCloseTo(100 * (1 - 0.3 * 36_000 / NOVEMBER_SECONDS), within(1e-9));
        assertThat(db.slaTarget()).as("its own target").isEqualTo(99.99);
        assertThat(db.verdict()).as("99.583 % < 99.99 %").isEqualTo(ComponentFigures.Verdict.MISSED);
    }

    @Test
    void withOnlyThePeriodsChangesReadTheStatusBeforeTheFirstIsThatChangesFrom() {
        // read from the period alone: the outage began before it, and the first change says what it left
        List<StatusChangeRecord> onlyNovember = List.of(new StatusChangeRecord("e1", "prod-web", "prod-web", "production", 7,
                ComponentStatus.MAJOR_OUTAGE, ComponentStatus.OPERATIONAL, madrid("2026-11-01T02:00"), null));

        ComponentFigures web = compute(NOVEMBER, LONG_AFTER, List.of(component("prod-web", "2026-09-01T00:00")),
                Map.of("prod-web", onlyNovember), List.of(), SETTINGS).components().getFirst();

        assertThat(web.majorSeconds()).isEqualTo(7_200);
    }

    @Test
    void withoutAnyDataThereIsNoFigureRatherThanAPerfectOne() {
        MonthlyFigures figures = compute(NOVEMBER, LONG_AFTER, List.of(component("new-api", "2026-12-02T09:00")),
                Map.of(), List.of(), SETTINGS);

        ComponentFigures api = figures.components().getFirst();
        assertThat(api.percent()).isNull();
        assertThat(api.verdict()).isEqualTo(ComponentFigures.Verdict.NO_DATA);
        assertThat(api.measuredSeconds()).isZero();
        assertThat(figures.incidents()).isEmpty();
        assertThat(figures.headline().mttaSeconds()).isNull();
        assertThat(figures.headline().mttrSeconds()).isNull();
        assertThat(figures.headline().componentsWithoutData()).isEqualTo(1);
    }

    @Test
    void aComponentWatchedMidMonthIsMeasuredFromThatDaysMidnightAndAnOngoingMonthUpToTheEndOfToday() {
        Instant now = madrid("2026-11-20T15:00");
        ComponentFigures web = compute(NOVEMBER, now, List.of(component("prod-web", "2026-11-10T09:12")),
                Map.of("prod-web", history("prod-web", "2026-11-20T14:00", ComponentStatus.MAJOR_OUTAGE)),
                List.of(), SETTINGS).components().getFirst();

        assertThat(web.measuredSeconds()).as("10 to 20 November, today counted whole").isEqualTo(11 * 86_400L);
        assertThat(web.majorSeconds()).as("the ongoing outage counts up to now").isEqualTo(3_600);
        assertThat(web.days().get(8).measured()).isFalse();
        assertThat(web.days().get(9).measured()).isTrue();
    }

    @Test
    void theRpoExposurePeaksJustBeforeEachBackupAndBreachesAreCounted() {
        BackupMonitorRecord monitor = new BackupMonitorRecord("prod-db-backups", "prod-db", "production", 7_200,
                Map.of("log", 7_200L), madrid("2026-10-01T00:00"));
        List<GoodBackup> backups = List.of(
                new GoodBackup("a", "prod-db-backups", "log", madrid("2026-10-31T23:00")),
                new GoodBackup("b", "prod-db-backups", "log", madrid("2026-11-01T01:00")),
                new GoodBackup("c", "prod-db-backups", "log", madrid("2026-11-01T05:00")),
                new GoodBackup("d", "prod-db-backups", "log", madrid("2026-11-30T23:00")));
        Instant now = madrid("2026-12-01T00:30");

        BackupFigures figures = BackupFigures.of(monitor, "Database", backups, NOVEMBER, now);

        assertThat(figures.worstExposureSeconds()).as("from 01:00 on 1 Nov to 23:00 on 30 Nov").isEqualTo(Duration.ofHours(714).toSeconds());
        assertThat(figures.worstAt()).isEqualTo(madrid("2026-11-30T23:00"));
        assertThat(figures.breaches()).as("the 4 h gap and the long one").isEqualTo(2);
        assertThat(figures.breachSeconds()).isEqualTo(Duration.ofHours(2).toSeconds() + Duration.ofHours(712).toSeconds());
        assertThat(figures.days().getFirst().good()).containsEntry("log", 2);
        assertThat(figures.days().getFirst().expected()).isEqualTo(12);
        assertThat(figures.days().getFirst().belowSchedule()).isTrue();
    }

    @Test
    void theSameEventsGiveTheSameFigures() {
        Map<String, List<StatusChangeRecord>> histories = Map.of("prod-web", history("prod-web",
                "2026-11-10T10:00", ComponentStatus.MAJOR_OUTAGE, "2026-11-10T11:00", ComponentStatus.OPERATIONAL));
        List<IncidentSnapshot> incidents = List.of(incident("inc-1", "2026-11-10T10:00", "2026-11-10T10:05", "2026-11-10T10:45",
                window("2026-11-10T10:00", "2026-11-10T10:45")));
        List<Availability.Component> components = List.of(component("prod-web", "2026-09-01T00:00"));

        MonthlyFigures once = compute(NOVEMBER, LONG_AFTER, components, histories, incidents, SETTINGS);
        MonthlyFigures again = compute(NOVEMBER, LONG_AFTER.plus(Duration.ofDays(40)), components, histories, incidents, SETTINGS);

        assertThat(again).isEqualTo(once);
    }

    @Test
    void periodsAndScopesAreCheckedAndTheWrongParameterNamed() {
        assertThat(Period.ofDays("2026-01-01", "2027-01-31", MADRID).days()).hasSize(396);
        assertThatThrownBy(() -> Period.ofDays("2026-01-01", "2027-02-01", MADRID))
                .isInstanceOf(BadReportRequest.class).extracting("parameter").isEqualTo("to");
        assertThatThrownBy(() -> Period.ofDays("2026-11-20", "2026-11-01", MADRID))
                .hasMessageContaining("ends (2026-11-01) before it starts");
        assertThatThrownBy(() -> Period.ofMonth("2026-13", "month", MADRID))
                .isInstanceOf(BadReportRequest.class).extracting("parameter").isEqualTo("month");
        assertThatThrownBy(() -> Period.ofDays("01/11/2026", "2026-11-30", MADRID))
                .isInstanceOf(BadReportRequest.class).extracting("parameter").isEqualTo("from");
        assertThatThrownBy(() -> Scope.parse("site:"))
                .isInstanceOf(BadReportRequest.class).extracting("parameter").isEqualTo("scope");
        assertThat(Scope.parse("components:prod-web, prod-api").includes("prod-api", "production")).isTrue();
        assertThat(Scope.parse("site:contingency").includes("prod-api", "production")).isFalse();
    }

    static IncidentSnapshot.Window window(String start, String end) {
        return new IncidentSnapshot.Window(madrid(start), end == null ? null : madrid(end));
    }

    static IncidentSnapshot incident(String id, String created, String acknowledged, String resolved, IncidentSnapshot.Window window) {
        return new IncidentSnapshot(id, "Omnichannel web unavailable", "production", "Production",
                resolved == null ? IncidentSnapshot.Status.INVESTIGATING : IncidentSnapshot.Status.RESOLVED,
                IncidentSnapshot.Impact.MAJOR, madrid(created), resolved == null ? null : madrid(resolved),
                List.of(new IncidentSnapshot.AffectedComponent("prod-web", "Omnichannel web", ComponentStatus.MAJOR_OUTAGE,
                        List.of(window))),
                List.of(), null, List.of(), IncidentSnapshot.Severity.SEV2, acknowledged == null ? null : madrid(acknowledged));
    }
}
