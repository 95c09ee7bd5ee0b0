package io.contingo.health.probe;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.stereotype.Component;

import io.contingo.events.HealthEvent;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Publishes health events to {@code health-events}, keyed by component (acks=all, idempotent producer), from a
 * bounded buffer drained by one thread. The binding is synchronous ({@code sync: true}): a send returns once
 * the broker has acknowledged the event and throws when it could not, within the producer's
 * {@code delivery.timeout.ms}. Events stay in the buffer until acknowledged; when Kafka is unreachable they
 * wait there, the oldest dropped and counted once it is full, and the publisher tries again with a growing
 * pause. A batch that partly failed is sent again whole: consumers drop what they already have by eventId.
 *
 * <p>To be fast although each send waits, a batch is spread over {@link #LANES} virtual threads by component,
 * each sending its events one after the other, so one component's events keep their order.
 */
@Component
class HealthEventPublisher implements SmartLifecycle {

    static final String BINDING = "healthEvents-out-0";
    private static final int LANES = 128;
    private static final int BATCH = 1_000;

    private static final Logger log = LoggerFactory.getLogger(HealthEventPublisher.class);
    private static final Duration FIRST_PAUSE = Duration.ofMillis(200);
    private static final Duration LONGEST_PAUSE = Duration.ofSeconds(5);
    private static final Duration WAIT_FOR_EVENTS = Duration.ofMillis(500);
    private static final Duration PATIENCE_AT_STOP = Duration.ofSeconds(5);

    private final StreamBridge streamBridge;
    private final DropOldestBuffer<HealthEvent> buffer;
    private volatile boolean running;
    private volatile long stopBy;
    private Thread drainer;
    private boolean bound;

    HealthEventPublisher(StreamBridge streamBridge, ResultSettings settings, MeterRegistry meters) {
        this.streamBridge = streamBridge;
        this.buffer = new DropOldestBuffer<>(settings.buffer().capacity());
        CheckResults.meter(meters, "kafka", buffer);
    }

    /** Queues the event for Kafka; when the buffer is full, the oldest waiting event is dropped. */
    void offer(HealthEvent event) {
        buffer.add(event);
    }

    @Override
    public synchronized void start() {
        running = true;
        drainer = Thread.ofPlatform().name("health-events-publisher").daemon().start(this::drain);
    }

    /** Sends what is still waiting for up to {@link #PATIENCE_AT_STOP}, then stops. */
    @Override
    public synchronized void stop() {
        stopBy = System.nanoTime() + PATIENCE_AT_STOP.toNanos();
        running = false;
        if (drainer != null) {
            try {
                drainer.join(PATIENCE_AT_STOP.plusSeconds(1));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            drainer = null;
        }
        if (buffer.size() > 0) {
            log.warn("Stopped with {} health events not published", buffer.size());
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return drainer != null;
    }

    private void drain() {
        Duration pause = FIRST_PAUSE;
        boolean failing = false;
        while (running || (buffer.size() > 0 && System.nanoTime() < stopBy)) {
            DropOldestBuffer.Batch<HealthEvent> batch;
            try {
                batch = buffer.next(BATCH, WAIT_FOR_EVENTS);
            } catch (InterruptedException e) {
                continue; // only stop() ends the loop
            }
            if (batch.isEmpty()) {
                continue;
            }
            RuntimeException failure = send(batch.items());
            if (failure == null) {
                buffer.delivered(batch);
                if (failing) {
                    log.info("Kafka takes health events again; {} still waiting", buffer.size());
                }
                failing = false;
                pause = FIRST_PAUSE;
            } else {
                buffer.failed(batch);
                if (!failing) {
                    log.warn("Could not publish health events; keeping up to {} and trying again: {}",
                            buffer.capacity(), failure.getMessage());
                }
                failing = true;
                pauseFor(pause);
                pause = min(pause.multipliedBy(2), LONGEST_PAUSE);
            }
        }
    }

    /** Sends the events, each component's in order; answers the first failure, or null when all were acknowledged. */
    private RuntimeException send(List<HealthEvent> events) {
        List<HealthEvent> rest = events;
        if (!bound) {
            // The binding (producer, topic) is made on the first send: once, not by every lane at the same time.
            RuntimeException failure = sendInOrder(events.subList(0, 1));
            if (failure != null) {
                return failure;
            }
            bound = true;
            rest = events.subList(1, events.size());
        }
        Map<Integer, List<HealthEvent>> lanes = new LinkedHashMap<>();
        for (HealthEvent event : rest) {
            lanes.computeIfAbsent(Math.floorMod(event.componentId().hashCode(), LANES), lane -> new ArrayList<>()).add(event);
        }
        List<Future<RuntimeException>> sends = new ArrayList<>(lanes.size());
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            for (List<HealthEvent> lane : lanes.values()) {
                sends.add(executor.submit(() -> sendInOrder(lane)));
            }
        } // waits for every lane
        for (Future<RuntimeException> sent : sends) {
            RuntimeException failure = outcome(sent);
            if (failure != null) {
                return failure;
            }
        }
        return null;
    }

    /** Sends one after the other, stopping at the first failure so that no later event overtakes it. */
    private RuntimeException sendInOrder(List<HealthEvent> events) {
        try {
            for (HealthEvent event : events) {
                if (!streamBridge.send(BINDING, MessageBuilder.withPayload(event)
                        .setHeader(KafkaHeaders.KEY, event.componentId())
                        .build())) {
                    return new IllegalStateException("the binding " + BINDING + " did not take the event");
                }
            }
            return null;
        } catch (RuntimeException e) {
            return e;
        }
    }

    private static RuntimeException outcome(Future<RuntimeException> sent) {
        try {
            return sent.get();
        } catch (ExecutionException e) {
            return new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new IllegalStateException("Interrupted while publishing", e);
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private static void pauseFor(Duration pause) {
        try {
            Thread.sleep(pause);
        } catch (InterruptedException e) {
            Thread.interrupted(); // only stop() ends the loop
        }
    }
}
