package io.contingo.incident.steps;

import java.time.Instant;
import java.util.UUID;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

import io.contingo.events.DrpCommand;
import io.contingo.events.DrpEvent;
import io.contingo.incident.outbox.RecordingOutbox;

/**
 * An order the executor took, in {@code drp_orders}, keyed by run, step and attempt: taken once, held by one
 * instance at a time (a lease it renews while the step runs), and finished once with its outcome, which waits in
 * the order's outbox until relayed on {@code drp-events}. An order whose holder died (its lease ran out) is taken
 * again and carried out again; a finished one never is.
 */
@Document("drp_orders")
public class StepOrder extends RecordingOutbox<DrpEvent> {

    @Id
    private String id;
    private DrpCommand command;
    private String holder;
    private Instant leaseUntil;
    private Instant finishedAt;
    private Long version;

    StepOrder() {
    }

    StepOrder(DrpCommand command, String holder, Instant leaseUntil) {
        this.id = command.orderKey();
        this.command = command;
        this.holder = holder;
        this.leaseUntil = leaseUntil;
        this.version = 0L;
    }

    void finish(DrpEvent.StepOutcome outcome) {
        finishedAt = outcome.endedAt();
        record(sequence -> new DrpEvent(UUID.randomUUID().toString(), DrpEvent.Type.STEP_FINISHED, command.pairId(),
                command.runId(), 0, outcome.endedAt(), outcome, null));
    }

    DrpCommand command() {
        return command;
    }

    Long version() {
        return version;
    }

    @Override
    public Object outboxId() {
        return id;
    }
}
