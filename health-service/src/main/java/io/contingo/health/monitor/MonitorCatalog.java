package io.contingo.health.monitor;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import com.mongodb.MongoException;

import io.contingo.starter.address.DenyList;
import io.contingo.health.catalog.KnownSites;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;

/**
 * Every monitor of this service, held in memory from {@link MonitorStore} and kept current: changes made here
 * apply at once, changes made on other instances within {@code contingo.probe.refresh}. On start, the monitors
 * of the monitors file that the database has never held are added to it (so the demo's monitors appear on the
 * first start, and a monitor an admin deleted stays deleted).
 */
@Component
public class MonitorCatalog implements SmartLifecycle {

    /** Who changed a monitor taken from the monitors file. */
    public static final String MONITORS_FILE = "monitors file";
    /** Every so many refreshes, all monitors are read again, in case a change committed out of revision order. */
    private static final int FULL_RELOAD_EVERY = 30;

    private static final Logger log = LoggerFactory.getLogger(MonitorCatalog.class);
    private static final Pattern KEBAB = Pattern.compile("-([a-z])");

    /** No monitor has this id. */
    public static final class MonitorNotFoundException extends RuntimeException {
        MonitorNotFoundException(String id) {
            super("There is no monitor '" + id + "'");
        }
    }

    /** The id is taken. */
    public static final class MonitorExistsException extends RuntimeException {
        MonitorExistsException(String id) {
            super("A monitor with id '" + id + "' already exists");
        }
    }

    /** A definition that breaks the rules: the problems by field ({@code url}, {@code interval}, ...). */
    public static final class InvalidMonitorException extends RuntimeException {

        private final Map<String, List<String>> problems;

        public InvalidMonitorException(Map<String, List<String>> problems) {
            super("The monitor is not valid: " + problems);
            this.problems = Map.copyOf(problems);
        }

        public Map<String, List<String>> problems() {
            return problems;
        }
    }

    private final MonitorStore store;
    private final Validator validator;
    private final DenyList denyList;
    private final PushTokenIssuer tokens;
    private final KnownSites sites;
    private final long refreshMillis;
    private final Map<String, StoredMonitor> monitors = new ConcurrentHashMap<>();
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
    private long revision;
    private int refreshes;
    private ScheduledExecutorService refresher;

    /**
     * The monitors of the monitors file are taken as they are, without waiting for the sites and components to be
     * known: a service must check what it was configured to check from its first second.
     */
    MonitorCatalog(MonitorStore store, MonitorSettings seeds, ProbeSettings probe, Validator validator, PushTokenIssuer tokens,
            KnownSites sites) {
        this.store = store;
        this.sites = sites;
        this.validator = validator;
        this.denyList = DenyList.withBuiltIns(probe.denyList());
        this.tokens = tokens;
        this.refreshMillis = probe.refresh().toMillis();
        int added = 0;
        Set<String> held = store.ids();
        for (MonitorDefinition seed : seeds.definitions()) {
            if (!held.contains(seed.id()) && store.insert(seed, MONITORS_FILE, true).isPresent()) {
                added++;
            }
        }
        reload();
        log.info("{} monitors ({} new from the monitors file)", monitors.size(), added);
    }

    /** The monitors, by id. */
    public List<StoredMonitor> all() {
        return monitors.values().stream().sorted(Comparator.comparing(StoredMonitor::id)).toList();
    }

    public Optional<StoredMonitor> find(String id) {
        return Optional.ofNullable(monitors.get(id));
    }

    /** The monitor of this id; throws {@link MonitorNotFoundException} when there is none. */
    public StoredMonitor get(String id) {
        return find(id).orElseThrow(() -> new MonitorNotFoundException(id));
    }

    /** Runs after every change of any monitor, here or on another instance. */
    public void onChange(Runnable listener) {
        listeners.add(listener);
    }

    public StoredMonitor create(MonitorDefinition definition, String by) {
        validate(definition);
        return apply(store.insert(definition, by, false).orElseThrow(() -> new MonitorExistsException(definition.id())));
    }

    public StoredMonitor update(MonitorDefinition definition, String by) {
        validate(definition);
        return apply(store.replace(definition, by).orElseThrow(() -> new MonitorNotFoundException(definition.id())));
    }

    public StoredMonitor pause(String id, boolean paused, String by) {
        return apply(store.pause(id, paused, by).orElseThrow(() -> new MonitorNotFoundException(id)));
    }

