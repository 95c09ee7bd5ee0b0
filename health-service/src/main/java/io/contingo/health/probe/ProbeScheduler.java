package io.contingo.health.probe;

import java.util.ArrayList;
import java.util.List;
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
import io.contingo.health.monitor.MonitorDefinition;
import io.contingo.health.monitor.MonitorSettings;
import io.contingo.health.push.PushReceived;

/**
 * Checks every monitor at its interval. One scheduler thread only plans; each check runs on its own virtual
 * thread with its own timeout, so a target that hangs never delays the others. Start times are spread over
 * the interval (jitter) so that checks don't all fire at once.
 */
@Component
class ProbeScheduler implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ProbeScheduler.class);

    private final MonitorSettings monitors;
    private final Probe probe;
    private final HealthEventPublisher publisher;
    private final LatestResults latestResults;
    private final List<ScheduledFuture<?>> planned = new ArrayList<>();
    private ScheduledExecutorService planner;
    private ExecutorService checks;

    ProbeScheduler(MonitorSettings monitors, Probe probe, HealthEventPublisher publisher, LatestResults latestResults) {
        this.monitors = monitors;
        this.probe = probe;
        this.publisher = publisher;
        this.latestResults = latestResults;
    }

    @Override
    public synchronized void start() {
        planner = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("probe-planner").daemon().factory());
        checks = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("probe-check-", 0).factory());
        for (MonitorDefinition monitor : monitors.monitors()) {
            long interval = monitor.interval().toMillis();
            long jitter = ThreadLocalRandom.current().nextLong(Math.max(1, interval / 2));
            planned.add(planner.scheduleAtFixedRate(() -> checks.execute(() -> checkAndPublish(monitor)),
                    jitter, interval, TimeUnit.MILLISECONDS));
        }
        log.info("Checking {} monitors", monitors.monitors().size());
    }

    private void checkAndPublish(MonitorDefinition monitor) {
        try {
            HealthEvent event = probe.check(monitor);
            publisher.publish(event);
            latestResults.record(event);
        } catch (RuntimeException e) {
            log.warn("Check of monitor {} could not be published: {}", monitor.id(), e.getMessage());
        }
    }

    /** A push changes what a pushed monitor says: judge it now rather than at its next check. */
    @EventListener
    public synchronized void onPushReceived(PushReceived push) {
        if (checks == null) {
            return;
        }
        monitors.monitors().stream().filter(m -> m.id().equals(push.monitorId())).findFirst()
                .ifPresent(monitor -> checks.execute(() -> checkAndPublish(monitor)));
    }

    @Override
    public synchronized void stop() {
        planned.forEach(f -> f.cancel(false));
        planned.clear();
        if (planner != null) {
            planner.shutdownNow();
            checks.shutdownNow();
            planner = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return planner != null;
    }
}
