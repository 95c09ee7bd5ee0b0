package io.contingo.health.condition;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/** How a condition compares what it read with the value written after the operator. */
public enum Operator {

    // two-character symbols first, so that "<=" is not read as "<" followed by "="
    EQUAL("=="),
    NOT_EQUAL("!="),
    LESS_OR_EQUAL("<="),
    GREATER_OR_EQUAL(">="),
    LESS("<"),
    GREATER(">"),
    CONTAINS("contains");

    private final String symbol;

    Operator(String symbol) {
        this.symbol = symbol;
    }

    public String symbol() {
        return symbol;
    }

    /** Whether the operator needs an order (numbers, durations) rather than equality. */
    boolean orders() {
        return this == LESS || this == LESS_OR_EQUAL || this == GREATER || this == GREATER_OR_EQUAL;
    }

    /** Whether a comparison result ({@code actual.compareTo(expected)}) satisfies this operator. */
    boolean holds(int comparison) {
        return switch (this) {
            case EQUAL -> comparison == 0;
            case NOT_EQUAL -> comparison != 0;
            case LESS -> comparison < 0;
            case LESS_OR_EQUAL -> comparison <= 0;
            case GREATER -> comparison > 0;
            case GREATER_OR_EQUAL -> comparison >= 0;
            case CONTAINS -> throw new IllegalStateException("contains is not a comparison");
        };
    }

    /** The operator the text starts with, if any. */
    static Optional<Operator> startOf(String text) {
        return Arrays.stream(values()).filter(o -> text.startsWith(o.symbol)).findFirst();
    }

    static String known() {
        return Arrays.stream(values()).map(Operator::symbol).collect(Collectors.joining(", "));
    }
}
