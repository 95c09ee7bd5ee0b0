package io.contingo.incident.statuspage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.contingo.events.ComponentStatus;
import io.contingo.events.IncidentSnapshot;
import io.contingo.events.IncidentSnapshot.AffectedComponent;
import io.contingo.events.IncidentSnapshot.Window;
import io.contingo.incident.catalog.CatalogSettings;
import io.contingo.incident.catalog.TestCatalogs;
import io.contingo.incident.component.StatusHistory;
import io.contingo.incident.statuspage.StatusSummary.DayBar;
import io.contingo.incident.statuspage.StatusSummary.Uptime;

/**
 * The 90-day uptime bars of the status page: each day's downtime from the component's status history (or, before it
 * starts, the incidents' windows), in the page's time zone, a major outage counted whole and a partial one at
 * {@value StatusSummary#PARTIAL_WEIGHT}, degraded performance not at all, planned maintenance left out of the measured
 * time, and days before the component was watched left out.
 */
class StatusSummaryTests {

    private static final ZoneId MADRID = ZoneId.of("Europe/Madrid");
    private static final Instant NOW = Instant.parse("2026-11-27T12:00:00Z"); // 13:00 in Madrid
    private static final LocalDate TODAY = LocalDate.of(2026, 11, 27);

    private final StatusSummary summary = new StatusSummary(TestCatalogs.of(new CatalogSettings(
            new CatalogSettings.Page("contingo", "Contingo", URI.create("http://127.0.0.1:1/"), null, MADRID),
            List.of(new CatalogSettings.Site("production", "Production", "active", URI.create("http://127.0.0.1:1"),
                    List.of(new CatalogSettings.Component("web", "Web", ""), new CatalogSettings.Component("api", "API", ""))))),
            () -> { }));

    @Test
    void eachDayCountsItsShareOfTheWindowsInThePagesTimeZone() {
        // 22:30 to 01:30 Madrid time: 90 minutes on each side of midnight
        IncidentSnapshot overnight = incident("Overnight outage", new AffectedComponent("web", "Web", ComponentStatus.MAJOR_OUTAGE,
                List.of(new Window(Instant.parse("2026-11-20T21:30:00Z"), Instant.parse("2026-11-21T00:30:00Z")))));
        // a partial outage the same night, and degraded performance, which is no downtime
        IncidentSnapshot partial = incident("Slow checkout", new AffectedComponent("web", "Web", ComponentStatus.PARTIAL_OUTAGE,
                List.of(new Window(Instant.parse("2026-11-21T09:00:00Z"), Instant.parse("2026-11-21T10:00:00Z")))),
                new AffectedComponent("api", "API", ComponentStatus.DEGRADED_PERFORMANCE,
                        List.of(new Window(Instant.parse("2026-11-21T09:00:00Z"), Instant.parse("2026-11-21T10:00:00Z")))));

        // a window that started before the 90 days: 22:00 to 01:30 Madrid time, the bars start at midnight
        IncidentSnapshot old = incident("Old outage", new AffectedComponent("web", "Web", ComponentStatus.MAJOR_OUTAGE,
                List.of(new Window(Instant.parse("2026-08-29T20:00:00Z"), Instant.parse("2026-08-29T23:30:00Z")))));

        Uptime web = uptime("web", Instant.parse("2026-01-01T00:00:00Z"), overnight, partial, old);

        assertThat(web.days()).hasSize(StatusSummary.DAYS);
        assertThat(web.days().getFirst()).isEqualTo(new DayBar(TODAY.minusDays(StatusSummary.DAYS - 1), "major", 5_400,
                names("Old outage")));
        assertThat(web.days().getLast().day()).isEqualTo(TODAY);
        assertThat(day(web, LocalDate.of(2026, 11, 20))).isEqualTo(new DayBar(LocalDate.of(2026, 11, 20), "major", 5_400,
                names("Overnight outage")));
        assertThat(day(web, LocalDate.of(2026, 11, 21))).isEqualTo(new DayBar(LocalDate.of(2026, 11, 21), "major", 5_400 + 3_600,
                names("Overnight outage", "Slow checkout")));
        assertThat(web.days()).filteredOn(d -> d.downSeconds() > 0).hasSize(3);
        assertThat(web.days()).filteredOn(d -> d.downSeconds() == 0).allSatisfy(d -> assertThat(d.level()).isEqualTo("ok"));
        // whole days, today included: 90 days of 24 h but one of 25 h (the clocks went back on 25 October)
        double watched = 90 * 86_400 + 3_600;
        assertThat(java.time.Duration.between(TODAY.minusDays(StatusSummary.DAYS - 1).atStartOfDay(MADRID),
                TODAY.plusDays(1).atStartOfDay(MADRID)).toSeconds()).isEqualTo((long) watched);
        assertThat(web.percent()).isCloseTo(100 * (1 - (10_800 + 5_400 + StatusSummary.PARTIAL_WEIGHT * 3_600) / watched), within(1e-9));
        assertThat(web.watchedDays()).isEqualTo(StatusSummary.DAYS);

        Uptime api = uptime("api", Instant.parse("2026-01-01T00:00:00Z"), overnight, partial, old);
        assertThat(api.days()).allSatisfy(d -> assertThat(d.level()).isEqualTo("ok"));
        assertThat(api.percent()).isEqualTo(100.0);
    }

