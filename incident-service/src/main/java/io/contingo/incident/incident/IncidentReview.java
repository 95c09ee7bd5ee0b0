package io.contingo.incident.incident;

import java.util.ArrayList;
import java.util.List;

import io.contingo.events.IncidentSnapshot.CorrectiveAction;

/**
 * What agents learn from an incident, for its technical report and never for the status page: its root cause and the
 * corrective actions that keep it from happening again. A value: each change gives a new review.
 */
record IncidentReview(String rootCause, List<CorrectiveAction> correctiveActions) {

    IncidentReview {
        correctiveActions = correctiveActions == null ? List.of() : List.copyOf(correctiveActions);
    }

    IncidentReview withRootCause(String text) {
        return new IncidentReview(text, correctiveActions);
    }

    IncidentReview withAction(CorrectiveAction action) {
        List<CorrectiveAction> actions = new ArrayList<>(correctiveActions);
        actions.add(action);
        return new IncidentReview(rootCause, actions);
    }

    /** The action at {@code index} (0-based) replaced: an edit, or ticking it off as done. */
    IncidentReview withActionChanged(int index, CorrectiveAction action) {
        if (index < 0 || index >= correctiveActions.size()) {
            throw new IllegalArgumentException("No corrective action number " + (index + 1));
        }
        List<CorrectiveAction> actions = new ArrayList<>(correctiveActions);
        actions.set(index, action);
        return new IncidentReview(rootCause, actions);
    }
}
