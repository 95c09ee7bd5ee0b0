package io.contingo.incident.drp;

import java.time.Duration;
import java.util.List;

import io.contingo.events.DrpRunSnapshot;

/**
 * An ordered list of steps that moves service from one site of a pair to the other.
 *
 * @param kind failover (production → contingency) or return (contingency → production)
 */
public record Runbook(String id, String name, String pair, DrpRunSnapshot.Kind kind, List<RunbookStep> steps) {

    public Runbook {
        steps = steps == null ? List.of() : List.copyOf(steps);
    }

    /** What the runbook is expected to take: the longest step of each group of parallel steps, added up. */
    public Duration expectedDuration() {
        Duration total = Duration.ZERO;
        int group = Integer.MIN_VALUE;
        Duration longest = Duration.ZERO;
        for (int i = 0; i < steps.size(); i++) {
            RunbookStep step = steps.get(i);
            int g = groupOf(i);
            if (g != group) {
                total = total.plus(longest);
                longest = Duration.ZERO;
                group = g;
            }
            Duration estimate = step.estimate() == null ? Duration.ZERO : step.estimate();
            longest = estimate.compareTo(longest) > 0 ? estimate : longest;
        }
        return total.plus(longest);
    }

    /** The group a step runs in: its own, or one after the previous step's (steps run one after the other). */
    public int groupOf(int index) {
        int group = -1;
        for (int i = 0; i <= index; i++) {
            Integer own = steps.get(i).group();
            group = own != null ? own : group + 1;
        }
        return group;
    }
}
