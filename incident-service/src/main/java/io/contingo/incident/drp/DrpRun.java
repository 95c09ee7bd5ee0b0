package io.contingo.incident.drp;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Transient;
import org.springframework.data.annotation.Version;
import org.springframework.data.mongodb.core.mapping.Document;

import io.contingo.events.ContingoEvent;
import io.contingo.events.DrpCommand;
import io.contingo.events.DrpEvent;
import io.contingo.events.DrpRunSnapshot;
import io.contingo.events.DrpRunSnapshot.State;
import io.contingo.events.DrpRunSnapshot.Step;
import io.contingo.events.DrpRunSnapshot.StepState;
import io.contingo.incident.outbox.RecordingOutbox;

/**
 * One DRP run, stored in {@code drp_runs}: the decision, the runbook as it was when the run was proposed, and every
 * step's state. Each change records the run whole ({@link DrpEvent.Type#RUN_CHANGED}), and each step it starts
 * records the order ({@link DrpCommand}); both wait in the run's outbox until relayed. What to do next is decided by
 * {@link RunSteps}.
 */
@Document("drp_runs")
public class DrpRun extends RecordingOutbox<ContingoEvent> {

    @Id
    private String id;
    @Version
    private Long version;
    private String pairId;
    private String runbookId;
    private String runbookName;
    private DrpRunSnapshot.Kind kind;
    private boolean drill;
    private String fromSiteId;
    private String toSiteId;
    private String incidentId;
    private State state;
    private boolean open;
    private String proposedBy;
    private Instant proposedAt;
    private String decidedBy;
    private Instant decidedAt;
    private String decisionReason;
    private String override;
    private List<String> guardProblems = new ArrayList<>();
    private Long rpoExposureSeconds;
    private long rpoTargetSeconds;
    private long expectedRtoSeconds;
    private long rtoTargetSeconds;
    private Instant siteLostAt;
    private Instant startedAt;
    private Instant endedAt;
    private Instant serviceRestoredAt;
    /** The runbook as it was when the run was proposed (JSON): later edits do not change a run. */
    private String runbookJson;
    private List<Step> steps = new ArrayList<>();
    @Transient
    private Runbook runbook;

    DrpRun() {
    }

    DrpRun(String id, DrpSettings.Pair pair, Runbook runbook, String runbookJson, boolean drill, String incidentId,
            DrpSettings targets) {
        this.id = id;
        this.pairId = pair.id();
        this.runbookId = runbook.id();
        this.runbookName = runbook.name();
        this.kind = runbook.kind();
        this.drill = drill;
        boolean failover = kind == DrpRunSnapshot.Kind.FAILOVER;
        this.fromSiteId = failover ? pair.productionSite() : pair.contingencySite();
        this.toSiteId = failover ? pair.contingencySite() : pair.productionSite();
        this.incidentId = incidentId;
        this.runbook = runbook;
        this.runbookJson = runbookJson;
        this.rpoTargetSeconds = targets.rpoTarget().toSeconds();
        this.rtoTargetSeconds = targets.rtoTarget().toSeconds();
        this.expectedRtoSeconds = runbook.expectedDuration().toSeconds();
        for (int i = 0; i < runbook.steps().size(); i++) {
            RunbookStep s = runbook.steps().get(i);
            steps.add(new Step(i, s.name(), s.kind(), runbook.groupOf(i), s.estimate().toSeconds(), s.condition(),
                    StepState.PENDING, 0, null, null, null, null));
        }
    }

    void propose(String by, Instant at, List<String> problems, Long exposureSeconds, Instant lostAt) {
        state = State.PROPOSED;
        open = true;
        proposedBy = by;
        proposedAt = at;
        guardProblems = new ArrayList<>(problems);
        rpoExposureSeconds = exposureSeconds;
        siteLostAt = lostAt;
    }

    void start(String by, Instant at, String reason, String overrideReason, List<String> problems, Long exposureSeconds) {
        state = State.RUNNING;
        open = true;
        decidedBy = by;
        decidedAt = at;
        decisionReason = reason;
        override = overrideReason;
        guardProblems = new ArrayList<>(problems);
        rpoExposureSeconds = exposureSeconds;
        startedAt = at;
        if (proposedAt == null) {
            proposedBy = by;
            proposedAt = at;
        }
    }

    void refuse(String by, Instant at, String reason) {
        state = State.REFUSED;
        open = false;
        decidedBy = by;
        decidedAt = at;
        decisionReason = reason;
        endedAt = at;
        changed(at);
    }

    void end(State finalState, Instant at) {
        state = finalState;
        open = false;
        endedAt = at;
    }

    void waitForAgent() {
        state = State.WAITING_FOR_AGENT;
    }

    void resume() {
        state = State.RUNNING;
    }

    void setStep(Step step) {
        steps.set(step.index(), step);
    }

    void serviceRestored(Instant at) {
        if (serviceRestoredAt == null) {
            serviceRestoredAt = at;
        }
    }

    /** Records the run whole, for the console's readers, the reports and the emails. */
    void changed(Instant at) {
        record(sequence -> new DrpEvent(UUID.randomUUID().toString(), DrpEvent.Type.RUN_CHANGED, pairId, id, sequence, at, null, snapshot()));
    }

    /** Customers are now served from the run's target site. */
    void servingSiteChanged(Instant at) {
        record(sequence -> new DrpEvent(UUID.randomUUID().toString(), DrpEvent.Type.SERVING_SITE_CHANGED, pairId, id, sequence, at, null, snapshot()));
    }

    /** Orders a step from the executor. */
    void order(DrpCommand command) {
        record(sequence -> command);
    }

    /** It was written, and is now stored at {@code storedVersion}. */
    void stored(long storedVersion) {
        version = storedVersion;
        recordedStored();
    }

    public DrpRunSnapshot snapshot() {
        return new DrpRunSnapshot(id, pairId, runbookId, runbookName, kind, drill, fromSiteId, toSiteId, incidentId, state,
                proposedBy, proposedAt, decidedBy, decidedAt, decisionReason, override, guardProblems, rpoExposureSeconds,
                rpoTargetSeconds, expectedRtoSeconds, rtoTargetSeconds, siteLostAt, startedAt, endedAt, serviceRestoredAt, steps);
    }

    Runbook runbook(tools.jackson.databind.json.JsonMapper json) {
        if (runbook == null) {
            runbook = json.readValue(runbookJson, Runbook.class);
        }
        return runbook;
    }

    public String id() {
        return id;
    }

    public Long version() {
        return version;
    }

    public String pairId() {
        return pairId;
    }

    public State state() {
        return state;
    }

    public boolean drill() {
        return drill;
    }

    public String incidentId() {
        return incidentId;
    }

    public String toSiteId() {
        return toSiteId;
    }

    public String fromSiteId() {
        return fromSiteId;
    }

    public Instant proposedAt() {
        return proposedAt;
    }

    public List<Step> steps() {
        return List.copyOf(steps);
    }

    @Override
    public Object outboxId() {
        return id;
    }
}
