package io.contingo.incident.component;

import java.util.Locale;

/**
 * How many of a monitor's probe locations must agree before the monitor counts as down: one probe's
 * network trouble alone does not take a component down. Written {@code majority}, {@code all}, {@code any}
 * or a number (capped at the locations that report).
 */
public record Quorum(String rule) {

    public Quorum {
        String normal = rule == null ? "majority" : rule.strip().toLowerCase(Locale.ROOT);
        if (!normal.matches("majority|all|any|[1-9][0-9]{0,2}")) {
            throw new IllegalArgumentException("quorum must be majority, all, any or a number from 1, was '" + rule + "'");
        }
        rule = normal;
    }

    /** Parses a configuration value (Spring Boot binds it through this factory). */
    public static Quorum valueOf(String rule) {
        return new Quorum(rule);
    }

    /** Locations that must agree, out of {@code locations} that report. */
    public int needed(int locations) {
        return switch (rule) {
            case "majority" -> locations / 2 + 1;
            case "all" -> Math.max(1, locations);
            case "any" -> 1;
            default -> Math.max(1, Math.min(Integer.parseInt(rule), locations));
        };
    }
}
