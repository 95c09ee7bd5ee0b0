package io.contingo.health.parked;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.stereotype.Component;

import io.contingo.health.follow.TopicFollower;
import io.contingo.health.monitor.MonitorCatalog;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The results of this service's monitors that incident-service refused and parked on {@code health-events.dlq}
 * (a component it does not know, a site that is not the component's, an event it cannot read), counted per
 * monitor with the latest reason ({@code x-exception-message}) and when it was parked. Every instance reads the
 * whole dead-letter topic from its beginning, without a consumer group, on a thread of its own: checks never wait
 * on it; after a lost connection it reads it again into new counts, answering the old ones until those are read.
 * Each monitor the catalog has, with results on the topic, has the gauge {@code contingo.monitor.results.parked}
 * (tag {@code monitor}): the results of this monitor that the dead-letter topic holds. Ids the catalog does not have
 * (deleted monitors, other services' monitors) are counted for nobody's page and get no gauge; a monitor's gauge
 * goes when the monitor is deleted.
 */
@Component
public class ParkedResults extends TopicFollower {

    /** The gauge of each monitor's parked results. */
    static final String METER = "contingo.monitor.results.parked";

    /** How many results of one monitor were parked, the latest reason and when. */
    public record Parked(long count, String lastReason, Instant lastAt) {
    }

    private static final class Tally {
        final AtomicLong count = new AtomicLong();
        volatile String lastReason;
        volatile Instant lastAt;
    }

    /** The counts answered from; replaced whole when the topic has been read again. */
    private volatile Map<String, Tally> byMonitor = new ConcurrentHashMap<>();
    /** The counts read again since a lost connection, not answered from until read to the end; null otherwise. */
    private Map<String, Tally> rereading;
    private final Map<String, Gauge> gauges = new HashMap<>();
    private final JsonMapper json;
    private final MeterRegistry meters;
    private final MonitorCatalog catalog;

    ParkedResults(JsonMapper json, MeterRegistry meters, MonitorCatalog catalog,
            KafkaProperties kafka,
            @Value("${contingo.parked.topic:${spring.cloud.stream.bindings.healthEvents-out-0.destination:health-events}.dlq}") String topic) {
        super(kafka.buildConsumerProperties(), topic, Duration.ofSeconds(5));
        this.json = json;
        this.meters = meters;
        this.catalog = catalog;
        catalog.onChange(this::meterKnown);
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
        Map<String, Tally> counts = rereading != null ? rereading : byMonitor;
        Tally tally = counts.get(monitorId);
        if (tally == null) {
            tally = new Tally();
            counts.put(monitorId, tally);
            if (counts == byMonitor && catalog.find(monitorId).isPresent()) {
                meterKnown();
            }
        }
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

    /** A gauge for each monitor the catalog has with parked results, and none for any other id. */
    private synchronized void meterKnown() {
        Map<String, Tally> counts = byMonitor;
        gauges.entrySet().removeIf(gauge -> {
            boolean gone = !counts.containsKey(gauge.getKey()) || catalog.find(gauge.getKey()).isEmpty();
            if (gone) {
                meters.remove(gauge.getValue());
            }
            return gone;
        });
        counts.keySet().stream().filter(id -> !gauges.containsKey(id) && catalog.find(id).isPresent()).forEach(id -> gauges.put(id,
                Gauge.builder(METER, () -> of(id).map(Parked::count).orElse(0L))
                        .description("Results of this monitor that the dead-letter topic holds: incident-service refused and parked them")
                        .tag("monitor", id)
                        .register(meters)));
    }

    /** Read again from the beginning into new counts; the old ones are answered from until they are read. */
    @Override
    protected void restart() {
        rereading = new ConcurrentHashMap<>();
    }

    @Override
    protected void readToEnd() {
        if (rereading != null) {
            byMonitor = rereading;
            rereading = null;
            meterKnown();
        }
    }
}
