package io.contingo.incident.drp;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.contingo.events.DrpCommand.StepKind;
import io.contingo.events.DrpRunSnapshot;

/**
 * An operator's {@code contingo.drp.denied-ranges} add to the built-in ranges (link-local, cloud metadata) and never
 * replace them: a runbook's webhook to the metadata service is refused whatever the operator listed. Only the
 * address literals are matched; nothing is resolved or contacted.
 */
class DrpDenyListTests {

    @Test
    void anOperatorsRangesAddToTheBuiltInOnesAndNeverReplaceThem() {
        DrpSettings settings = new DrpSettings(Duration.ofHours(2), Duration.ofHours(4), Duration.ofMinutes(5), "secret",
                "drp-commands", "drp-events", List.of("10.0.0.0/8"), List.of(new DrpSettings.Pair("production", "production", "contingency",
                        DrpSettings.Policy.MANUAL, Duration.ofMinutes(15), List.of(), URI.create("http://127.0.0.1:9/control/target"),
                        "failover", "return")), List.of());
        RunbookRules rules = new RunbookRules(settings, settings.denyList(), Set.of("production", "contingency"), Set.of("prod-api"));

        assertThat(rules.problems(runbook("http://169.254.169.254/latest/meta-data/"))).as("the cloud metadata service")
                .anySatisfy(problem -> assertThat(problem).contains("169.254"));
        assertThat(rules.problems(runbook("http://10.1.2.3/promote"))).as("the operator's own range")
                .anySatisfy(problem -> assertThat(problem).contains("10.1.2.3"));
        assertThat(rules.problems(runbook("http://127.0.0.1:8092/control/db/promote"))).as("an address no list denies").isEmpty();
    }

    private static Runbook runbook(String url) {
        return new Runbook("failover", "Failover", "production", DrpRunSnapshot.Kind.FAILOVER, List.of(new RunbookStep(
                "Promote the contingency database", StepKind.WEBHOOK, Duration.ofMinutes(1), null, null, url, "POST", null, null, 2,
                200, null, List.of(), null, Map.of())));
    }
}
