package io.contingo.incident.drp;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.BasicQuery;
import org.springframework.data.mongodb.core.query.BasicUpdate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

import io.contingo.events.DrpEvent;
import io.contingo.events.DrpRunSnapshot.Kind;
import io.contingo.events.DrpRunSnapshot.State;
import io.contingo.events.DrpRunSnapshot.Step;
import io.contingo.events.DrpRunSnapshot.StepState;
import io.contingo.incident.incident.Incidents;
import io.contingo.incident.outbox.OutboxDocuments;
import io.contingo.incident.outbox.OutboxSignal;
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

    private final MongoTemplate mongo;
    private final OutboxDocuments documents;
    private final OutboxSignal outbox;
    private final JsonMapper json;
    private final Clock clock;
    private final DrpSettings settings;
    private final Runbooks runbooks;
    private final SitePairs pairs;
    private final RecoveryFigures figures;
    private final Incidents incidents;
    private final RunSteps steps;

    DrpRuns(MongoTemplate mongo, OutboxSignal outbox, JsonMapper json, Clock clock, DrpSettings settings, Runbooks runbooks,
            SitePairs pairs, RecoveryFigures figures, Incidents incidents) {
        this.mongo = mongo;
        this.documents = new OutboxDocuments(mongo, DrpRun.class);
        this.outbox = outbox;
        this.json = json;
        this.clock = clock;
        this.settings = settings;
        this.runbooks = runbooks;
        this.pairs = pairs;
        this.figures = figures;
        this.incidents = incidents;
        this.steps = new RunSteps(new SiteEffects());
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
        insert(run);
        note(run, by, "proposed " + describe(run) + ". " + costs(run) + (problems.isEmpty() ? "" : " " + String.join(" ", problems)));
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
        insert(run);
        return run;
    }

    /** A manager (or the policy) approves a proposed run; the guards' problems need an override reason. */
    public DrpRun approve(String runId, String by, String overrideReason, String reason) {
        return change(runId, run -> {
            refuseUnlessProposed(run, "approved");
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
                + describe(run) + "." + (run.snapshot().override() == null ? "" : " Override: " + run.snapshot().override()
                + " (despite: " + String.join(" ", run.snapshot().guardProblems()) + ")")
                + (run.snapshot().decisionReason() == null ? "" : " " + run.snapshot().decisionReason())));
    }

    public DrpRun refuse(String runId, String by, String reason) {
        if (blank(reason)) {
            throw new DrpRefusal("reason: say why the run is refused");
        }
        return change(runId, run -> {
            refuseUnlessProposed(run, "refused");
            run.refuse(by, clock.instant(), reason);
        }, run -> {
            pairs.release(run.pairId(), run.id());
            note(run, by, "refused " + describe(run) + ": " + reason);
        });
    }

    /** An agent confirms that a manual step is done, with a note. */
    public DrpRun confirm(String runId, int index, String by, String note) {
        return change(runId, run -> {
            Step step = step(run, index);
            if (step.state() != StepState.WAITING_FOR_PERSON) {
                throw new DrpRefusal.Conflict("Step " + (index + 1) + " (" + step.name() + ") is " + words(step.state()) + ", not waiting for a person.");
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
        return change(runId, run -> {
            Step step = failed(run, index);
            Instant now = clock.instant();
            run.resume();
            steps.order(run, run.runbook(json).steps().get(index), step, now);
            run.changed(now);
        }, run -> note(run, by, "retried step " + (index + 1) + " (" + run.steps().get(index).name() + ") of " + describe(run) + "."));
    }

    /** An agent skips a failed step, with a reason, and the run goes on. */
    public DrpRun skip(String runId, int index, String by, String reason) {
        if (blank(reason)) {
            throw new DrpRefusal("reason: say why the step is skipped");
        }
        return change(runId, run -> {
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
        return change(runId, run -> {
            if (run.state().finished()) {
                throw new DrpRefusal.Conflict("The run is already " + words(run.state()) + ".");
            }
            Instant now = clock.instant();
            run.end(State.ABORTED, now);
            run.changed(now);
        }, run -> {
            note(run, by, "aborted " + describe(run) + ": " + reason);
            pairs.release(run.pairId(), run.id());
        });
    }

    /** The executor's outcome of a step: applied once, then the run goes on. */
    public void onOutcome(String runId, DrpEvent.StepOutcome outcome) {
        Optional<DrpRun> found = find(runId);
        if (found.isEmpty()) {
            return;
        }
        change(runId, run -> {
            if (!steps.apply(run, outcome)) {
                throw new NothingToDo();
            }
            steps.advance(run, run.runbook(json), clock.instant());
            run.changed(clock.instant());
        }, run -> {
            Step step = run.steps().get(outcome.stepIndex());
            if (step.state() == StepState.FAILED) {
                note(run, CONTINGO, "step " + (step.index() + 1) + " (" + step.name() + ") of " + describe(run) + " failed: "
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
        return Optional.ofNullable(mongo.findById(id, DrpRun.class));
    }

    public DrpRun get(String id) {
        return find(id).orElseThrow(() -> new DrpRefusal.NotFound("No DRP run " + id));
    }

    /** Runs not finished, oldest first. */
    public List<DrpRun> open() {
        return mongo.find(query(where("open").is(true)).with(Sort.by("proposedAt")), DrpRun.class);
    }

    public List<DrpRun> recent(int limit) {
        return mongo.find(new Query().with(Sort.by(Sort.Direction.DESC, "proposedAt")).limit(limit), DrpRun.class);
    }

    public List<DrpRun> ofIncident(String incidentId) {
        return mongo.find(query(where("incidentId").is(incidentId)).with(Sort.by("proposedAt")), DrpRun.class);
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
        return declared != null ? declared : figures.allOutSince(pair.productionSite()).orElse(null);
    }

    private void insert(DrpRun run) {
        try {
            mongo.insert(run);
        } catch (DuplicateKeyException e) {
            pairs.release(run.pairId(), run.id());
            throw new DrpRefusal.Conflict("A run with the id " + run.id() + " exists already: try again in a second.");
        }
        run.stored(0);
        outbox.wake();
    }

    /** Thrown by a change that finds nothing to do: nothing is written. */
    private static final class NothingToDo extends RuntimeException {
        NothingToDo() {
            super(null, null, false, false);
        }
    }

    /** Applies {@code change} to the stored run and writes it; read again and re-applied when it changed meanwhile. */
    private DrpRun change(String runId, Consumer<DrpRun> change, Consumer<DrpRun> afterwards) {
        for (int attempt = 0; attempt < 20; attempt++) {
            DrpRun run = get(runId);
            long version = run.version();
            try {
                change.accept(run);
            } catch (NothingToDo nothing) {
                return run;
            }
            Query current = new BasicQuery(OutboxDocuments.versioned(runId, version));
            BasicUpdate update = new BasicUpdate(documents.update(run, version, run.recordedSinceStored()));
            if (mongo.updateFirst(current, update, DrpRun.class).getMatchedCount() == 1) {
                run.stored(version + 1);
                outbox.wake();
                afterwards.accept(run);
                return run;
            }
        }
        throw new DrpRefusal.Conflict("The run " + runId + " kept changing: try again.");
    }

    private void ended(DrpRun run) {
        if (run.state().finished()) {
            pairs.release(run.pairId(), run.id());
            if (!run.drill()) {
                pairs.clearLost(run.pairId());
            }
            Duration rto = run.snapshot().rtoAchieved();
            note(run, CONTINGO, describe(run) + " " + words(run.state()) + "."
                    + (rto == null ? "" : " Recovery time: " + ReadableDuration.of(rto) + " (target " + ReadableDuration.of(settings.rtoTarget()) + ")."));
        }
    }

    private void note(DrpRun run, String by, String text) {
        if (run.incidentId() != null) {
            incidents.note(run.incidentId(), by, "DRP: " + text, clock.instant());
        }
    }

    private String describe(DrpRun run) {
        return (run.drill() ? "the drill of " : "") + "\u201c" + run.snapshot().runbookName() + "\u201d (" + run.id() + ")";
    }

    private String costs(DrpRun run) {
        var s = run.snapshot();
        return "RPO exposure " + (s.rpoExposureSeconds() == null ? "unknown (no backup report)" : ReadableDuration.of(Duration.ofSeconds(s.rpoExposureSeconds())))
                + " (target " + ReadableDuration.of(Duration.ofSeconds(s.rpoTargetSeconds())) + "); expected recovery "
                + ReadableDuration.of(Duration.ofSeconds(s.expectedRtoSeconds())) + " (target " + ReadableDuration.of(Duration.ofSeconds(s.rtoTargetSeconds())) + ").";
    }

    private static void refuseUnlessProposed(DrpRun run, String verb) {
        if (run.state() != State.PROPOSED) {
            var s = run.snapshot();
            String why = switch (run.state()) {
                case REFUSED -> "it was refused by " + s.decidedBy() + ": " + s.decisionReason();
                case SUCCEEDED, ABORTED -> "it is " + words(run.state()) + " already";
                default -> "it was approved by " + s.decidedBy() + " at " + s.decidedAt() + " and is " + words(run.state());
            };
            throw new DrpRefusal.Conflict("The run cannot be " + verb + ": " + why + ".");
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
            throw new DrpRefusal.Conflict("Step " + (index + 1) + " (" + step.name() + ") has not failed: it is " + words(step.state()) + ".");
        }
        return step;
    }

    static String words(Enum<?> value) {
        return value.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    /** The steps' effects on the sites, done here. */
    private final class SiteEffects implements RunSteps.Effects {

        @Override
        public boolean componentIsUp(String componentId) {
            return figures.allUp(List.of(componentId));
        }

        @Override
        public void setRoles(DrpRun run, Map<String, String> roles, Instant at) {
            pairs.setRoles(run.pairId(), roles, CONTINGO, "Step of " + run.snapshot().runbookName(), run.id());
        }

        @Override
        public void serveFrom(DrpRun run, String siteId) {
            pairs.serveFrom(run.pairId(), siteId);
        }

        @Override
        public String entryControlUrl(DrpRun run) {
            return settings.pair(run.pairId()).entryControlUrl().toString();
        }

        @Override
        public String siteName(String siteId) {
            return figures.siteName(siteId);
        }
    }
}
