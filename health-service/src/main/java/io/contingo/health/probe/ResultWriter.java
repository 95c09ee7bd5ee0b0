package io.contingo.health.probe;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import io.contingo.events.HealthEvent;
import io.contingo.starter.relay.RelayLoop;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Writes check results to the database once a second rather than once per check: the latest result of each
 * monitor that changed (one bulk write, whatever the number of checks in between), and every result to the
 * history (bulk inserts). While the database is down, the latest results wait (one per monitor) and the
 * history waits in a bounded buffer, the oldest dropped and counted once it is full. What reaches the history is
 * also counted per five minutes ({@link ResultBuckets}). A result someone waits to see ({@link #store}) is written
 * at once instead.
 */
@Component
class ResultWriter implements SmartLifecycle {

    private static final int BATCH = 5_000;
    private static final Logger log = LoggerFactory.getLogger(ResultWriter.class);
    private static final Duration PERIOD = Duration.ofSeconds(1);

    private final LatestResults latestResults;
    private final ResultHistory history;
    private final ResultBuckets buckets;
    /** Held while latest results are written, so that an older one never overwrites a newer one written meanwhile. */
    private final ReentrantLock writingLatest = new ReentrantLock();
    private final Map<String, HealthEvent> latest = new ConcurrentHashMap<>();
    private final DropOldestBuffer<HealthEvent> pending;
    private final RelayLoop loop = new RelayLoop("result-writer", PERIOD, this::writeRound);
    private volatile boolean failing;

    ResultWriter(LatestResults latestResults, ResultHistory history, ResultBuckets buckets, ResultSettings settings,
            MeterRegistry meters) {
        this.latestResults = latestResults;
        this.history = history;
        this.buckets = buckets;
        this.pending = new DropOldestBuffer<>(settings.buffer().capacity());
        CheckResults.meter(meters, "database", pending);
    }

    /** Queues the result; never blocks. */
    void offer(HealthEvent event) {
        latest.merge(event.monitorId(), event, ResultWriter::later);
        pending.add(event);
    }

    /**
     * Writes the result now, as the monitor's latest (unless a newer one is known) and into its history, so that
     * whoever asked for the check sees it on the monitor's page at once, counted in its uptime. When the database
     * fails, the result is queued as {@link #offer} queues it, and the failure is thrown.
     */
    void store(HealthEvent event) {
        HealthEvent newest = latest.merge(event.monitorId(), event, ResultWriter::later);
        try {
            writingLatest.lock();
            try {
                latestResults.saveAll(List.of(newest));
                latest.remove(newest.monitorId(), newest);
            } finally {
                writingLatest.unlock();
            }
            history.append(List.of(event));
        } catch (RuntimeException e) {
            pending.add(event);
            throw e;
        }
        buckets.countNow(event); // the page's uptime counts it too
    }

    private void writeRound() {
        failing = true;
        writePending();
        failing = false;
    }

    /** One round: the latest results, then the history in batches; what fails stays for the next round. */
    void writePending() {
        writingLatest.lock();
        try {
            List<HealthEvent> changed = List.copyOf(latest.values());
            latestResults.saveAll(changed);
            changed.forEach(event -> latest.remove(event.monitorId(), event)); // unless a newer one came meanwhile
        } finally {
            writingLatest.unlock();
        }
        DropOldestBuffer.Batch<HealthEvent> batch;
        do {
            batch = pending.next(BATCH);
            if (batch.isEmpty()) {
                break;
            }
            try {
                history.append(batch.items());
            } catch (RuntimeException e) {
                pending.failed(batch);
                throw e;
            }
            pending.delivered(batch);
            buckets.count(batch.items());
        } while (batch.items().size() == BATCH);
        buckets.flushIfDue();
    }

    private static HealthEvent later(HealthEvent known, HealthEvent offered) {
        return offered.observedAt().isBefore(known.observedAt()) ? known : offered;
    }

    @Override
    public void start() {
        loop.start();
    }

    /** Stops the rounds, then writes what came since the last one, unless the database was failing. */
    @Override
    public void stop() {
        loop.stop(Duration.ofSeconds(5));
        if (!failing) {
            try {
                writePending();
                buckets.flush();
            } catch (RuntimeException e) {
                log.warn("Stopped with results not written: {}", e.getMessage());
            }
        }
    }

    @Override
    public boolean isRunning() {
        return loop.isRunning();
    }
}
