package io.contingo.incident.drp;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.contingo.events.DrpCommand;
import io.contingo.events.DrpCommand.StepKind;
import io.contingo.events.DrpEvent;
import io.contingo.events.DrpRunSnapshot.State;
import io.contingo.events.DrpRunSnapshot.Step;
import io.contingo.events.DrpRunSnapshot.StepState;

/**
 * What a run does next. Groups run in order, the steps of a group together. A step whose condition does not hold
 * is not needed; a manual step waits for a person; roles and the customers' announcement are done here at once;
 * webhooks, the entry switch and the health wait are ordered from the executor ({@link DrpCommand}) and go on when
 * their outcome comes back. A failed step stops the run until an agent retries it, skips it or aborts.
 */
final class RunSteps {

    /** Does the steps that need no executor, and answers questions about the sites. */
    interface Effects {
        boolean componentIsUp(String componentId);

        void setRoles(DrpRun run, Map<String, String> roles, Instant at);

        void serveFrom(DrpRun run, String siteId);

        String entryControlUrl(DrpRun run);

        String siteName(String siteId);
    }

    private final Effects effects;

    RunSteps(Effects effects) {
        this.effects = effects;
    }

    /** Starts what can start now; finishes the run when every step is done. Returns whether anything changed. */
    boolean advance(DrpRun run, Runbook runbook, Instant now) {
        boolean changed = false;
        while (run.state() == State.RUNNING) {
            List<Step> steps = run.steps();
            int group = steps.stream().filter(s -> !done(s.state())).mapToInt(Step::group).min().orElse(-1);
            if (group < 0) {
                run.end(State.SUCCEEDED, now);
                return true;
            }
            for (Step step : steps) {
                if (step.group() == group && step.state() == StepState.PENDING) {
                    start(run, runbook.steps().get(step.index()), step, now);
                    changed = true;
                }
            }
            List<Step> inGroup = run.steps().stream().filter(s -> s.group() == group).toList();
            if (inGroup.stream().anyMatch(s -> s.state() == StepState.FAILED)) {
                run.waitForAgent();
                return true;
            }
            if (!inGroup.stream().allMatch(s -> done(s.state()))) {
                return changed;
            }
        }
        return changed;
    }

    private void start(DrpRun run, RunbookStep plan, Step step, Instant now) {
        if (plan.condition() != null && effects.componentIsUp(plan.conditionComponent()) != plan.conditionWantsUp()) {
            run.setStep(with(step, StepState.NOT_NEEDED, step.attempts(), now, now, "contingo",
                    "Not needed: " + plan.conditionComponent() + " is " + (plan.conditionWantsUp() ? "not up" : "up")));
            return;
        }
        switch (plan.kind()) {
            case MANUAL -> run.setStep(with(step, StepState.WAITING_FOR_PERSON, 1, now, null, null, plan.instructions()));
            case SET_ROLE -> {
                if (!run.drill()) {
                    effects.setRoles(run, plan.roles(), now);
                }
                run.setStep(with(step, StepState.SUCCEEDED, 1, now, now, "contingo", run.drill()
                        ? "Drill: the roles were not changed" : "Roles set: " + String.join(", ", plan.roles().entrySet().stream()
                                .map(e -> effects.siteName(e.getKey()) + " " + e.getValue()).sorted().toList())));
            }
            case NOTIFY_CUSTOMERS -> {
                run.setStep(with(step, StepState.SUCCEEDED, 1, now, now, "contingo", run.drill()
                        ? "Drill: customers were not told"
                        : "Customers told that service runs from the " + effects.siteName(run.toSiteId()) + " site"));
                if (!run.drill()) {
                    run.servingSiteChanged(now);
                }
            }
            case SWITCH_ENTRY -> {
                if (run.drill()) {
                    run.setStep(with(step, StepState.SUCCEEDED, 1, now, now, "contingo", "Drill: the entry URL was not switched"));
                } else {
                    order(run, plan, step, now);
                }
            }
            case WEBHOOK, WAIT_FOR_HEALTH -> order(run, plan, step, now);
        }
    }

    /** Orders the step's next attempt from the executor. */
    void order(DrpRun run, RunbookStep plan, Step step, Instant now) {
        int attempt = step.attempts() + 1;
        Map<String, String> settings = new HashMap<>();
        switch (plan.kind()) {
            case WEBHOOK -> {
                settings.put("url", plan.url());
                settings.put("method", plan.method() == null ? "POST" : plan.method());
                if (plan.body() != null) {
                    settings.put("body", plan.body());
                }
                if (plan.expectedStatus() != null) {
                    settings.put("expectedStatus", plan.expectedStatus().toString());
                }
                settings.put("retries", String.valueOf(plan.retries() == null ? 0 : plan.retries()));
            }
            case SWITCH_ENTRY -> {
                settings.put("url", effects.entryControlUrl(run));
                settings.put("site", plan.site() == null ? run.toSiteId() : plan.site());
            }
            default -> {
            }
        }
        run.setStep(with(step, StepState.RUNNING, attempt, now, null, null, null));
        run.order(new DrpCommand(UUID.randomUUID().toString(), run.pairId(), run.id(), step.index(), attempt, plan.kind(),
                plan.name(), settings, plan.components(), plan.timeoutOrDefault().toSeconds(), run.drill(), now));
    }

    /**
     * Applies an executor's outcome: only to the step and attempt it answers, while that step runs (a repeated or
     * late outcome changes nothing). Returns whether it was applied.
     */
    boolean apply(DrpRun run, DrpEvent.StepOutcome outcome) {
        if (outcome.stepIndex() < 0 || outcome.stepIndex() >= run.steps().size()) {
            return false;
        }
        Step step = run.steps().get(outcome.stepIndex());
        if (step.state() != StepState.RUNNING || step.attempts() != outcome.attempt()) {
            return false;
        }
        Instant started = step.startedAt() == null ? outcome.startedAt() : step.startedAt();
        run.setStep(new Step(step.index(), step.name(), step.kind(), step.group(), step.estimateSeconds(), step.condition(),
                outcome.succeeded() ? StepState.SUCCEEDED : StepState.FAILED, step.attempts(), started, outcome.endedAt(),
                outcome.actor(), outcome.detail()));
        if (outcome.succeeded() && step.kind() == StepKind.SWITCH_ENTRY) {
            effects.serveFrom(run, run.toSiteId());
        }
        if (outcome.succeeded() && step.kind() == StepKind.WAIT_FOR_HEALTH) {
            run.serviceRestored(outcome.endedAt());
        }
        return true;
    }

    static boolean done(StepState state) {
        return state == StepState.SUCCEEDED || state == StepState.SKIPPED || state == StepState.NOT_NEEDED;
    }

    static Step with(Step step, StepState state, int attempts, Instant startedAt, Instant endedAt, String actor, String detail) {
        return new Step(step.index(), step.name(), step.kind(), step.group(), step.estimateSeconds(), step.condition(), state,
                attempts, startedAt, endedAt, actor, detail);
    }
}
