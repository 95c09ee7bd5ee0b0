package io.contingo.incident.outbox;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongFunction;

import org.springframework.data.annotation.Transient;

import io.contingo.events.ContingoEvent;

/**
 * The outbox of a stored document, kept in the document's own fields ({@code sequence}, {@code outbox},
 * {@code pendingEvents}): each change records its event with the next sequence number of the document, a write
 * appends the events recorded since the document was read or written ({@link #recordedSinceStored}), and the
 * {@link OutboxRelay} removes them once published ({@link #published}).
 *
 * @param <E> the type of the events the document announces
 */
public abstract class RecordingOutbox<E extends ContingoEvent> implements OutboxDocument {

    private long sequence;
    private List<E> outbox = new ArrayList<>();
    private boolean pendingEvents;
    /** How many events of {@link #outbox} were recorded since it was read or written (the last ones). */
    @Transient
    private int recorded;

    protected RecordingOutbox() {
    }

    /** Records the event made with the next sequence number of the document. */
    protected final void record(LongFunction<E> event) {
        sequence++;
        outbox.add(event.apply(sequence));
        pendingEvents = true;
        recorded++;
    }

    /** Whether events wait in the outbox to be published. */
    protected final boolean hasPendingEvents() {
        return pendingEvents;
    }

    /** The events recorded since it was read or written: those a write appends to the stored outbox. */
    public final int recordedSinceStored() {
        return recorded;
    }

    /** The recorded events are now stored; this copy keeps them until the relay has published them. */
    protected final void recordedStored() {
        recorded = 0;
    }

    /**
     * The recorded events are now stored, where the relay publishes and removes them: this copy keeps none, so a
     * later write appends only what is recorded after it.
     */
    protected final void recordedHandedOver() {
        outbox.clear();
        pendingEvents = false;
        recorded = 0;
    }

    /** Gives {@code copy} this outbox: its sequence, its events and what is recorded since stored. */
    protected final void copyOutboxTo(RecordingOutbox<E> copy) {
        copy.sequence = sequence;
        copy.outbox = new ArrayList<>(outbox);
        copy.pendingEvents = pendingEvents;
        copy.recorded = recorded;
    }

    /** Drops the events the relay has published. */
    public final boolean published(List<String> eventIds) {
        boolean removed = outbox.removeIf(e -> eventIds.contains(e.eventId()));
        pendingEvents = !outbox.isEmpty();
        return removed;
    }

    /** The sequence of the last event recorded (0 before the first). */
    public final long sequence() {
        return sequence;
    }

    @Override
    public final List<E> outbox() {
        return List.copyOf(outbox);
    }
}
