package io.contingo.incident.drp;


import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;

import org.springframework.stereotype.Component;

import io.contingo.events.DrpEvent;
import io.contingo.events.DrpRunSnapshot.Kind;
import io.contingo.events.DrpRunSnapshot.State;
import io.contingo.events.DrpRunSnapshot.Step;
import io.contingo.events.DrpRunSnapshot.StepState;
import io.contingo.incident.incident.Incidents;
import io.contingo.starter.text.ReadableDuration;
import tools.jackson.databind.json.JsonMapper;

/**
 * The DRP runs: proposed by an agent (or by the policy), approved or refused by a manager, carried out step by
 * step ({@link RunSteps}), measured. Every change is written with a version check and re-applied to the stored run
 * when someone changed it meanwhile; what it decides is noted on the run's incident.
 */
@Component
public class DrpRuns {

    /** Who acts when the policy does. */
    public static final String CONTINGO = "contingo";
    private static final DateTimeFormatter ID_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

    private final StoredRuns stored;
    private final JsonMapper json;
    private final Clock clock;
    private final DrpSettings settings;
    private final Runbooks runbooks;
    private final SitePairs pairs;
    private final RecoveryFigures figures;
    private final Incidents incidents;
    private final RunSteps steps;

    DrpRuns(StoredRuns stored, JsonMapper json, Clock clock, DrpSettings settings, Runbooks runbooks,
            SitePairs pairs, RecoveryFigures figures, Incidents incidents) {
        this.stored = stored;
        this.json = json;
        this.clock = clock;
        this.settings = settings;
        this.runbooks = runbooks;
        this.pairs = pairs;
        this.figures = figures;
        this.incidents = incidents;
        this.steps = new RunSteps(new DrpEffects(figures, pairs, settings));
    }

    /** An agent (or the policy) proposes a failover or a return; under the automatic policy it starts at once. */
    public DrpRun propose(String pairId, Kind kind, String incidentId, String by) {
        return propose(settings.pair(pairId), kind, incidentId, by);
    }

    /** {@link #propose(String, Kind, String, String)} under the given pair's policy. */
    DrpRun propose(DrpSettings.Pair pair, Kind kind, String incidentId, String by) {
        DrpRun run = newRun(pair, kind, false, incidentId);
        Instant now = clock.instant();
        List<String> problems = figures.problems(pair, kind, run.toSiteId(), now);
        Long exposure = figures.rpoExposure(pair, now).map(Duration::toSeconds).orElse(null);
        run.propose(by, now, problems, exposure, kind == Kind.FAILOVER ? lostAt(pair) : null);
        run.changed(now);
        stored.insert(run);
        note(run, by, "proposed " + DrpWording.describe(run) + ". " + DrpWording.costs(run) + (problems.isEmpty() ? "" : " " + String.join(" ", problems)));
        if (pair.policy() == DrpSettings.Policy.AUTOMATIC && kind == Kind.FAILOVER && CONTINGO.equals(by)) {
            if (problems.isEmpty()) {
                return approve(run.id(), CONTINGO, null, "The automatic policy starts the failover when the site is lost and the standby is ready.");
            }
            note(run, CONTINGO, "did not start the failover by itself: " + String.join(" ", problems)
                    + " A manager may approve it with an override.");
        }
        return run;
    }

    /** A manager starts a drill: the runbook against the standby, without switching the entry URL or the roles. */
    public DrpRun drill(String pairId, Kind kind, String by, String overrideReason) {
        DrpSettings.Pair pair = settings.pair(pairId);
        DrpRun run = newRun(pair, kind, true, null);
        Instant now = clock.instant();
        List<String> problems = figures.problems(pair, kind, run.toSiteId(), now);
        if (!problems.isEmpty() && blank(overrideReason)) {
            pairs.release(pairId, run.id());
            throw new DrpRefusal.Conflict(String.join(" ", problems) + " To drill anyway, give an override reason.");
        }
        run.start(by, now, "Drill", blank(overrideReason) ? null : overrideReason, problems,
                figures.rpoExposure(pair, now).map(Duration::toSeconds).orElse(null));
        steps.advance(run, run.runbook(json), now);
        run.changed(now);
        stored.insert(run);
        return run;
    }

