package io.contingo.report.monthly;

import java.time.Duration;
import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonProperty;

import io.contingo.events.DrpRunSnapshot;

/** A DRP run or drill of the period, with the RTO achieved and the RPO exposure against their targets. */
public record DrpLine(String id, String runbookName, DrpRunSnapshot.Kind kind, boolean drill, DrpRunSnapshot.State state,
        String fromSiteId, String toSiteId, Instant startedAt, Long rtoSeconds, long rtoTargetSeconds, Long rpoSeconds,
        long rpoTargetSeconds) {

    public enum Verdict { MET, MISSED, NOT_MEASURED }

    static DrpLine of(DrpRunSnapshot run) {
        Duration rto = run.rtoAchieved();
        return new DrpLine(run.id(), run.runbookName(), run.kind(), run.drill(), run.state(), run.fromSiteId(), run.toSiteId(),
                since(run), rto == null ? null : rto.toSeconds(), run.rtoTargetSeconds(), run.rpoExposureSeconds(),
                run.rpoTargetSeconds());
    }

    /** When a run began to exist: proposed, or started by a policy without a proposal. */
    static Instant since(DrpRunSnapshot run) {
        return run.proposedAt() != null ? run.proposedAt() : run.startedAt();
    }

    @JsonProperty(access = JsonProperty.Access.READ_ONLY)
    public Verdict rto() {
        return judge(rtoSeconds, rtoTargetSeconds);
    }

    @JsonProperty(access = JsonProperty.Access.READ_ONLY)
    public Verdict rpo() {
        return judge(rpoSeconds, rpoTargetSeconds);
    }

    private static Verdict judge(Long measured, long target) {
        return measured == null ? Verdict.NOT_MEASURED : measured <= target ? Verdict.MET : Verdict.MISSED;
    }
}
