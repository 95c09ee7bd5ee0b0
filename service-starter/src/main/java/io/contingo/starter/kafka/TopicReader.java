package io.contingo.starter.kafka;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * One topic read from its beginning, all its partitions, without a consumer group (nothing is committed), keys as
 * text and values as bytes; says when it has read what the topic held when it was found ({@link #atEnd()}), and may
 * go on reading what comes after. It never creates the topic. Not thread-safe, but for {@link #wakeup()}.
 */
public final class TopicReader implements AutoCloseable {

    private final String topic;
    private final KafkaConsumer<String, byte[]> consumer;
    private List<TopicPartition> partitions;
    private Map<TopicPartition, Long> ends;

    public TopicReader(String bootstrapServers, String topic) {
        this(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers), topic);
    }

    /**
     * A reader whose consumer starts from {@code clientProperties} (where the broker is, how to connect to it
     * securely: Spring's {@code KafkaProperties.buildConsumerProperties()}, say), the reader's own settings on top.
     */
    public TopicReader(Map<String, Object> clientProperties, String topic) {
        Properties p = new Properties();
        p.putAll(clientProperties);
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        // reading a topic must not create it (with the broker's defaults rather than its owner's)
        p.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        p.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000);
        this.topic = topic;
        this.consumer = new KafkaConsumer<>(p);
    }

    /**
     * Finds the topic, goes to the beginning of each partition and notes where each ends now; false when the topic
     * does not exist (yet). Throws what the consumer throws when the broker does not answer within 10 s.
     */
    public boolean fromBeginning() {
        List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(10));
        if (infos == null || infos.isEmpty()) {
            return false;
        }
        partitions = infos.stream().map(info -> new TopicPartition(info.topic(), info.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        ends = consumer.endOffsets(partitions);
        return true;
    }

    /** The next records, waiting at most {@code timeout} for some. */
    public ConsumerRecords<String, byte[]> poll(Duration timeout) {
        return consumer.poll(timeout);
    }

    /** Whether every record the topic held when {@link #fromBeginning()} found it has been polled. */
    public boolean atEnd() {
        return partitions.stream().allMatch(p -> consumer.position(p) >= ends.get(p));
    }

    /**
     * A compacted topic's state: the latest value of each key among the records the topic held when this was called,
     * a key whose latest record is a tombstone left out; in the topic's order of first appearance. Empty when the
     * topic does not exist (yet). Throws when the records cannot be read within {@code deadline}.
     */
    public Map<String, byte[]> latestByKey(Duration deadline) {
        Map<String, byte[]> latest = new java.util.LinkedHashMap<>();
        if (!fromBeginning()) {
            return latest;
        }
        long until = System.nanoTime() + deadline.toNanos();
        while (!atEnd()) {
            if (System.nanoTime() > until) {
                throw new IllegalStateException("Could not read " + topic + " to its end within " + deadline.toSeconds() + " s");
            }
            for (org.apache.kafka.clients.consumer.ConsumerRecord<String, byte[]> record : poll(Duration.ofMillis(200))) {
                if (record.value() == null) {
                    latest.remove(record.key());
                } else {
                    latest.put(record.key(), record.value());
                }
            }
        }
        return latest;
    }

    /** Makes a {@link #poll} in progress, or the next, throw {@code WakeupException}; from any thread. */
    public void wakeup() {
        consumer.wakeup();
    }

    @Override
    public void close() {
        consumer.close();
    }
}
