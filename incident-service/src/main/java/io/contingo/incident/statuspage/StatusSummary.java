package io.contingo.incident.statuspage;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.springframework.stereotype.Component;

import io.contingo.events.ComponentStatus;
import io.contingo.events.IncidentSnapshot;
import io.contingo.events.IncidentSnapshot.Impact;
import io.contingo.incident.catalog.Catalog;
import io.contingo.incident.catalog.CatalogSettings;
import io.contingo.incident.component.StatusHistory;
import io.contingo.incident.maintenance.Maintenance;

/**
 * Builds what the public sees from the read model's contents ({@link PublicView}): components by site with
 * their 90-day uptime, unresolved and recent incidents, maintenance windows, the overall indicator.
 */
@Component
public class StatusSummary {

    /** Days shown by the uptime bars. */
    static final int DAYS = 90;
    /** Share of a partial outage counted as downtime in the uptime figure (a major outage counts whole). */
    static final double PARTIAL_WEIGHT = 0.3;
    /** How many incidents the API's incidents.json and the feed list. */
    static final int HISTORY = 50;
    /** While an outage goes on, how old the snapshot may grow before it is built again: its open windows count up to now. */
    static final Duration ONGOING_REFRESH = Duration.ofSeconds(5);

    /** Statuspage's overall indicator. */
    public enum Indicator {
        NONE("All Systems Operational"), MINOR("Minor Service Outage"), MAJOR("Partial System Outage"),
        CRITICAL("Major System Outage"), MAINTENANCE("Service Under Maintenance");

        final String description;

        Indicator(String description) {
            this.description = description;
        }

        String apiName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * One day of a component's uptime bar.
     *
     * @param level     none (before the component was watched), ok, partial or major
     * @param incidents the incidents that touched the day
     */
    public record DayBar(LocalDate day, String level, long downSeconds, List<IncidentName> incidents) {

        /** The incidents' names as a reader of {@code language} reads them, comma-separated. */
        public String incidentsIn(String language) {
            return String.join(", ", incidents.stream().map(i -> i.in(language)).toList());
        }
    }

    /** An incident's name, and its translations where the engine named it (language code → text). */
    public record IncidentName(String name, Map<String, String> names) {

        static IncidentName of(IncidentSnapshot incident) {
            return new IncidentName(incident.name(), incident.names());
        }

        public String in(String language) {
            return names.getOrDefault(language, name);
        }
    }

    /**
     * The last {@value #DAYS} days of a component, and its uptime over the whole days of them it was watched (as
     * Statuspage counts it: from the day the component was first watched, today counted whole).
     *
     * @param watchedDays how many of the days the percentage covers, today included
     */
    public record Uptime(List<DayBar> days, double percent, int watchedDays) {
        public String percentText() {
            return percentText(Locale.ROOT);
        }

        /** The percentage as a reader of {@code locale} writes it: "99.72" in English, "99,72" in Spanish or German. */
        public String percentText(Locale locale) {
            return String.format(locale, "%.2f", percent);
        }
    }

    public record ComponentView(String id, String name, String description, String siteId, int position, ComponentStatus status,
            Instant createdAt, Instant updatedAt, Uptime uptime) {
    }

    public record SiteView(CatalogSettings.Site site, List<ComponentView> components, ComponentStatus worst) {
    }

    /**
     * Everything the public pages show, built once per change.
     *
     * @param version increases with every rebuild: the served bodies are kept as long as it stays (their ETags are
     *                made of the bodies themselves, so that instances agree)
     * @param ongoing whether some component is out now (a window without an end): its downtime grows with the clock
     */
    public record Snapshot(long version, CatalogSettings.Page page, Indicator indicator, List<SiteView> sites,
            List<IncidentSnapshot> unresolved, List<IncidentSnapshot> recentlyResolved, List<IncidentSnapshot> recent,
            List<Maintenance> activeMaintenances, List<Maintenance> upcomingMaintenances, List<Maintenance> maintenances,
            Instant updatedAt, Instant builtAt, LocalDate today, boolean ongoing) {

        public java.util.Optional<IncidentSnapshot> incident(String id) {
            return Stream.concat(unresolved.stream(), recent.stream()).filter(i -> i.id().equals(id)).findFirst();
        }
    }

