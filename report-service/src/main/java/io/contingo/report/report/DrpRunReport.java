package io.contingo.report.report;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Comparator;
import java.util.List;

import io.contingo.events.DrpRunSnapshot;

/**
 * What a DRP run report says: the decision and what it was shown to cost, every step with its timings and who acted,
 * and the RTO achieved and RPO exposure against the targets, in the report's time zone.
 */
public record DrpRunReport(DrpRunSnapshot run, List<StepLine> steps, ZoneId zone, ZonedDateTime generatedAt) {

    /** How a measure compares with its target. */
    public enum Verdict { MET, MISSED, NOT_MEASURED }

    /** How the run was decided. */
    public enum Decision {
        /** Still waiting for a manager. */
        AWAITING,
        /** A manager approved it. */
        APPROVED,
        /** The activation policy started it, nobody had to approve. */
        STARTED_BY_POLICY,
        /** A manager refused it. */
        REFUSED,
        /** Stopped before anyone decided. */
        NONE
    }

    /** The name the platform acts under when a policy, not a person, decides or carries out a step. */
    static final String PLATFORM = "contingo";

    /** One step, its times in the report's zone; {@code duration} runs to the report's generation while the step runs. */
    public record StepLine(DrpRunSnapshot.Step step, Duration estimate, ZonedDateTime start, ZonedDateTime end, Duration duration) {
        public boolean ongoing() {
            return start != null && end == null;
        }
    }

    public static DrpRunReport of(DrpRunSnapshot run, ZoneId zone, Instant now) {
        List<StepLine> steps = run.steps().stream()
                .sorted(Comparator.comparingInt(DrpRunSnapshot.Step::index))
                .map(s -> new StepLine(s, Duration.ofSeconds(s.estimateSeconds()), at(s.startedAt(), zone), at(s.endedAt(), zone),
                        s.startedAt() == null ? null : Duration.between(s.startedAt(), s.endedAt() != null ? s.endedAt() : now)))
                .toList();
        return new DrpRunReport(run, steps, zone, now.atZone(zone));
    }

    /** An instant of the run in the report's zone, or null. */
    public ZonedDateTime at(Instant instant) {
        return at(instant, zone);
    }

    /** The day the run's times are read against: when it was proposed (or started). */
    public ZonedDateTime day() {
        return at(run.proposedAt() != null ? run.proposedAt() : run.startedAt() != null ? run.startedAt() : generatedAt.toInstant());
    }

    public Decision decision() {
        if (run.state() == DrpRunSnapshot.State.REFUSED) {
            return Decision.REFUSED;
        }
        if (run.decidedBy() == null) {
            return run.state() == DrpRunSnapshot.State.PROPOSED ? Decision.AWAITING : Decision.NONE;
        }
        return PLATFORM.equals(run.decidedBy()) ? Decision.STARTED_BY_POLICY : Decision.APPROVED;
    }

    public Duration rtoAchieved() {
        return run.rtoAchieved();
    }

    public Duration rtoTarget() {
        return Duration.ofSeconds(run.rtoTargetSeconds());
    }

    /** The sum of the steps' estimates, as shown when the run was decided. */
    public Duration expectedRto() {
        return Duration.ofSeconds(run.expectedRtoSeconds());
    }

    /** The age of the last good backup the target site started from, at approval; null when no monitor reported it. */
    public Duration rpoExposure() {
        return run.rpoExposureSeconds() == null ? null : Duration.ofSeconds(run.rpoExposureSeconds());
    }

    public Duration rpoTarget() {
        return Duration.ofSeconds(run.rpoTargetSeconds());
    }

    public Verdict rto() {
        return judge(rtoAchieved(), rtoTarget());
    }

    public Verdict rpo() {
        return judge(rpoExposure(), rpoTarget());
    }

    public Verdict expectedRtoAgainstTarget() {
        return judge(expectedRto(), rtoTarget());
    }

    private static Verdict judge(Duration measured, Duration target) {
        if (measured == null) {
            return Verdict.NOT_MEASURED;
        }
        return measured.compareTo(target) <= 0 ? Verdict.MET : Verdict.MISSED;
    }

    private static ZonedDateTime at(Instant instant, ZoneId zone) {
        return instant == null ? null : instant.atZone(zone);
    }
}
