package io.contingo.events;

import java.time.Instant;
import java.util.Objects;

/**
 * Something happened in disaster recovery. Topic {@link Topics#DRP_EVENTS}, key the site pair's id.
 * <ul>
 * <li>{@link Type#STEP_FINISHED}: an executor's answer to a {@link DrpCommand}, in {@code outcome};</li>
 * <li>{@link Type#RUN_CHANGED}: incident-service's record of a run, whole, in {@code run} (as incidents travel);</li>
 * <li>{@link Type#SERVING_SITE_CHANGED}: customers are now served from {@code run.toSiteId()} (never for a drill).</li>
 * </ul>
 *
 * @param sequence per run, increasing from 1, for {@code RUN_CHANGED} and {@code SERVING_SITE_CHANGED}; 0 for outcomes
 */
public record DrpEvent(
        String eventId,
        Type type,
        String pairId,
        String runId,
        long sequence,
        Instant occurredAt,
        StepOutcome outcome,
        DrpRunSnapshot run) implements ContingoEvent {

    public enum Type { STEP_FINISHED, RUN_CHANGED, SERVING_SITE_CHANGED }

    /**
     * How one attempt at one step ended.
     *
     * @param succeeded whether the step did what it should
     * @param detail    what was seen, in words an operator understands ("HTTP 200 in 120 ms", "timed out after 30 s")
     * @param actor     who carried it out: an agent's name for a manual step, "contingo" otherwise
     */
    public record StepOutcome(int stepIndex, int attempt, boolean succeeded, String detail, String actor,
                              Instant startedAt, Instant endedAt) {
        public StepOutcome {
            Objects.requireNonNull(endedAt, "endedAt is required");
        }
    }

    public DrpEvent {
        Objects.requireNonNull(eventId, "eventId is required");
        Objects.requireNonNull(type, "type is required");
        Objects.requireNonNull(pairId, "pairId is required");
        Objects.requireNonNull(runId, "runId is required");
        Objects.requireNonNull(occurredAt, "occurredAt is required");
        if (type == Type.STEP_FINISHED && outcome == null) {
            throw new IllegalArgumentException("a STEP_FINISHED event needs its outcome");
        }
        if (type != Type.STEP_FINISHED && run == null) {
            throw new IllegalArgumentException("a " + type + " event needs its run");
        }
    }

    @Override
    public String aggregateId() {
        return pairId;
    }
}
