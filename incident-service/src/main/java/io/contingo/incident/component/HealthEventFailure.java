package io.contingo.incident.component;

/**
 * Handling a batch of health events stopped at one event: the events before {@code index} are stored, that
 * one and those after it are to be delivered again.
 */
public class HealthEventFailure extends RuntimeException {

    private final int index;

    HealthEventFailure(int index, RuntimeException cause) {
        super("Health event " + index + " of the batch could not be handled: " + cause.getMessage(), cause);
        this.index = index;
    }

    public int index() {
        return index;
    }
}
