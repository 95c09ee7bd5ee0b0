package io.contingo.health.probe;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

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
 * history waits in a bounded buffer, the oldest dropped and counted once it is full.
 */
@Component
class ResultWriter implements SmartLifecycle {

    private static final int BATCH = 5_000;
    private static final Logger log = LoggerFactory.getLogger(ResultWriter.class);
    private static final Duration PERIOD = Duration.ofSeconds(1);

    private final LatestResults latestResults;
    private final ResultHistory history;
    private final Map<String, HealthEvent> latest = new ConcurrentHashMap<>();
    private final DropOldestBuffer<HealthEvent> pending;
    private final RelayLoop loop = new RelayLoop("result-writer", PERIOD, this::writeRound);
    private volatile boolean failing;

    ResultWriter(LatestResults latestResults, ResultHistory history, ResultSettings settings, MeterRegistry meters) {
        this.latestResults = latestResults;
        this.history = history;
        this.pending = new DropOldestBuffer<>(settings.buffer().capacity());
        CheckResults.meter(meters, "database", pending);
    }

    /** Queues the result; never blocks. */
    void offer(HealthEvent event) {
        latest.merge(event.monitorId(), event, ResultWriter::later);
        pending.add(event);
    }

    private void writeRound() {
        failing = true;
        writePending();
        failing = false;
    }

    /** One round: the latest results, then the history in batches; what fails stays for the next round. */
    void writePending() {
        List<HealthEvent> changed = List.copyOf(latest.values());
        latestResults.saveAll(changed);
        changed.forEach(event -> latest.remove(event.monitorId(), event)); // unless a newer one came meanwhile
        DropOldestBuffer.Batch<HealthEvent> batch;
        do {
            batch = pending.next(BATCH);
            if (batch.isEmpty()) {
                return;
            }
            try {
                history.append(batch.items());
            } catch (RuntimeException e) {
                pending.failed(batch);
                throw e;
            }
            pending.delivered(batch);
        } while (batch.items().size() == BATCH);
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
