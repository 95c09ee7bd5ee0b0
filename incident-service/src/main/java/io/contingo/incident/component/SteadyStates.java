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
 * Component states as this instance last stored them, so that the common case — a result that leaves its
 * monitor's confirmed status as it is (a repeat, or a step of a streak still short of its threshold) — costs
 * no database access at all: it is applied in memory and nothing is written. An event that confirms a new
 * status reads the component from the database and decides (status, incident) on what it finds there, then
 * writes, as before.
 *
 * <p>What this trades: a quiet result changes no status, opens or closes no incident and publishes nothing,
 * so losing it changes nothing anyone sees. If the instance stops, the steps of an unconfirmed streak applied
 * only in memory may be lost with it once their offsets are committed; a confirmation then takes at most
 * threshold - 1 more results. A remembered state is trusted for at most {@link #TRUST} and only while this
 * instance owns the partitions it came from (a rebalance forgets everything, a conflict on write forgets the
 * component), and no decision is ever taken on it alone.
 */
@Component
public class SteadyStates implements KafkaBindingRebalanceListener {

    static final Duration TRUST = Duration.ofSeconds(60);

    private record Remembered(ComponentState state, long at) {
    }

    private final Map<String, Remembered> states = new ConcurrentHashMap<>();

    /** Applies the event in memory when it leaves every confirmed status as it is; says whether it did. */
    boolean absorbs(HealthEvent event, ThresholdSettings thresholds) {
        Remembered remembered = states.get(event.componentId());
        if (remembered == null || System.currentTimeMillis() - remembered.at() > TRUST.toMillis()) {
            return false;
        }
        synchronized (remembered.state()) { // one partition, one consumer thread: uncontended
            if (!remembered.state().isQuiet(event, thresholds)) {
                return false;
            }
            remembered.state().apply(event, thresholds);
            return true;
        }
    }

    /**
     * The remembered copy of a component, when it is still the stored version (nobody wrote it since) and has
     * nothing left to publish.
     */
    java.util.Optional<ComponentState> recall(String componentId, Long storedVersion) {
        Remembered remembered = states.get(componentId);
        if (remembered == null || storedVersion == null || !storedVersion.equals(remembered.state().version())
                || !remembered.state().outbox().isEmpty()) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(remembered.state());
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
