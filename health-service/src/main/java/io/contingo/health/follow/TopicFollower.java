package io.contingo.health.follow;

import java.time.Duration;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

import io.contingo.starter.kafka.TopicReader;

/**
 * Reads one topic from its beginning, and then as it grows, on a platform thread of its own started with the
 * application, without a consumer group (every instance reads all of it, and nothing is committed), handing each
 * record to {@link #apply}. Says when it has read what the topic held when it was found ({@link #caughtUp()}, then
 * {@link #readToEnd} runs). While the topic does not exist or the broker is away it tries again every {@code retry};
 * after a lost connection it reads the topic again from its beginning ({@link #restart} runs first, and
 * {@link #caughtUp()} is false again until the topic has been read to its end): meanwhile records may have been
 * compacted away (a key's removal among them), so a follower must start what it read afresh, or be content to see
 * a record twice. It never creates the topic: that is its owner's to do.
 */
public abstract class TopicFollower implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(TopicFollower.class);

    private final Map<String, Object> clientProperties;
    private final String topic;
    private final Duration retry;
    private volatile boolean running;
    private volatile boolean caughtUp;
    private volatile TopicReader reader;
    private Thread thread;

    /**
     * @param clientProperties where the broker is and how to connect to it ({@code KafkaProperties.buildConsumerProperties()}:
     *        servers, SASL/TLS)
     */
    protected TopicFollower(Map<String, Object> clientProperties, String topic, Duration retry) {
        this.clientProperties = Map.copyOf(clientProperties);
        this.topic = topic;
        this.retry = retry;
    }

    /** Takes one record of the topic; a record it throws on is skipped and logged. */
    protected abstract void apply(ConsumerRecord<String, byte[]> record);

    /** The topic is about to be read again from its beginning, after a lost connection. */
    protected void restart() {
    }

    /** Every record the topic held when it was (last) found has been handed over: at each (re)reading, once. */
    protected void readToEnd() {
    }

    public String topic() {
        return topic;
    }

    /** Whether every record the topic held when it was (last) found has been handed over. */
    public boolean caughtUp() {
        return caughtUp;
    }

    @Override
    public synchronized void start() {
        running = true;
        thread = Thread.ofPlatform().daemon().name("follow-" + topic).start(this::follow);
    }

    @Override
    public synchronized boolean isRunning() {
        return thread != null;
    }

    private void follow() {
        boolean first = true;
        while (running) {
            try (TopicReader reader = new TopicReader(clientProperties, topic)) {
                this.reader = reader;
                if (!reader.fromBeginning()) {
                    pause();
                    continue;
                }
                if (!first) {
                    caughtUp = false;
                    restart();
                }
                first = false;
                log.info("Following {} from its beginning", topic);
                while (running) {
                    for (ConsumerRecord<String, byte[]> record : reader.poll(Duration.ofMillis(500))) {
                        try {
                            apply(record);
                        } catch (RuntimeException e) {
                            log.warn("Skipped a record of {} at {}-{}: {}", topic, record.partition(), record.offset(), e.toString());
                        }
                    }
                    if (!caughtUp && reader.atEnd()) {
                        caughtUp = true;
                        readToEnd();
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

    /** The topic or the broker is away: pace the attempts (nothing waits on this thread), as long as it runs. */
    private void pause() {
        long until = System.nanoTime() + retry.toNanos();
        try {
            while (running && System.nanoTime() < until) {
                Thread.sleep(100);
            }
        } catch (InterruptedException e) {
            running = false;
        }
    }

    @Override
    public synchronized void stop() {
        if (thread == null) {
            return;
        }
        running = false;
        TopicReader r = reader;
        if (r != null) {
            r.wakeup(); // not an interrupt: an interrupted consumer cannot close cleanly
        }
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        thread = null;
    }
}
