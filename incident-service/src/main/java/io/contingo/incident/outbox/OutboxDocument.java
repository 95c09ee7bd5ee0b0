package io.contingo.incident.outbox;

import java.util.List;

import io.contingo.events.ContingoEvent;

/**
 * A stored document whose changes carry the events to publish: they wait in its {@code outbox} (with
 * {@code pendingEvents} set) until the {@link OutboxRelay} has sent them. Written with {@link OutboxDocuments}.
 */
public interface OutboxDocument {

    /** The document's {@code _id}. */
    Object outboxId();

    /** The events recorded and not yet sent, oldest first. */
    List<? extends ContingoEvent> outbox();
}
