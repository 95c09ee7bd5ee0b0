package io.contingo.events;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An order to carry out one step of a DRP run. Topic {@link Topics#DRP_COMMANDS}, key the site pair's id. The
 * executor answers with a {@link DrpEvent} of type {@link DrpEvent.Type#STEP_FINISHED} for the same run, step and
 * attempt; an order it has already answered is not carried out again.
 *
 * @param stepIndex  the step's place in the runbook, from 0
 * @param attempt    1 for the first try, one more for each retry an agent asked for
 * @param kind       what the step does
 * @param settings   the step's settings as the runbook gives them (for a webhook: method, url, body,
 *                   expectedStatus, retries; for switch-entry and set-role: the site ids)
 * @param components for {@code WAIT_FOR_HEALTH}: the components that must be up
 * @param timeoutSeconds how long the step may take before it fails
 * @param drill      a drill: nothing that customers or the entry URL see may change
 */
public record DrpCommand(
        String eventId,
        String pairId,
        String runId,
        int stepIndex,
        int attempt,
        StepKind kind,
        String stepName,
        Map<String, String> settings,
        List<String> components,
        long timeoutSeconds,
        boolean drill,
        Instant issuedAt) implements ContingoEvent {

    /** The kinds of runbook step. */
    public enum StepKind {
        /** An HTTP call to the operator's automation, signed with an HMAC header. */
        WEBHOOK,
        /** A person does it and confirms it with a note. */
        MANUAL,
        /** Until the given components are up on the target site. */
        WAIT_FOR_HEALTH,
        /** Points the entry URL at a site. */
        SWITCH_ENTRY,
        /** Sets the sites' roles. */
        SET_ROLE,
        /** Tells customers through the incident's public timeline. */
        NOTIFY_CUSTOMERS
    }

    public DrpCommand {
        Objects.requireNonNull(eventId, "eventId is required");
        Objects.requireNonNull(pairId, "pairId is required");
        Objects.requireNonNull(runId, "runId is required");
        Objects.requireNonNull(kind, "kind is required");
        Objects.requireNonNull(issuedAt, "issuedAt is required");
        settings = settings == null ? Map.of() : Map.copyOf(settings);
        components = components == null ? List.of() : List.copyOf(components);
        if (attempt < 1) {
            throw new IllegalArgumentException("attempt must be 1 or more, was " + attempt);
        }
    }

    /** The same run, step and attempt is one order, however often it is delivered. */
    public String orderKey() {
        return runId + "/" + stepIndex + "/" + attempt;
    }

    @Override
    public String aggregateId() {
        return pairId;
    }
}