    public void delete(String id, String by) {
        apply(store.delete(id, by).orElseThrow(() -> new MonitorNotFoundException(id)));
    }

    /**
     * Checks a definition as the API and the admin page take it: its constraints and type rules, no target
     * written as a denied address, and a component and site that incident-service's catalog has. Throws
     * {@link InvalidMonitorException} with every problem found, or {@link KnownSites.NotKnownYetException} while
     * the catalog has not been read.
     */
    public void validate(MonitorDefinition definition) {
        Map<String, List<String>> problems = new LinkedHashMap<>();
        sites.problems(definition.componentId(), definition.siteId())
                .forEach((field, message) -> problems.computeIfAbsent(field, f -> new ArrayList<>()).add(message));
        for (ConstraintViolation<WrittenMonitor> violation : validator.validate(WrittenMonitor.of(definition))) {
            String path = violation.getPropertyPath().toString();
            String field = path.equals("timeoutShorterThanInterval") ? "timeout" : camel(path);
            problems.computeIfAbsent(field, f -> new ArrayList<>()).add(violation.getMessage());
        }
        MonitorDefinition.Addressed addressed = problems.isEmpty() ? definition.addressed() : null;
        if (addressed != null && addressed.host() != null) {
            denyList.refusesLiteral(addressed.host()).ifPresent(why ->
                    problems.computeIfAbsent(addressed.field(), f -> new ArrayList<>()).add("points at a denied address: " + why));
        }
        if (!problems.isEmpty()) {
            problems.values().forEach(list -> list.sort(null));
            throw new InvalidMonitorException(problems);
        }
    }

    /** A property as the monitors file writes it ({@code query-name}) as the JSON field ({@code queryName}). */
    static String camel(String property) {
        Matcher matcher = KEBAB.matcher(property);
        StringBuilder camel = new StringBuilder();
        while (matcher.find()) {
            matcher.appendReplacement(camel, matcher.group(1).toUpperCase(java.util.Locale.ROOT));
        }
        return matcher.appendTail(camel).toString();
    }

    private StoredMonitor apply(StoredMonitor changed) {
        synchronized (this) {
            take(changed);
            revision = Math.max(revision, changed.revision());
        }
        listeners.forEach(Runnable::run);
        return changed;
    }

    private void take(StoredMonitor monitor) {
        if (monitor.deleted()) {
            monitors.remove(monitor.id());
        } else {
            if (monitor.definition().isPushed()) {
                tokens.ensure(monitor.id());
            }
            monitors.put(monitor.id(), monitor);
        }
    }

    /** The latest revision this instance has read. */
    synchronized long revision() {
        return revision;
    }

    private synchronized void reload() {
        List<StoredMonitor> stored = store.all();
        monitors.keySet().retainAll(stored.stream().map(StoredMonitor::id).toList());
        stored.forEach(this::take);
        revision = Math.max(revision, stored.stream().mapToLong(StoredMonitor::revision).max().orElse(0));
    }

    /** Reads what changed elsewhere; never throws. */
    void refresh() {
        try {
            boolean changed;
            synchronized (this) {
                if (++refreshes % FULL_RELOAD_EVERY == 0) {
                    Map<String, StoredMonitor> before = Map.copyOf(monitors);
                    reload();
                    changed = !before.equals(monitors);
                } else {
                    MonitorStore.Read news = store.changedSince(revision); // oldest change first
                    news.monitors().forEach(this::take);
                    changed = !news.monitors().isEmpty();
                    revision = Math.max(revision, news.latest()); // past the unreadable too: they are not read again
                }
            }
            if (changed) {
                listeners.forEach(Runnable::run);
            }
        } catch (MongoException e) {
            log.warn("Could not read the monitors' changes ({}); checking the {} monitors known", e.getMessage(), monitors.size());
        } catch (RuntimeException e) { // the refresh must go on: an exception would end its schedule
            log.error("Could not apply the monitors' changes; checking the {} monitors known", monitors.size(), e);
        }
    }

    @Override
    public synchronized void start() {
        refresher = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("monitor-refresh").daemon().factory());
        refresher.scheduleWithFixedDelay(this::refresh, refreshMillis, refreshMillis, TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void stop() {
        if (refresher != null) {
            refresher.shutdownNow();
            refresher = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return refresher != null;
    }

    @Override
    public int getPhase() {
        return DEFAULT_PHASE - 1;
    }
}
