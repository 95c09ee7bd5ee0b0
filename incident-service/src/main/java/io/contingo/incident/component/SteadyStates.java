package io.contingo.incident.component;

import java.time.Duration;
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
 * it is applied in memory and nothing is written. Results that confirm a new status are decided on this copy
 * too, and written with a check of the version it was read at: a state someone else wrote meanwhile (an agent's
 * maintenance window, another instance) is read again and the results applied anew.
 *
 * <p>What this trades: a quiet result changes no status, opens or closes no incident and publishes nothing,
 * so losing it changes nothing anyone sees. If the instance stops, the steps of an unconfirmed streak applied
 * only in memory may be lost with it once their offsets are committed; a confirmation then takes at most
 * threshold - 1 more results. A remembered state is trusted for at most {@link #TRUST} without being compared
 * with the stored one, and only while this instance owns the partitions it came from (a rebalance forgets
 * everything, a conflict on write forgets the component).
 */
@Component
public class SteadyStates implements KafkaBindingRebalanceListener {

    static final Duration TRUST = Duration.ofSeconds(60);

    private record Remembered(ComponentState state, long at) {
    }

    private final Map<String, Remembered> states = new ConcurrentHashMap<>();

    /** The remembered copy of a component, if it was read or written less than {@link #TRUST} ago. */
    ComponentState trusted(String componentId, long now) {
        Remembered remembered = states.get(componentId);
        return remembered == null || now - remembered.at() > TRUST.toMillis() ? null : remembered.state();
    }

    /**
     * The copy to go on with, given the stored one: the remembered copy when nobody wrote the component since
     * (it also holds the quiet results applied in memory), else the stored one. Either is trusted afresh.
     */
    ComponentState reconcile(ComponentState stored, long now) {
        Remembered remembered = states.get(stored.componentId());
        ComponentState current = remembered != null && stored.version() != null
                && stored.version().equals(remembered.state().version()) ? remembered.state() : stored;
        states.put(current.componentId(), new Remembered(current, now));
        return current;
    }

    void remember(ComponentState state, long now) {
        states.put(state.componentId(), new Remembered(state, now));
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
