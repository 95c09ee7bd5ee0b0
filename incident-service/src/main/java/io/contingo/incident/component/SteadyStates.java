package io.contingo.incident.component;

import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.springframework.cloud.stream.binder.kafka.KafkaBindingRebalanceListener;
import org.springframework.stereotype.Component;

import io.contingo.events.HealthEvent;

/**
 * Component states as this instance last stored them, so that the common case — a monitor reporting the
 * status it already has — costs no database access at all: such an event is applied in memory and nothing
 * is written. Any other event reads and writes the database as before.
 *
 * <p>Why skipping the write is safe: a steady result changes no status, opens or closes no incident and
 * publishes nothing; if the instance stops before a later write, the redelivered events are applied again
 * with the same (lack of) effect. A remembered state is trusted for at most {@link #TRUST} and only while
 * this instance owns the partitions it came from: a rebalance forgets everything, a conflict on write forgets
 * the component, so a state changed elsewhere (another instance, a maintenance window) is read again.
 */
@Component
public class SteadyStates implements KafkaBindingRebalanceListener {

    static final Duration TRUST = Duration.ofSeconds(10);

    private record Remembered(ComponentState state, long at) {
    }

    private final Map<String, Remembered> states = new ConcurrentHashMap<>();

    /** Applies the event in memory when it only repeats its monitor's confirmed status; says whether it did. */
    boolean absorbs(HealthEvent event, ThresholdSettings thresholds) {
        Remembered remembered = states.get(event.componentId());
        if (remembered == null || System.currentTimeMillis() - remembered.at() > TRUST.toMillis()) {
            return false;
        }
        synchronized (remembered.state()) { // one partition, one consumer thread: uncontended
            if (!remembered.state().isSteady(event, thresholds)) {
                return false;
            }
            remembered.state().apply(event, thresholds);
            return true;
        }
    }

    void remember(ComponentState stored) {
        states.put(stored.componentId(), new Remembered(stored, System.currentTimeMillis()));
    }

    void forget(String componentId) {
        states.remove(componentId);
    }

    @Override
    public void onPartitionsRevokedBeforeCommit(String bindingName, Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        states.clear();
    }

    @Override
    public void onPartitionsAssigned(String bindingName, Consumer<?, ?> consumer, Collection<TopicPartition> partitions,
            boolean initial) {
        states.clear();
    }
}
