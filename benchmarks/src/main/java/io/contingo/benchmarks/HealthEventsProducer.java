package io.contingo.benchmarks;

import java.time.Instant;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import io.contingo.events.HealthEvent;
import io.contingo.events.HealthStatus;
import io.contingo.events.Topics;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes health events to {@code health-events} as health-service does: JSON, keyed by component id, each probe
 * at a location of its own.
 */
final class HealthEventsProducer implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final KafkaProducer<String, byte[]> producer;

    private HealthEventsProducer(Properties props) {
        this.producer = new KafkaProducer<>(props);
    }

    /** Batches generously: for filling the topic fast. */
    static HealthEventsProducer forBulk(String bootstrapServers) {
        Properties p = base(bootstrapServers);
        p.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        return new HealthEventsProducer(p);
    }

    /** Sends each record at once: for latency measurements. */
    static HealthEventsProducer forLatency(String bootstrapServers) {
        Properties p = base(bootstrapServers);
        p.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        return new HealthEventsProducer(p);
    }

    private static Properties base(String bootstrapServers) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        return p;
    }

    static HealthEvent event(String siteId, String componentId, String monitorId, String probeId, HealthStatus status,
            Instant observedAt) {
        boolean up = status == HealthStatus.UP;
        return new HealthEvent(UUID.randomUUID().toString(), monitorId, componentId, siteId, probeId, status, observedAt,
                up ? 12L : null, up ? "HTTP 200" : "HTTP 503, expected 200",
                Map.of("httpStatus", up ? "200" : "503", "url", "http://127.0.0.1/" + componentId + "/",
                        HealthEvent.LOCATION, "location-of-" + probeId));
    }

    static byte[] json(HealthEvent event) {
        return JSON.writeValueAsBytes(event);
    }

    Future<RecordMetadata> send(HealthEvent event) {
        return producer.send(new ProducerRecord<>(Topics.HEALTH_EVENTS, event.componentId(), json(event)));
    }

    /** Sends and waits for the broker's acknowledgement. */
    RecordMetadata sendNow(HealthEvent event) {
        try {
            return send(event).get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("The broker did not take a health event", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    void flush() {
        producer.flush();
    }

    @Override
    public void close() {
        producer.close();
    }
}
