package io.contingo.health.admin;

import java.time.Instant;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Predicate;

import org.springframework.web.util.UriComponentsBuilder;

import io.contingo.events.HealthStatus;
import io.contingo.health.monitor.MonitorType;
import io.contingo.health.monitor.StoredMonitor;
import io.contingo.health.probe.LatestResults.LatestResult;

/**
 * One page of the monitor list: the monitors the filter keeps, a page of them with their latest results, and
 * how many monitors there are in each state. Everything is worked out on the server, so the page is one table
 * however many monitors there are.
 */
record MonitorList(Filter filter, List<Row> rows, int matching, int page, int pages, Map<State, Integer> counts,
        int total, List<String> sites, List<String> types) {

    static final int PAGE_SIZE = 100;

    /** What the list shows a monitor as: its latest result's status, or paused, or unknown before its first check. */
    enum State {
        DOWN, DEGRADED, UP, UNKNOWN, PAUSED;

        public String param() {
            return name().toLowerCase(Locale.ROOT);
        }

        static State of(StoredMonitor monitor, HealthStatus latest) {
            if (monitor.paused()) {
                return PAUSED;
            }
            if (latest == null) {
                return UNKNOWN;
            }
            return switch (latest) {
                case UP -> UP;
                case DEGRADED -> DEGRADED;
                case DOWN -> DOWN;
            };
        }
    }

    /** The filter in the address: {@code ?status=down&type=http&site=production&page=2}; null keeps all. */
    record Filter(String status, String type, String site, int page) {

        Filter {
            status = blankToNull(status);
            type = blankToNull(type);
            site = blankToNull(site);
            page = Math.max(1, page);
        }

        public boolean any() {
            return status != null || type != null || site != null;
        }

        /** The same filter on another status (null for any), from the first page. */
        public Filter withStatus(String other) {
            return new Filter(other, type, site, 1);
        }

        /** The list's address with this filter and another page. */
        public String query(int page) {
            UriComponentsBuilder uri = UriComponentsBuilder.newInstance();
            if (status != null) {
                uri.queryParam("status", status);
            }
            if (type != null) {
                uri.queryParam("type", type);
            }
            if (site != null) {
                uri.queryParam("site", site);
            }
            if (page > 1) {
                uri.queryParam("page", page);
            }
            String query = uri.encode().build().getQuery();
            return query == null ? "" : "?" + query;
        }

        private static String blankToNull(String value) {
            return value == null || value.isBlank() ? null : value.strip();
        }
    }

    /** One monitor as a row of the list. */
    record Row(StoredMonitor monitor, State shown, LatestResult latest, Instant now) {

        public String id() {
            return monitor.id();
        }

        public String type() {
            return monitor.definition().type().written();
        }

        public String state() {
            return shown.param();
        }

        /** {@code 12 s ago}; empty before the first check. */
        public String checkedAgo() {
            return latest == null ? "" : PageTimes.ago(latest.observedAt(), now);
        }

        /** {@code 2026-11-26 14:03:12 UTC}; empty before the first check. */
        public String checkedAt() {
            return latest == null ? "" : PageTimes.exact(latest.observedAt());
        }
    }

    /**
     * The list for a filter: every monitor's state comes from {@code statuses} (the latest status of each), the
     * latest results in full only for the page shown, from {@code pageResults}.
     */
    static MonitorList of(List<StoredMonitor> all, Map<String, HealthStatus> statuses,
            Function<List<String>, Map<String, LatestResult>> pageResults, Filter filter, Instant now) {
        Map<State, Integer> counts = new EnumMap<>(State.class);
        for (State state : State.values()) {
            counts.put(state, 0);
        }
        Set<String> sites = new TreeSet<>();
        Predicate<StoredMonitor> kept = m -> (filter.type() == null || filter.type().equals(m.definition().type().written()))
                && (filter.site() == null || filter.site().equals(m.definition().siteId()))
                && (filter.status() == null || filter.status().equals(State.of(m, statuses.get(m.id())).param()));
        List<StoredMonitor> matching = all.stream().filter(kept).toList();
        for (StoredMonitor monitor : all) {
            counts.merge(State.of(monitor, statuses.get(monitor.id())), 1, Integer::sum);
            sites.add(monitor.definition().siteId());
        }
        int pages = Math.max(1, (matching.size() + PAGE_SIZE - 1) / PAGE_SIZE);
        int page = Math.min(filter.page(), pages);
        List<StoredMonitor> shown = matching.subList((page - 1) * PAGE_SIZE, Math.min(matching.size(), page * PAGE_SIZE));
        Map<String, LatestResult> latest = shown.isEmpty() ? Map.of() : pageResults.apply(shown.stream().map(StoredMonitor::id).toList());
        List<Row> rows = shown.stream()
                .map(m -> new Row(m, State.of(m, statuses.get(m.id())), latest.get(m.id()), now)).toList();
        List<String> types = Arrays.stream(MonitorType.values()).map(MonitorType::written).toList();
        return new MonitorList(filter, rows, matching.size(), page, pages, counts, all.size(), List.copyOf(sites), types);
    }

    /** The count of monitors in a state. */
    public int count(String state) {
        return counts.get(State.valueOf(state.toUpperCase(Locale.ROOT)));
    }

    public int firstShown() {
        return rows.isEmpty() ? 0 : (page - 1) * PAGE_SIZE + 1;
    }

    public int lastShown() {
        return (page - 1) * PAGE_SIZE + rows.size();
    }
}
