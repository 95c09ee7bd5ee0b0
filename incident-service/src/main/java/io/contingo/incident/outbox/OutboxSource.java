package io.contingo.incident.outbox;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.contingo.events.ContingoEvent;

/**
 * A kind of document the relay publishes from, and the topic its events go to. Each module that stores such
 * documents declares its own as a bean (the relay knows no document type); they are relayed in their beans' order.
 *
 * @param topicsByEvent where the events of some types go instead of {@code topic} (a DRP run's step orders, say)
 */
public record OutboxSource(Class<? extends OutboxDocument> type, String topic, Map<Class<? extends ContingoEvent>, String> topicsByEvent) {

    public OutboxSource {
        topicsByEvent = Map.copyOf(topicsByEvent);
    }

    public OutboxSource(Class<? extends OutboxDocument> type, String topic) {
        this(type, topic, Map.of());
    }

    /** The topic an event of this document goes to. */
    public String topicOf(ContingoEvent event) {
        return topicsByEvent.getOrDefault(event.getClass(), topic);
    }

    /** Every topic this source writes to. */
    public List<String> topics() {
        List<String> all = new ArrayList<>(List.of(topic));
        all.addAll(topicsByEvent.values());
        return all;
    }
}
