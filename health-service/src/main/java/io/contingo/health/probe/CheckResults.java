package io.contingo.health.probe;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import io.contingo.events.HealthEvent;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Where every check's result goes: to Kafka as a health event, and to this service's database as the
 * monitor's latest result and a line of its history. {@link #accept} only queues: a check never waits for
 * Kafka or the database, and neither being down holds up the checks or fills the memory.
 *
 * <p>Each destination has a bounded buffer ({@code contingo.probe.buffer.capacity}); when one is full its
 * oldest result is dropped. Meters, tagged {@code destination=kafka|database}:
 * {@code contingo.probe.results.buffered} (results waiting) and {@code contingo.probe.results.dropped}
 * (results lost for want of room since the start).
 */
@Component
public class CheckResults {

    private static final Logger log = LoggerFactory.getLogger(CheckResults.class);

    private final HealthEventPublisher publisher;
    private final ResultWriter writer;

    CheckResults(HealthEventPublisher publisher, ResultWriter writer) {
        this.publisher = publisher;
        this.writer = writer;
    }

    /** Queues the result for Kafka and for the database; never blocks. */
    public void accept(HealthEvent result) {
        publisher.offer(result);
        writer.offer(result);
    }

    /**
     * Queues the result for Kafka, and writes it to the database at once (for a check someone waits to see on
     * the monitor's page); when the database fails, it is queued for it instead. Never throws for the database.
     */
    public void acceptAndStore(HealthEvent result) {
        publisher.offer(result);
        try {
            writer.store(result);
        } catch (RuntimeException e) {
            log.warn("Could not store the result of {} at once ({}); it is queued", result.monitorId(), e.getMessage());
        }
    }

    /** Publishes the size and the losses of a destination's buffer. */
    static void meter(MeterRegistry meters, String destination, DropOldestBuffer<?> buffer) {
        Gauge.builder("contingo.probe.results.buffered", buffer, DropOldestBuffer::size)
                .description("Check results waiting to be written")
                .tag("destination", destination)
                .register(meters);
        FunctionCounter.builder("contingo.probe.results.dropped", buffer, DropOldestBuffer::dropped)
                .description("Check results dropped, oldest first, because the buffer was full")
                .tag("destination", destination)
                .register(meters);
    }
}