    @Test
    void anOpenWindowCountsUntilNowAndDaysBeforeTheComponentWasWatchedShowNothing() {
        IncidentSnapshot open = incident("Web down", new AffectedComponent("web", "Web", ComponentStatus.MAJOR_OUTAGE,
                List.of(new Window(Instant.parse("2026-11-27T11:00:00Z"), null))));

        Uptime web = uptime("web", Instant.parse("2026-11-26T10:00:00Z"), open);

        assertThat(web.days().getLast()).isEqualTo(new DayBar(TODAY, "major", 3_600, names("Web down")));
        assertThat(web.days().subList(0, web.days().size() - 2)).allSatisfy(d -> assertThat(d.level()).isEqualTo("none"));
        assertThat(day(web, TODAY.minusDays(1)).level()).isEqualTo("ok");
        assertThat(web.watchedDays()).isEqualTo(2);
        assertThat(web.percent()).isCloseTo(100 * (1 - 3_600 / (2 * 86_400.0)), within(1e-9));
    }

    @Test
    void aComponentWatchedForAFewMinutesCountsItsWholeFirstDay() {
        // watched since 11:50 today, 3 minutes down: Statuspage says 99.79 %, not the share of the 10 minutes watched
        IncidentSnapshot short_ = incident("Short outage", new AffectedComponent("web", "Web", ComponentStatus.MAJOR_OUTAGE,
                List.of(new Window(Instant.parse("2026-11-27T11:52:00Z"), Instant.parse("2026-11-27T11:55:00Z")))));

        Uptime web = uptime("web", Instant.parse("2026-11-27T11:50:00Z"), short_);

        assertThat(web.watchedDays()).isEqualTo(1);
        assertThat(web.percentText()).isEqualTo("99.79");
    }

    @Test
    void aSnapshotWithAnOutageGoingOnIsBuiltAgainWithinSecondsAndAQuietOneOnlyAtMidnight() {
        IncidentSnapshot open = incident("Web down", new AffectedComponent("web", "Web", ComponentStatus.MAJOR_OUTAGE,
                List.of(new Window(NOW.minusSeconds(1), null))));
        IncidentSnapshot over = incident("Web was down", new AffectedComponent("web", "Web", ComponentStatus.MAJOR_OUTAGE,
                List.of(new Window(NOW.minusSeconds(60), NOW.minusSeconds(1)))));
        Map<String, PublicView.ComponentEntry> states = Map.of("web", new PublicView.ComponentEntry(1, ComponentStatus.MAJOR_OUTAGE, NOW, NOW));

        StatusSummary.Snapshot ongoing = summary.build(1, states, List.of(open), List.of(), NOW);
        StatusSummary.Snapshot quiet = summary.build(1, states, List.of(over), List.of(), NOW);

        assertThat(summary.outdated(ongoing, NOW.plusSeconds(1))).isFalse();
        assertThat(summary.outdated(ongoing, NOW.plus(StatusSummary.ONGOING_REFRESH))).isTrue();
        assertThat(summary.outdated(quiet, NOW.plusSeconds(3_600))).isFalse();
        assertThat(summary.outdated(quiet, Instant.parse("2026-11-27T23:00:00Z"))).isTrue(); // midnight in Madrid
        // built again later, the open window has grown: today's bar counts it up to then
        StatusSummary.Snapshot later = summary.build(2, states, List.of(open), List.of(), NOW.plusSeconds(40));
        assertThat(later.sites().getFirst().components().getFirst().uptime().days().getLast().downSeconds()).isEqualTo(41);
    }

    @Test
    void eachStatusCountsFromTheComponentsHistoryAsTheMonthlyReportCountsIt() {
        // the incident keeps the worst status (major) for its whole window; the history knows the first 4 s were partial
        Instant down = Instant.parse("2026-11-27T10:00:00Z");
        IncidentSnapshot outage = incident("Web down", new AffectedComponent("web", "Web", ComponentStatus.MAJOR_OUTAGE,
                List.of(new Window(down, down.plusSeconds(169)))));
        Instant watched = Instant.parse("2026-11-01T08:00:00Z");
        StatusHistory history = StatusHistory.startingAt(watched, ComponentStatus.OPERATIONAL)
                .changed(ComponentStatus.PARTIAL_OUTAGE, down)
                .changed(ComponentStatus.MAJOR_OUTAGE, down.plusSeconds(4))
                .changed(ComponentStatus.OPERATIONAL, down.plusSeconds(169));

        Uptime web = uptime("web", watched, history, outage);

        double measured = 27 * 86_400; // 1 to 27 November, whole days
        assertThat(web.percent()).isCloseTo(100 * (1 - (165 + StatusSummary.PARTIAL_WEIGHT * 4) / measured), within(1e-9));
        assertThat(web.percentText()).isEqualTo("99.99");
        assertThat(web.days().getLast()).isEqualTo(new DayBar(TODAY, "major", 169, names("Web down")));
    }