    /** A manager (or the policy) approves a proposed run; the guards' problems need an override reason. */
    public DrpRun approve(String runId, String by, String overrideReason, String reason) {
        return stored.change(runId, run -> {
            DrpWording.refuseUnlessProposed(run, "approved");
            Instant now = clock.instant();
            DrpSettings.Pair pair = settings.pair(run.pairId());
            List<String> problems = figures.problems(pair, run.snapshot().kind(), run.toSiteId(), now);
            if (!problems.isEmpty() && blank(overrideReason)) {
                throw new DrpRefusal.Conflict(String.join(" ", problems) + " To start anyway, approve with an override reason.");
            }
            run.start(by, now, reason, blank(overrideReason) ? null : overrideReason, problems,
                    figures.rpoExposure(pair, now).map(Duration::toSeconds).orElse(null));
            steps.advance(run, run.runbook(json), now);
            run.changed(now);
        }, run -> note(run, run.snapshot().decidedBy(), (CONTINGO.equals(run.snapshot().decidedBy()) ? "started " : "approved ")
                + DrpWording.describe(run) + "." + (run.snapshot().override() == null ? "" : " Override: " + run.snapshot().override()
                + " (despite: " + String.join(" ", run.snapshot().guardProblems()) + ")")
                + (run.snapshot().decisionReason() == null ? "" : " " + run.snapshot().decisionReason())));
    }

    public DrpRun refuse(String runId, String by, String reason) {
        if (blank(reason)) {
            throw new DrpRefusal("reason: say why the run is refused");
        }
        return stored.change(runId, run -> {
            DrpWording.refuseUnlessProposed(run, "refused");
            run.refuse(by, clock.instant(), reason);
        }, run -> {
            pairs.release(run.pairId(), run.id());
            note(run, by, "refused " + DrpWording.describe(run) + ": " + reason);
        });
    }

    /** An agent confirms that a manual step is done, with a note. */
    public DrpRun confirm(String runId, int index, String by, String note) {
        return stored.change(runId, run -> {
            Step step = step(run, index);
            if (step.state() != StepState.WAITING_FOR_PERSON) {
                throw new DrpRefusal.Conflict("Step " + (index + 1) + " (" + step.name() + ") is " + DrpWording.words(step.state()) + ", not waiting for a person.");
            }
            Instant now = clock.instant();
            run.setStep(RunSteps.with(step, StepState.SUCCEEDED, step.attempts(), step.startedAt(), now, by,
                    blank(note) ? "Done" : note));
            steps.advance(run, run.runbook(json), now);
            run.changed(now);
        }, run -> ended(run));
    }

    /** An agent tries a failed step again. */
    public DrpRun retry(String runId, int index, String by) {
        return stored.change(runId, run -> {
            Step step = failed(run, index);
            Instant now = clock.instant();
            run.resume();
            steps.order(run, run.runbook(json).steps().get(index), step, now);
            run.changed(now);
        }, run -> note(run, by, "retried step " + (index + 1) + " (" + run.steps().get(index).name() + ") of " + DrpWording.describe(run) + "."));
    }

    /** An agent skips a failed step, with a reason, and the run goes on. */
    public DrpRun skip(String runId, int index, String by, String reason) {
        if (blank(reason)) {
            throw new DrpRefusal("reason: say why the step is skipped");
        }
        return stored.change(runId, run -> {
            Step step = failed(run, index);
            Instant now = clock.instant();
            run.setStep(RunSteps.with(step, StepState.SKIPPED, step.attempts(), step.startedAt(), now, by, "Skipped: " + reason));
            run.resume();
            steps.advance(run, run.runbook(json), now);
            run.changed(now);
        }, run -> {
            note(run, by, "skipped step " + (index + 1) + " (" + run.steps().get(index).name() + "): " + reason);
            ended(run);
        });
    }

    public DrpRun abort(String runId, String by, String reason) {
        if (blank(reason)) {
            throw new DrpRefusal("reason: say why the run is aborted");
        }
        return stored.change(runId, run -> {
            if (run.state().finished()) {
                throw new DrpRefusal.Conflict("The run is already " + DrpWording.words(run.state()) + ".");
            }
            Instant now = clock.instant();
            run.end(State.ABORTED, now);
            run.changed(now);
        }, run -> {
            note(run, by, "aborted " + DrpWording.describe(run) + ": " + reason);
            pairs.release(run.pairId(), run.id());
        });
    }