    private final Catalog catalog;

    StatusSummary(Catalog catalog) {
        this.catalog = catalog;
    }

    Snapshot build(long version, Map<String, PublicView.ComponentEntry> states, List<IncidentSnapshot> incidents,
            List<Maintenance> maintenances, Instant now) {
        ZoneId zone = catalog.page().timeZone();
        LocalDate today = now.atZone(zone).toLocalDate();
        Map<String, List<Outage>> outages = outagesByComponent(incidents);
        Days days = new Days(today, zone);
        List<SiteView> sites = catalog.sites().stream().map(site -> {
            List<ComponentView> components = site.components().stream().map(c -> {
                PublicView.ComponentEntry state = states.get(c.id());
                int position = catalog.component(c.id()).map(Catalog.Placement::position).orElse(0);
                // a component no event has touched yet is watched from today: the same on every instance and every rebuild
                Instant createdAt = state == null || state.createdAt() == null ? today.atStartOfDay(zone).toInstant() : state.createdAt();
                return new ComponentView(c.id(), c.name(), c.description(), site.id(), position,
                        state == null ? ComponentStatus.OPERATIONAL : state.status(), createdAt,
                        state == null || state.updatedAt() == null ? createdAt : state.updatedAt(),
                        uptime(createdAt, state == null ? null : state.history(), outages.getOrDefault(c.id(), List.of()), days, now));
            }).toList();
            ComponentStatus worst = components.stream().map(ComponentView::status)
                    .max(Comparator.comparingInt(StatusSummary::gravity)).orElse(ComponentStatus.OPERATIONAL);
            return new SiteView(site, components, worst);
        }).toList();
        List<IncidentSnapshot> newestFirst = incidents.stream().sorted(Comparator.comparing(IncidentSnapshot::createdAt).reversed()).toList();
        List<IncidentSnapshot> unresolved = newestFirst.stream().filter(i -> i.resolvedAt() == null).toList();
        List<IncidentSnapshot> resolved = newestFirst.stream().filter(i -> i.resolvedAt() != null).limit(10).toList();
        List<Maintenance> active = maintenances.stream().filter(Maintenance::isActive).toList();
        List<Maintenance> upcoming = maintenances.stream().filter(Maintenance::isUpcoming).toList();
        Instant updatedAt = Stream.of(
                sites.stream().flatMap(s -> s.components().stream()).map(ComponentView::updatedAt),
                incidents.stream().map(StatusSummary::lastChange),
                maintenances.stream().map(Maintenance::updatedAt)).flatMap(s -> s)
                .filter(java.util.Objects::nonNull).max(Comparator.naturalOrder()).orElse(now);
        return new Snapshot(version, catalog.page(), indicator(sites, unresolved, active), sites, unresolved, resolved,
                newestFirst.stream().limit(HISTORY).toList(), active, upcoming,
                maintenances.reversed().stream().limit(HISTORY).toList(), updatedAt, now, today,
                outages.values().stream().flatMap(List::stream).anyMatch(o -> o.end() == null));
    }

    /**
     * Whether the snapshot no longer tells the time without any event: the bars move at midnight (in the page's time
     * zone), and while an outage goes on its downtime grows, so such a snapshot is built again every
     * {@link #ONGOING_REFRESH}.
     */
    boolean outdated(Snapshot snapshot, Instant now) {
        return snapshot == null || !snapshot.today().equals(now.atZone(catalog.page().timeZone()).toLocalDate())
                || snapshot.ongoing() && !now.isBefore(snapshot.builtAt().plus(ONGOING_REFRESH));
    }

    static Instant lastChange(IncidentSnapshot incident) {
        return incident.updates().isEmpty() ? incident.createdAt() : incident.updates().getLast().createdAt();
    }

