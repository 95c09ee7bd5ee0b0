package io.contingo.events;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A DRP run as managers read it, carried whole in {@link DrpEvent}s: the decision, every step, and what was
 * achieved against the targets.
 *
 * @param kind               failover to the contingency site, or return to production
 * @param drill              a drill: run against the standby without switching the entry URL or the roles
 * @param incidentId         the incident the run was ordered from, or null (a drill, an automatic run without one)
 * @param proposedBy         who proposed it ("contingo" when the policy did)
 * @param decidedBy          the manager who approved or refused, "contingo" when the policy started it, or null
 * @param override           the manager's reason to start although a guard said no, or null
 * @param guardProblems      why the guards said no when the run was proposed or decided (standby down, backup too old)
 * @param rpoExposureSeconds the age of the last good backup the standby starts from, when the run was approved
 *                           (null when no backup monitor reports one)
 * @param expectedRtoSeconds the sum of the steps' estimates
 * @param siteLostAt         when the site was lost (the start of the RTO), or null for a drill or a return
 * @param serviceRestoredAt  when the target site's components were all up after the switch (the end of the RTO)
 */
public record DrpRunSnapshot(
        String id,
        String pairId,
        String runbookId,
        String runbookName,
        Kind kind,
        boolean drill,
        String fromSiteId,
        String toSiteId,
        String incidentId,
        State state,
        String proposedBy,
        Instant proposedAt,
        String decidedBy,
        Instant decidedAt,
        String decisionReason,
        String override,
        List<String> guardProblems,
        Long rpoExposureSeconds,
        long rpoTargetSeconds,
        long expectedRtoSeconds,
        long rtoTargetSeconds,
        Instant siteLostAt,
        Instant startedAt,
        Instant endedAt,
        Instant serviceRestoredAt,
        List<Step> steps) {

    public enum Kind { FAILOVER, RETURN }

    public enum State {
        /** Waiting for a manager's decision. */
        PROPOSED,
        /** A manager refused it (with a reason). */
        REFUSED,
        /** Steps are being carried out. */
        RUNNING,
        /** A step failed: an agent retries it, skips it or aborts the run. */
        WAITING_FOR_AGENT,
        /** Every step succeeded or was skipped. */
        SUCCEEDED,
        /** An agent or manager stopped it. */
        ABORTED;

        public boolean finished() {
            return this == REFUSED || this == SUCCEEDED || this == ABORTED;
        }
    }

    /**
     * One step of the run.
     *
     * @param group     steps with the same group number run in parallel; groups run in order
     * @param condition the step runs only when this holds ("db-link DOWN"), or null
     * @param actor     who carried it out or confirmed it
     * @param detail    the last outcome's words, or why it was skipped
     */
    public record Step(int index, String name, DrpCommand.StepKind kind, int group, long estimateSeconds,
                       String condition, StepState state, int attempts, Instant startedAt, Instant endedAt,
                       String actor, String detail) {
    }

    public enum StepState { PENDING, RUNNING, WAITING_FOR_PERSON, SUCCEEDED, FAILED, SKIPPED, NOT_NEEDED }

    public DrpRunSnapshot {
        Objects.requireNonNull(id, "id is required");
        Objects.requireNonNull(pairId, "pairId is required");
        Objects.requireNonNull(kind, "kind is required");
        Objects.requireNonNull(state, "state is required");
        guardProblems = guardProblems == null ? List.of() : List.copyOf(guardProblems);
        steps = steps == null ? List.of() : List.copyOf(steps);
    }

    /** The RTO achieved: from the loss of the site (or the start of a drill or return) to service restored. */
    public Duration rtoAchieved() {
        Instant from = siteLostAt != null ? siteLostAt : startedAt;
        return from == null || serviceRestoredAt == null ? null : Duration.between(from, serviceRestoredAt);
    }
}
