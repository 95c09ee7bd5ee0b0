package io.contingo.health.follow;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Consumer;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads one topic from its beginning, and then as it grows, on a platform thread of its own, without a consumer
 * group (every instance reads all of it, and nothing is committed), handing each record to a consumer. Says when
 * it has read what the topic held when it started ({@link #caughtUp()}). While the topic does not exist or the
 * broker is away it tries again every {@code retry}; after a lost connection it reads the topic again from its
 * beginning ({@code onRestart} runs first), so the consumer must be content to see a record twice.
 */
public final class TopicFollower implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(TopicFollower.class);

    private final String bootstrapServers;
    private final String topic;
    private final Duration retry;
    private final Consumer<ConsumerRecord<String, byte[]>> consumer;
    private final Runnable onRestart;
    private volatile boolean running = true;
    private volatile boolean caughtUp;
    private volatile KafkaConsumer<String, byte[]> kafka;
    private final Thread thread;

    private TopicFollower(String bootstrapServers, String topic, Duration retry, Consumer<ConsumerRecord<String, byte[]>> consumer,
            Runnable onRestart) {
        this.bootstrapServers = bootstrapServers;
        this.topic = topic;
        this.retry = retry;
        this.consumer = consumer;
        this.onRestart = onRestart;
        this.thread = Thread.ofPlatform().daemon().name("follow-" + topic).unstarted(this::follow);
    }

    /** Starts following {@code topic}; {@link #close()} stops it. */
    public static TopicFollower start(String bootstrapServers, String topic, Duration retry,
            Consumer<ConsumerRecord<String, byte[]>> consumer, Runnable onRestart) {
        TopicFollower follower = new TopicFollower(bootstrapServers, topic, retry, consumer, onRestart);
        follower.thread.start();
        return follower;
    }

    public String topic() {
        return topic;
    }

    /** Whether every record the topic held when it was (last) found has been handed over. */
    public boolean caughtUp() {
        return caughtUp;
    }

    private void follow() {
        boolean first = true;
        while (running) {
            try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(properties())) {
                kafka = c;
                List<PartitionInfo> infos = c.partitionsFor(topic, Duration.ofSeconds(10));
                if (infos == null || infos.isEmpty()) {
                    pause();
                    continue;
                }
                List<TopicPartition> partitions = infos.stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList();
                if (!first) {
                    onRestart.run();
                }
                first = false;
                c.assign(partitions);
                c.seekToBeginning(partitions);
                Map<TopicPartition, Long> ends = c.endOffsets(partitions);
                log.info("Following {} from its beginning", topic);
                while (running) {
                    for (ConsumerRecord<String, byte[]> record : c.poll(Duration.ofMillis(500))) {
                        try {
                            consumer.accept(record);
                        } catch (RuntimeException e) {
                            log.warn("Skipped a record of {} at {}-{}: {}", topic, record.partition(), record.offset(), e.toString());
                        }
                    }
                    if (!caughtUp && partitions.stream().allMatch(p -> c.position(p) >= ends.get(p))) {
                        caughtUp = true;
                    }
                }
            } catch (WakeupException stopping) {
                return;
            } catch (RuntimeException e) {
                log.warn("Lost {} ({}); reading it again from its beginning in {} s", topic, e.toString(), retry.toSeconds());
                pause();
            }
        }
    }

    private void pause() {
        try {
            Thread.sleep(retry); // the topic or the broker is away: pace the attempts, nothing waits on this thread
        } catch (InterruptedException e) {
            running = false;
        }
    }

    private Properties properties() {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        // reading a topic must not create it (with the broker's defaults rather than its owner's)
        p.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        p.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000);
        return p;
    }

    @Override
    public void close() {
        running = false;
        KafkaConsumer<String, byte[]> c = kafka;
        if (c != null) {
            c.wakeup();
        }
        thread.interrupt();
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
