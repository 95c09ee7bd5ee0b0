package io.contingo.incident.outbox;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

/**
 * Writes records to Kafka and waits for the broker's acknowledgement (acks=all, idempotent producer), with
 * bounded waits: a call either confirms the write or throws within about 15 s, never hangs. Its producer and
 * admin client start from Spring's {@code spring.kafka.*} properties (servers, security), its own settings on top.
 */
@Component
public class EventProducer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EventProducer.class);
    private static final int PARTITIONS = 3;

    private final KafkaTemplate<String, byte[]> template;
    private final Map<String, Object> adminProperties;
    /** Replicas of a topic it creates; -1: the broker's {@code default.replication.factor}. */
    private final short replicationFactor;
    /** {@code min.insync.replicas} of a topic it creates; blank: the broker's default. */
    private final String minInsyncReplicas;

    EventProducer(KafkaProperties kafka) {
        this(kafka, (short) -1, "");
    }

    /**
     * @param replicationFactor {@code contingo.kafka.replication-factor}: 3 on a cluster, say; by default the broker's
     * @param minInsyncReplicas {@code contingo.kafka.min-insync-replicas}: 2 on a cluster of 3, say; by default the broker's
     */
    @org.springframework.beans.factory.annotation.Autowired
    EventProducer(KafkaProperties kafka, @org.springframework.beans.factory.annotation.Value("${contingo.kafka.replication-factor:-1}") short replicationFactor,
            @org.springframework.beans.factory.annotation.Value("${contingo.kafka.min-insync-replicas:}") String minInsyncReplicas) {
        this.replicationFactor = replicationFactor;
        this.minInsyncReplicas = minInsyncReplicas == null ? "" : minInsyncReplicas.strip();
        this.adminProperties = withTimeouts(kafka.buildAdminProperties());
        Map<String, Object> producer = new HashMap<>(kafka.buildProducerProperties());
        producer.putAll(Map.of(
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.MAX_BLOCK_MS_CONFIG, 5_000,
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 10_000,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class));
        this.template = new KafkaTemplate<>(new DefaultKafkaProducerFactory<>(producer));
    }

    /** An admin client's settings: {@code properties} with bounded waits. */
    public static Map<String, Object> withTimeouts(Map<String, Object> properties) {
        Map<String, Object> admin = new HashMap<>(properties);
        admin.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
        admin.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000);
        return admin;
    }

    /** What the producer is built from. */
    Map<String, Object> producerProperties() {
        return template.getProducerFactory().getConfigurationProperties();
    }

    /** What the admin client is built from. */
    Map<String, Object> adminProperties() {
        return adminProperties;
    }

    /**
     * Creates the topics this service writes to when they are missing ({@link #newTopic}), so that consumers
     * subscribed before the first event see them. Where the broker is not reachable yet, says so and goes
     * on: the relay retries its sends, and the broker creates topics on first use.
     */
    void ensureTopics(List<String> topics) {
        try (Admin admin = Admin.create(adminProperties)) {
            for (String topic : topics) {
                try {
                    admin.createTopics(List.of(newTopic(topic))).all().get(10, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        log.warn("Could not create topic {}: {}", topic, e.getCause().getMessage());
                    }
                }
            }
        } catch (TimeoutException | RuntimeException e) {
            log.warn("Could not check the topics {} at start-up: {}", topics, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A topic as this service creates it: 3 partitions, replicated as configured (else as the broker's defaults say). */
    NewTopic newTopic(String name) {
        NewTopic topic = new NewTopic(name, java.util.Optional.of(PARTITIONS),
                replicationFactor > 0 ? java.util.Optional.of(replicationFactor) : java.util.Optional.empty());
        return minInsyncReplicas.isEmpty() ? topic : topic.configs(Map.of("min.insync.replicas", minInsyncReplicas));
    }

    /** Sends and waits for the acknowledgement; throws when the broker did not take the record. */
    public void send(ProducerRecord<String, byte[]> record) {
        await(record, template.send(record));
    }

    /**
     * Sends without waiting; {@link #await} waits for the acknowledgement. A send the producer refuses at once
     * (no metadata for the topic within max.block.ms, say) gives an acknowledgement already failed.
     */
    public CompletableFuture<?> sendAsync(ProducerRecord<String, byte[]> record) {
        try {
            return template.send(record);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** Waits for a record's acknowledgement; throws when the broker did not take the record. */
    public static void await(ProducerRecord<String, byte[]> record, CompletableFuture<?> acknowledgement) {
        try {
            acknowledgement.get(15, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Kafka did not acknowledge a record for " + record.topic() + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while sending to " + record.topic(), e);
        }
    }

    @Override
    public void close() {
        template.destroy();
    }
}