    @Test
    void plannedMaintenanceIsLeftOutOfTheMeasuredTime() {
        Instant watched = Instant.parse("2026-11-26T00:00:00Z");
        StatusHistory history = StatusHistory.startingAt(watched, ComponentStatus.OPERATIONAL)
                .changed(ComponentStatus.UNDER_MAINTENANCE, Instant.parse("2026-11-26T02:00:00Z"))
                .changed(ComponentStatus.OPERATIONAL, Instant.parse("2026-11-26T04:00:00Z"))
                .changed(ComponentStatus.MAJOR_OUTAGE, Instant.parse("2026-11-27T09:00:00Z"))
                .changed(ComponentStatus.OPERATIONAL, Instant.parse("2026-11-27T10:00:00Z"));

        Uptime web = uptime("web", watched, history);

        assertThat(web.percent()).isCloseTo(100 * (1 - 3_600 / (2 * 86_400.0 - 7_200)), within(1e-9));
        assertThat(day(web, TODAY.minusDays(1))).isEqualTo(new DayBar(TODAY.minusDays(1), "ok", 0, List.of()));
    }

    @Test
    void beforeTheHistoryStartsTheIncidentsWindowsCount() {
        // a component stored before histories were kept: its history starts at its first change since
        IncidentSnapshot before = incident("Old outage", new AffectedComponent("web", "Web", ComponentStatus.MAJOR_OUTAGE,
                List.of(new Window(Instant.parse("2026-11-10T10:00:00Z"), Instant.parse("2026-11-10T11:00:00Z")))));
        IncidentSnapshot after = incident("New outage", new AffectedComponent("web", "Web", ComponentStatus.MAJOR_OUTAGE,
                List.of(new Window(Instant.parse("2026-11-21T10:00:00Z"), Instant.parse("2026-11-21T11:00:00Z")))));
        StatusHistory history = new StatusHistory(null, List.of())
                .changed(ComponentStatus.PARTIAL_OUTAGE, Instant.parse("2026-11-21T10:00:00Z"))
                .changed(ComponentStatus.OPERATIONAL, Instant.parse("2026-11-21T11:00:00Z"));

        Uptime web = uptime("web", Instant.parse("2026-11-01T00:00:00Z"), history, before, after);

        double measured = 27 * 86_400;
        assertThat(web.percent()).isCloseTo(100 * (1 - (3_600 + StatusSummary.PARTIAL_WEIGHT * 3_600) / measured), within(1e-9));
        assertThat(day(web, LocalDate.of(2026, 11, 21)).level()).isEqualTo("partial");
        assertThat(day(web, LocalDate.of(2026, 11, 10)).level()).isEqualTo("major");
    }

    private Uptime uptime(String componentId, Instant createdAt, StatusHistory history, IncidentSnapshot... incidents) {
        Map<String, PublicView.ComponentEntry> states = Map.of(componentId,
                new PublicView.ComponentEntry(1, ComponentStatus.OPERATIONAL, createdAt, createdAt, history));
        return summary.build(1, states, List.of(incidents), List.of(), NOW).sites().getFirst().components().stream()
                .filter(c -> c.id().equals(componentId)).findFirst().orElseThrow().uptime();
    }

    private Uptime uptime(String componentId, Instant createdAt, IncidentSnapshot... incidents) {
        Map<String, PublicView.ComponentEntry> states = Map.of(componentId,
                new PublicView.ComponentEntry(1, ComponentStatus.OPERATIONAL, createdAt, createdAt));
        return summary.build(1, states, List.of(incidents), List.of(), NOW).sites().getFirst().components().stream()
                .filter(c -> c.id().equals(componentId)).findFirst().orElseThrow().uptime();
    }

    private static List<StatusSummary.IncidentName> names(String... names) {
        return java.util.Arrays.stream(names).map(n -> new StatusSummary.IncidentName(n, Map.of())).toList();
    }

    private static DayBar day(Uptime uptime, LocalDate day) {
        return uptime.days().stream().filter(d -> d.day().equals(day)).findFirst().orElseThrow();
    }

    private static IncidentSnapshot incident(String name, AffectedComponent... components) {
        return new IncidentSnapshot("inc-" + name.hashCode(), name, "production", "Production", IncidentSnapshot.Status.RESOLVED,
                IncidentSnapshot.Impact.MAJOR, Instant.parse("2026-08-01T00:00:00Z"), Instant.parse("2026-08-02T00:00:00Z"),
                List.of(components), List.of(), null, List.of(), null, null);
    }
}
