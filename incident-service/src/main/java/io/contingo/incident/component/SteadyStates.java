package io.contingo.incident.component;

import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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
 * <p>Each consumer thread has a memory of its own, for the partitions it was assigned: a component's events
 * all come from one partition, so one thread at a time handles them. A thread's rebalance (the Kafka client
 * calls it on that thread, between two polls) forgets that thread's memory only, never another thread's in
 * the middle of its poll. {@link #forget} is for anyone who wrote a component: it forgets it in every memory.
 *
 * <p>When a thread's partitions are revoked or assigned (a rebalance, the consumer stopping), it first writes
 * the states whose quiet results are only in its memory, before their offsets are committed, so that the thread
 * that takes the partitions over goes on from them: a streak of failures short of its threshold is not started
 * again.
 *
 * <p>What this trades: a quiet result changes no status, opens or closes no incident and publishes nothing,
 * so losing it changes nothing anyone sees. If the instance crashes, or MongoDB cannot be written when the
 * partitions are revoked, the steps of an unconfirmed streak applied only in memory may be lost once their
 * offsets are committed; a confirmation then takes at most threshold - 1 more results. A conflict on write
 * forgets the component.
 */
@Component
public class SteadyStates implements KafkaBindingRebalanceListener {

    private static final Logger log = LoggerFactory.getLogger(SteadyStates.class);

    private final ComponentStates stored;

    /** Every thread's memory, while its thread lives (the thread's own reference keeps it here). */
    private final Set<Memory> memories = Collections.synchronizedSet(Collections.newSetFromMap(new WeakHashMap<>()));
    private final ThreadLocal<Memory> own = ThreadLocal.withInitial(() -> {
        Memory memory = new Memory();
        memories.add(memory);
        return memory;
    });

    SteadyStates(ComponentStates stored) {
        this.stored = stored;
    }

    /** The copy of a component this thread remembers, or null. */
    ComponentState remembered(String componentId) {
        return own.get().states.get(componentId);
    }

    /** Remembers a state for this thread. */
    void remember(ComponentState state) {
        own.get().states.put(state.componentId(), state);
    }

    /** Forgets a component in every thread's memory: it is read again before its next event. */
    void forget(String componentId) {
        synchronized (memories) {
            memories.forEach(m -> m.states.remove(componentId));
        }
    }

    /** Called on the consumer thread between two polls, before the offsets of the last one are committed. */
    @Override
    public void onPartitionsRevokedBeforeCommit(String bindingName, Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        storeAndForget();
    }

    /** Called on the consumer thread; with an incremental rebalance, without a revocation before it. */
    @Override
    public void onPartitionsAssigned(String bindingName, Consumer<?, ?> consumer, Collection<TopicPartition> partitions,
            boolean initial) {
        storeAndForget();
    }

    /** Writes this thread's states whose quiet results are in memory only (with their version check), and forgets all. */
    private void storeAndForget() {
        Map<String, ComponentState> states = own.get().states;
        List<ComponentState> unstored = states.values().stream().filter(s -> s.hasUnstoredSteps() && s.version() != null).toList();
        states.clear();
        if (unstored.isEmpty()) {
            return;
        }
        try {
            if (!stored.writeAll(unstored)) {
                log.debug("Some of {} component states changed meanwhile: their quiet results are left out", unstored.size());
            }
        } catch (RuntimeException e) {
            log.warn("Could not store the quiet results of {} components before a rebalance: {}", unstored.size(), e.getMessage());
        }
    }

    /** One thread's states, by component id; identity equality, for the weak set. */
    private static final class Memory {
        final Map<String, ComponentState> states = new ConcurrentHashMap<>();
    }
}
