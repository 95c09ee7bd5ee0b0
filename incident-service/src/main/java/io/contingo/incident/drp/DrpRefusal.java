package io.contingo.incident.drp;

import java.util.List;

/** Why a DRP request is refused, in words for the person who asked. */
public class DrpRefusal extends RuntimeException {

    private final List<String> problems;

    public DrpRefusal(String message) {
        this(message, List.of());
    }

    public DrpRefusal(String message, List<String> problems) {
        super(message);
        this.problems = List.copyOf(problems);
    }

    /** The fields and what is wrong with each, for a runbook; empty otherwise. */
    public List<String> problems() {
        return problems;
    }

    /** The request does not fit the run's state (a second approval, a step that is not waiting): 409. */
    public static class Conflict extends DrpRefusal {
        public Conflict(String message) {
            super(message);
        }
    }

    /** No such run, runbook or pair: 404. */
    public static class NotFound extends DrpRefusal {
        public NotFound(String message) {
            super(message);
        }
    }
}
