package io.contingo.incident.outbox;

/**
 * A kind of document the relay publishes from, and the topic its events go to. Each module that stores such
 * documents declares its own as a bean (the relay knows no document type); they are relayed in their beans' order.
 */
public record OutboxSource(Class<? extends OutboxDocument> type, String topic) {
}
