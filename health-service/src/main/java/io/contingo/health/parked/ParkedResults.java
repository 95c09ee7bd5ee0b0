package io.contingo.health.parked;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import io.contingo.health.follow.TopicFollower;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The results of this service's monitors that incident-service refused and parked on {@code health-events.dlq}
 * (a component it does not know, a site that is not the component's, an event it cannot read), counted per
 * monitor with the latest reason ({@code x-exception-message}) and when it was parked. Every instance reads the
 * whole dead-letter topic from its beginning, without a consumer group, on a thread of its own: checks never wait
 * on it. Each monitor's count is the meter {@code contingo.monitor.results.parked} (tag {@code monitor}): the
 * results parked that the topic still holds, read again from the beginning at each start.
 */
@Component
public class ParkedResults extends TopicFollower {

    /** How many results of one monitor were parked, the latest reason and when. */
    public record Parked(long count, String lastReason, Instant lastAt) {
    }

    private static final class Tally {
        final AtomicLong count = new AtomicLong();
        volatile String lastReason;
        volatile Instant lastAt;
    }

    private final Map<String, Tally> byMonitor = new ConcurrentHashMap<>();
    private final JsonMapper json;
    private final MeterRegistry meters;

    ParkedResults(JsonMapper json, MeterRegistry meters,
            @Value("${spring.kafka.bootstrap-servers:localhost:9092}") String bootstrapServers,
            @Value("${contingo.parked.topic:${spring.cloud.stream.bindings.healthEvents-out-0.destination:health-events}.dlq}") String topic) {
        super(bootstrapServers, topic, Duration.ofSeconds(5));
        this.json = json;
        this.meters = meters;
    }

    /** What incident-service refused of this monitor's results, or empty when it refused none. */
    public Optional<Parked> of(String monitorId) {
        Tally tally = byMonitor.get(monitorId);
        return tally == null || tally.count.get() == 0 ? Optional.empty()
                : Optional.of(new Parked(tally.count.get(), tally.lastReason, tally.lastAt));
    }

    /** Counts one parked record under the monitor its health event names; a record naming none is left out. */
    @Override
    protected void apply(ConsumerRecord<String, byte[]> record) {
        String monitorId = monitorOf(record.value());
        if (monitorId == null) {
            return;
        }
        Tally tally = byMonitor.computeIfAbsent(monitorId, this::metered);
        tally.count.incrementAndGet();
        Header reason = record.headers().lastHeader("x-exception-message");
        tally.lastReason = reason == null ? null : new String(reason.value(), StandardCharsets.UTF_8);
        tally.lastAt = Instant.ofEpochMilli(record.timestamp());
    }

    private String monitorOf(byte[] value) {
        if (value == null || value.length == 0) {
            return null;
        }
        try {
            JsonNode monitorId = json.readTree(value).get("monitorId");
            return monitorId == null || !monitorId.isString() ? null : monitorId.asString();
        } catch (RuntimeException unreadable) {
            return null; // not a health event at all: it names no monitor
        }
    }

    private Tally metered(String monitorId) {
        Tally tally = new Tally();
        FunctionCounter.builder("contingo.monitor.results.parked", tally, t -> t.count.get())
                .description("Results of the monitor that incident-service refused and parked on its dead-letter topic")
                .tag("monitor", monitorId)
                .register(meters);
        return tally;
    }

    /** Read again from the beginning: count from nothing. */
    @Override
    protected void restart() {
        byMonitor.values().forEach(tally -> tally.count.set(0));
    }
}
