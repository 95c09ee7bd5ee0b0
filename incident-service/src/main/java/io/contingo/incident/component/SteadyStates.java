package io.contingo.incident.component;

import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.springframework.cloud.stream.binder.kafka.KafkaBindingRebalanceListener;
import org.springframework.stereotype.Component;

/**
 * The component states of the partitions this instance consumes, as it last read or wrote them, plus the quiet
 * results applied to them since, so that the common case — a result that leaves its monitor's confirmed status
 * as it is (a repeat, or a step of a streak still short of its threshold) — costs no database access at all:
 * it is applied in memory and nothing is written. Each poll of health events first compares the versions of its
 * components with the stored ones (one query) and reads again those someone else wrote (an agent's maintenance
 * window, another instance); results that confirm a new status are then decided on this copy and written with a
 * check of its version, so a write that crossed another is decided again on what is stored.
 *
 * <p>What this trades: a quiet result changes no status, opens or closes no incident and publishes nothing,
 * so losing it changes nothing anyone sees. If the instance stops, the steps of an unconfirmed streak applied
 * only in memory may be lost with it once their offsets are committed; a confirmation then takes at most
 * threshold - 1 more results. A rebalance forgets everything, a conflict on write forgets the component.
 */
@Component
public class SteadyStates implements KafkaBindingRebalanceListener {

    private final Map<String, ComponentState> states = new ConcurrentHashMap<>();

    /** The remembered copy of a component, or null. */
    ComponentState remembered(String componentId) {
        return states.get(componentId);
    }

    void remember(ComponentState state) {
        states.put(state.componentId(), state);
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
