package io.contingo.health.condition;

/**
 * A condition that cannot be read: says what is wrong and where, counting characters from 1, so that an
 * operator can find the mistake in the monitors file.
 */
public class ConditionSyntaxException extends IllegalArgumentException {

    private final String problem;
    private final int position;

    ConditionSyntaxException(String problem, int position) {
        super(problem + " at position " + position);
        this.problem = problem;
        this.position = position;
    }

    /** What is wrong, without the position. */
    public String problem() {
        return problem;
    }

    /** Where, counting characters of the condition from 1. */
    public int position() {
        return position;
    }
}