    /** A window in which a component was out, with its incident's name. */
    private record Outage(IncidentName incident, boolean major, Instant start, Instant end) {
    }

    /** Every component's outages, in the incidents' order: one pass, rather than all incidents for each component. */
    private static Map<String, List<Outage>> outagesByComponent(List<IncidentSnapshot> incidents) {
        Map<String, List<Outage>> outages = new HashMap<>();
        for (IncidentSnapshot incident : incidents) {
            IncidentName name = IncidentName.of(incident);
            for (IncidentSnapshot.AffectedComponent affected : incident.components()) {
                if (affected.status() == ComponentStatus.DEGRADED_PERFORMANCE) {
                    continue;
                }
                List<Outage> of = outages.computeIfAbsent(affected.componentId(), id -> new ArrayList<>());
                for (IncidentSnapshot.Window window : affected.windows()) {
                    of.add(new Outage(name, affected.status() == ComponentStatus.MAJOR_OUTAGE, window.start(), window.end()));
                }
            }
        }
        return outages;
    }

    /** The {@value #DAYS} days of the bars in the page's time zone: their dates and where each starts, once per build. */
    private static final class Days {

        final LocalDate[] dates = new LocalDate[DAYS];
        /** The start of each day, and the end of the last. */
        final Instant[] starts = new Instant[DAYS + 1];
        final ZoneId zone;

        Days(LocalDate today, ZoneId zone) {
            this.zone = zone;
            LocalDate first = today.minusDays(DAYS - 1);
            for (int d = 0; d <= DAYS; d++) {
                LocalDate date = first.plusDays(d);
                if (d < DAYS) {
                    dates[d] = date;
                }
                starts[d] = date.atStartOfDay(zone).toInstant();
            }
        }

        /** The day {@code at} falls on (at or after the first day's start). */
        int indexOf(Instant at) {
            int day = 0;
            while (day < DAYS - 1 && !at.isBefore(starts[day + 1])) {
                day++;
            }
            return day;
        }
    }

    /**
     * A component's bars and uptime. The time it spent in each status comes from its status history (the same
     * {@code component-status} changes the monthly report counts), and before that history starts (a component stored
     * before histories were kept) from its incidents' windows at their worst status; the incidents only name the days.
     */
    private static Uptime uptime(Instant createdAt, StatusHistory history, List<Outage> outages, Days days, Instant now) {
        Instant periodStart = days.starts[0];
        Instant historySince = history == null || history.since() == null ? now : history.since();
        long[] major = new long[DAYS];
        long[] partial = new long[DAYS];
        long[] maintenance = new long[DAYS];
        @SuppressWarnings("unchecked")
        Set<IncidentName>[] names = new Set[DAYS];
        for (Outage outage : outages) {
            Instant end = outage.end() == null || outage.end().isAfter(now) ? now : outage.end();
            forEachDay(days, outage.start(), end, (d, seconds) -> {
                if (names[d] == null) {
                    names[d] = new LinkedHashSet<>();
                }
                names[d].add(outage.incident());
            });
            Instant counted = end.isAfter(historySince) ? historySince : end;
            forEachDay(days, outage.start(), counted, (d, seconds) -> (outage.major() ? major : partial)[d] += seconds);
        }
        if (history != null && history.since() != null) {
            for (StatusHistory.Span span : history.spans()) {
                long[] into = switch (span.status()) {
                    case MAJOR_OUTAGE -> major;
                    case PARTIAL_OUTAGE -> partial;
                    case UNDER_MAINTENANCE -> maintenance;
                    case DEGRADED_PERFORMANCE, OPERATIONAL -> null;
                };
                if (into != null) {
                    Instant end = span.end() == null || span.end().isAfter(now) ? now : span.end();
                    forEachDay(days, span.start().isBefore(periodStart) ? periodStart : span.start(), end, (d, seconds) -> into[d] += seconds);
                }
            }
        }
        LocalDate watchedFrom = createdAt.atZone(days.zone).toLocalDate();
        List<DayBar> bars = new ArrayList<>(DAYS);
        double down = 0;
        long watched = 0;
        int watchedDays = 0;
        for (int d = 0; d < DAYS; d++) {
            long length = Duration.between(days.starts[d], days.starts[d + 1]).toSeconds(); // 23 or 25 h on a DST change
            long majorSeconds = Math.min(major[d], length);
            long partialSeconds = Math.min(partial[d], length - majorSeconds);
            boolean before = days.dates[d].isBefore(watchedFrom);
            String level = majorSeconds > 0 ? "major" : partialSeconds > 0 ? "partial" : before ? "none" : "ok";
            bars.add(new DayBar(days.dates[d], level, majorSeconds + partialSeconds, names[d] == null ? List.of() : List.copyOf(names[d])));
            down += majorSeconds + PARTIAL_WEIGHT * partialSeconds;
            if (!before || majorSeconds + partialSeconds > 0) {
                // planned maintenance is left out of the measured time, as the monthly report leaves it out by default
                watched += Math.max(0, length - Math.min(maintenance[d], length - majorSeconds - partialSeconds));
                watchedDays++;
            }
        }
        double percent = watched == 0 ? 100 : Math.max(0, Math.min(100, 100 * (1 - down / watched)));
        return new Uptime(bars, percent, watchedDays);
    }

