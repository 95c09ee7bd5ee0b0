package io.contingo.incident.component;

import java.time.Instant;

import io.contingo.events.ComponentStatus;

/** Component states for tests of other packages. */
public final class TestComponentStates {

    private TestComponentStates() {
    }

    /** An operational component that has announced {@code changes} changes of status, not yet published. */
    public static ComponentState withAnnouncedChanges(String componentId, int changes, Instant at) {
        ComponentState state = ComponentState.operational(componentId, "production", componentId, at);
        ComponentStatus from = ComponentStatus.OPERATIONAL;
        for (int i = 0; i < changes; i++) {
            ComponentStatus to = from == ComponentStatus.OPERATIONAL ? ComponentStatus.MAJOR_OUTAGE : ComponentStatus.OPERATIONAL;
            state.announce(new ComponentState.Change(from, to, at.plusSeconds(i)), null);
            from = to;
        }
        return state;
    }
}
