package io.contingo.health.probe;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import io.contingo.events.HealthEvent;
import io.contingo.events.HealthStatus;
import io.contingo.health.monitor.MonitorCatalog;
import io.contingo.health.monitor.MonitorDefinition;
import io.contingo.health.monitor.StoredMonitor;
import io.contingo.health.push.PushReceived;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * Checks, at its interval, every active monitor of the shards this instance holds ({@link ShardLeases}). One
 * scheduler thread only plans; each check runs on its own virtual thread with its own timeout, so a target that
 * hangs never delays the others. First checks are spread over the interval (jitter) so that monitors don't all
 * fire at once. When the monitors or the shards held change, the plan follows: new monitors are planned,
 * changed ones planned again, paused, deleted or given-away ones dropped.
 *
 * <p>How late each check starts against its plan is the timer {@code contingo.probe.schedule.lag}.
 */
@Component
public class ProbeScheduler implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ProbeScheduler.class);
    /** The pause before a failed check tries again. */
    static final Duration RETRY_PAUSE = Duration.ofMillis(500);

    /** A monitor on the plan, and when its next check is due. */
    private static final class Planned {
        final MonitorDefinition monitor;
        volatile long nextStart;
        ScheduledFuture<?> future;

        Planned(MonitorDefinition monitor, long firstStart) {
            this.monitor = monitor;
            this.nextStart = firstStart;
        }
    }

    private final MonitorCatalog catalog;
    private final ShardLeases leases;
    private final Probe probe;
    private final CheckResults results;
    private final Timer lag;
    private final Map<String, Planned> planned = new HashMap<>();
    private ScheduledExecutorService planner;
    private volatile ExecutorService checks;

    ProbeScheduler(MonitorCatalog catalog, ShardLeases leases, Probe probe, CheckResults results, MeterRegistry meters) {
        this.catalog = catalog;
        this.leases = leases;
        this.probe = probe;
        this.results = results;
        this.lag = Timer.builder("contingo.probe.schedule.lag")
                .description("How late a check starts against its plan")
                .publishPercentiles(0.5, 0.99).publishPercentileHistogram()
                .register(meters);
        catalog.onChange(this::replan);
        leases.onChange(this::replan);
    }

    @Override
    public synchronized void start() {
        planner = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("probe-planner").daemon().factory());
        checks = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("probe-check-", 0).factory());
        replan();
    }

    /** Brings the plan in line with the monitors and the shards held. */
    synchronized void replan() {
        if (planner == null) {
            return;
        }
        Map<String, MonitorDefinition> wanted = new HashMap<>();
        for (StoredMonitor monitor : catalog.all()) {
            if (monitor.active() && leases.owns(monitor.id())) {
                wanted.put(monitor.id(), monitor.definition());
            }
        }
        planned.values().removeIf(p -> {
            boolean drop = !p.monitor.equals(wanted.get(p.monitor.id()));
            if (drop) {
                p.future.cancel(false);
            }
            return drop;
        });
        wanted.values().forEach(monitor -> planned.computeIfAbsent(monitor.id(), id -> plan(monitor)));
        log.debug("Checking {} monitors", planned.size());
    }

    private Planned plan(MonitorDefinition monitor) {
        long interval = monitor.interval().toNanos();
        long jitter = ThreadLocalRandom.current().nextLong(Math.max(1, interval));
        Planned plan = new Planned(monitor, System.nanoTime() + jitter);
        plan.future = planner.scheduleAtFixedRate(() -> checks.execute(() -> run(plan)), jitter, interval, TimeUnit.NANOSECONDS);
        return plan;
    }

    private void run(Planned plan) {
        long due = plan.nextStart;
        long interval = plan.monitor.interval().toNanos();
        plan.nextStart = due + interval;
        lag.record(Math.max(0, System.nanoTime() - due), TimeUnit.NANOSECONDS);
        results.accept(checkWithRetries(plan.monitor, due + interval));
    }

    /**
     * Checks a monitor; while it is DOWN and retries remain, tries again after a short pause, as long as the
     * attempt can end before {@code nextDue} (a System.nanoTime). The result says how many attempts it took.
     */
    HealthEvent checkWithRetries(MonitorDefinition monitor, long nextDue) {
        HealthEvent event = probe.check(monitor);
        int attempts = 1;
        long attemptNanos = RETRY_PAUSE.toNanos() + monitor.timeout().toNanos();
        while (event.status() == HealthStatus.DOWN && attempts <= monitor.retries()
                && System.nanoTime() + attemptNanos < nextDue) {
            try {
                Thread.sleep(RETRY_PAUSE);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            event = probe.check(monitor);
            attempts++;
        }
        if (attempts == 1) {
            return event;
        }
        Map<String, String> attributes = new HashMap<>(event.attributes());
        attributes.put("attempts", Integer.toString(attempts));
        return new HealthEvent(event.eventId(), event.monitorId(), event.componentId(), event.siteId(), event.probeId(),
                event.status(), event.observedAt(), event.latencyMs(), event.detail(), attributes);
    }

    /**
     * Checks a monitor at once, on this instance whatever shard it is in, publishes the result and stores it
     * before answering: the monitor's page shown next has it as the latest result and in the history.
     */
    public HealthEvent checkNow(MonitorDefinition monitor) {
        HealthEvent event = probe.check(monitor);
        results.acceptAndStore(event);
        return event;
    }


    /** A push changes what a pushed monitor says: judge it now rather than at its next check. */
    @EventListener
    public void onPushReceived(PushReceived push) {
        ExecutorService executor = checks;
        if (executor == null) {
            return;
        }
        catalog.find(push.monitorId()).filter(StoredMonitor::active)
                .ifPresent(monitor -> executor.execute(() -> results.accept(probe.check(monitor.definition()))));
    }

    /** How many monitors this instance checks now. */
    public synchronized int plannedCount() {
        return planned.size();
    }

    @Override
    public synchronized void stop() {
        planned.values().forEach(p -> p.future.cancel(false));
        planned.clear();
        if (planner != null) {
            planner.shutdownNow();
            checks.shutdownNow();
            planner = null;
            checks = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return planner != null;
    }
}