    /** Calls {@code each} with the seconds of [start, end) that fall on each day of the bars. */
    private static void forEachDay(Days days, Instant start, Instant end, java.util.function.ObjLongConsumer<Integer> each) {
        Instant from0 = start.isBefore(days.starts[0]) ? days.starts[0] : start;
        for (int d = days.indexOf(from0); d < DAYS && end.isAfter(from0) && end.isAfter(days.starts[d]); d++) {
            Instant from = from0.isAfter(days.starts[d]) ? from0 : days.starts[d];
            Instant to = end.isBefore(days.starts[d + 1]) ? end : days.starts[d + 1];
            if (to.isAfter(from)) {
                each.accept(d, Duration.between(from, to).toSeconds());
            }
        }
    }

    private static Indicator indicator(List<SiteView> sites, List<IncidentSnapshot> unresolved, List<Maintenance> active) {
        Indicator fromIncidents = unresolved.stream().map(IncidentSnapshot::impact).max(Comparator.naturalOrder())
                .map(StatusSummary::indicatorOf).orElse(Indicator.NONE);
        ComponentStatus worst = sites.stream().map(SiteView::worst).max(Comparator.comparingInt(StatusSummary::gravity))
                .orElse(ComponentStatus.OPERATIONAL);
        Indicator fromComponents = switch (worst) {
            case OPERATIONAL -> active.isEmpty() ? Indicator.NONE : Indicator.MAINTENANCE;
            case UNDER_MAINTENANCE -> Indicator.MAINTENANCE;
            case DEGRADED_PERFORMANCE, PARTIAL_OUTAGE -> Indicator.MINOR;
            case MAJOR_OUTAGE -> Indicator.MAJOR;
        };
        if (fromIncidents == Indicator.NONE) {
            return fromComponents;
        }
        return fromComponents == Indicator.MAINTENANCE || fromIncidents.ordinal() >= fromComponents.ordinal() ? fromIncidents : fromComponents;
    }

    private static Indicator indicatorOf(Impact impact) {
        return switch (impact) {
            case NONE -> Indicator.NONE;
            case MINOR -> Indicator.MINOR;
            case MAJOR -> Indicator.MAJOR;
            case CRITICAL -> Indicator.CRITICAL;
        };
    }

    /** Order of gravity for "the worst status of a site". */
    static int gravity(ComponentStatus status) {
        return switch (status) {
            case OPERATIONAL -> 0;
            case UNDER_MAINTENANCE -> 1;
            case DEGRADED_PERFORMANCE -> 2;
            case PARTIAL_OUTAGE -> 3;
            case MAJOR_OUTAGE -> 4;
        };
    }
}
