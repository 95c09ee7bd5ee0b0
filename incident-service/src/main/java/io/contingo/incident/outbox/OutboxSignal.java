package io.contingo.incident.outbox;

/** Told after a write that queued events, so that the relay publishes them without waiting for its next round. */
public interface OutboxSignal {

    void wake();
}