    /** The executor's outcome of a step: applied once, then the run goes on. */
    public void onOutcome(String runId, DrpEvent.StepOutcome outcome) {
        try {
            applyOutcome(runId, outcome);
        } catch (DrpRefusal.NotFound gone) {
            // an outcome of a run this database does not hold: nothing to move on
        }
    }

    private void applyOutcome(String runId, DrpEvent.StepOutcome outcome) {
        stored.change(runId, run -> {
            if (!steps.apply(run, outcome)) {
                throw new StoredRuns.NothingToDo();
            }
            steps.advance(run, run.runbook(json), clock.instant());
            run.changed(clock.instant());
        }, run -> {
            Step step = run.steps().get(outcome.stepIndex());
            if (step.state() == StepState.FAILED) {
                note(run, CONTINGO, "step " + (step.index() + 1) + " (" + step.name() + ") of " + DrpWording.describe(run) + " failed: "
                        + step.detail() + ". An agent retries it, skips it or aborts the run.");
            }
            ended(run);
        });
    }

    /** The policy starts a proposal nobody answered in time. */
    void startUnanswered(DrpRun proposed, Duration after) {
        try {
            approve(proposed.id(), CONTINGO, null, "No manager answered within " + ReadableDuration.of(after) + ".");
        } catch (DrpRefusal guarded) {
            // the guards say no: the proposal waits for a manager's override
        }
    }

    public Optional<DrpRun> find(String id) {
        return stored.find(id);
    }

    public DrpRun get(String id) {
        return stored.get(id);
    }

    /** Runs not finished, oldest first. */
    public List<DrpRun> open() {
        return stored.open();
    }

    public List<DrpRun> recent(int limit) {
        return stored.recent(limit);
    }

    public List<DrpRun> ofIncident(String incidentId) {
        return stored.ofIncident(incidentId);
    }

    private DrpRun newRun(DrpSettings.Pair pair, Kind kind, boolean drill, String incidentId) {
        Runbook runbook = runbooks.get(kind == Kind.FAILOVER ? pair.failoverRunbook() : pair.returnRunbook());
        String id = "drp-" + ID_TIME.format(clock.instant()) + "-" + (drill ? "drill-" : "") + runbook.id() + "-"
                + java.util.HexFormat.of().toHexDigits((short) java.util.concurrent.ThreadLocalRandom.current().nextInt());
        if (!pairs.claim(pair.id(), id)) {
            String open = pairs.get(pair.id()).openRunId();
            throw new DrpRefusal.Conflict("The pair " + pair.id() + " has a run in progress (" + open + "): finish or abort it first.");
        }
        return new DrpRun(id, pair, runbook, json.writeValueAsString(runbook), drill, incidentId, settings);
    }

    private Instant lostAt(DrpSettings.Pair pair) {
        Instant declared = pairs.get(pair.id()).lostAt();
        Instant lost = declared != null ? declared : figures.allOutSince(pair.productionSite()).orElse(null);
        // a monitor's clock ahead of ours must not make the recovery look shorter than it was
        return lost == null || lost.isBefore(clock.instant()) ? lost : clock.instant();
    }

    private void ended(DrpRun run) {
        if (run.state().finished()) {
            pairs.release(run.pairId(), run.id());
            if (!run.drill()) {
                pairs.clearLost(run.pairId());
            }
            Duration rto = run.snapshot().rtoAchieved();
            note(run, CONTINGO, DrpWording.describe(run) + " " + DrpWording.words(run.state()) + "."
                    + (rto == null ? "" : " Recovery time: " + ReadableDuration.of(rto) + " (target " + ReadableDuration.of(settings.rtoTarget()) + ")."));
        }
    }

    private void note(DrpRun run, String by, String text) {
        if (run.incidentId() != null) {
            incidents.note(run.incidentId(), by, "DRP: " + text, clock.instant());
        }
    }




    private static Step step(DrpRun run, int index) {
        if (index < 0 || index >= run.steps().size()) {
            throw new DrpRefusal.NotFound("The run has no step " + (index + 1) + "; it has " + run.steps().size() + ".");
        }
        return run.steps().get(index);
    }

    private static Step failed(DrpRun run, int index) {
        Step step = step(run, index);
        if (step.state() != StepState.FAILED || run.state() != State.WAITING_FOR_AGENT) {
            throw new DrpRefusal.Conflict("Step " + (index + 1) + " (" + step.name() + ") has not failed: it is " + DrpWording.words(step.state()) + ".");
        }
        return step;
    }


    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
