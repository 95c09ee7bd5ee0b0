package io.contingo.incident.drp;

import java.time.Duration;

import io.contingo.events.DrpRunSnapshot.State;
import io.contingo.starter.text.ReadableDuration;

/** How a run is named on the incident's timeline and in a refusal. */
final class DrpWording {

    private DrpWording() {
    }

    static String describe(DrpRun run) {
        return (run.drill() ? "the drill of " : "") + "\u201c" + run.snapshot().runbookName() + "\u201d (" + run.id() + ")";
    }

    static String costs(DrpRun run) {
        var s = run.snapshot();
        return "RPO exposure " + (s.rpoExposureSeconds() == null ? "unknown (no backup report)" : ReadableDuration.of(Duration.ofSeconds(s.rpoExposureSeconds())))
                + " (target " + ReadableDuration.of(Duration.ofSeconds(s.rpoTargetSeconds())) + "); expected recovery "
                + ReadableDuration.of(Duration.ofSeconds(s.expectedRtoSeconds())) + " (target " + ReadableDuration.of(Duration.ofSeconds(s.rtoTargetSeconds())) + ").";
    }

    static void refuseUnlessProposed(DrpRun run, String verb) {
        if (run.state() != State.PROPOSED) {
            var s = run.snapshot();
            String why = switch (run.state()) {
                case REFUSED -> "it was refused by " + s.decidedBy() + ": " + s.decisionReason();
                case SUCCEEDED, ABORTED -> "it is " + words(run.state()) + " already";
                default -> "it was approved by " + s.decidedBy() + " at " + s.decidedAt() + " and is " + words(run.state());
            };
            throw new DrpRefusal.Conflict("The run cannot be " + verb + ": " + why + ".");
        }
    }

    static String words(Enum<?> value) {
        return value.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
    }
}
