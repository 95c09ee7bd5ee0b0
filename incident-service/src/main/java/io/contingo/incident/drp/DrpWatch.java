package io.contingo.incident.drp;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import io.contingo.events.DrpRunSnapshot.Kind;
import io.contingo.events.DrpRunSnapshot.State;
import io.contingo.incident.incident.Incident;
import io.contingo.incident.incident.Incidents;

/**
 * Watches each pair's active production site and applies its activation policy: the site is lost when all its
 * components have been in major outage for {@code lost-after}, or when an agent declared it lost. Then
 * {@code automatic} proposes and starts the failover (if the guards allow), {@code automatic-after} proposes it and
 * starts it when no manager answered in time; {@code manual} waits for an agent. Every instance runs it; the pair's
 * claim lets only one run start.
 */
@Component
class DrpWatch {

    private static final Logger log = LoggerFactory.getLogger(DrpWatch.class);

    private final DrpSettings settings;
    private final SitePairs pairs;
    private final DrpRuns runs;
    private final RecoveryFigures figures;
    private final Incidents incidents;
    private final Clock clock;

    DrpWatch(DrpSettings settings, SitePairs pairs, DrpRuns runs, RecoveryFigures figures, Incidents incidents, Clock clock) {
        this.settings = settings;
        this.pairs = pairs;
        this.runs = runs;
        this.figures = figures;
        this.incidents = incidents;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${contingo.drp.watch-every:5s}", initialDelayString = "${contingo.drp.watch-every:5s}")
    void watch() {
        for (DrpSettings.Pair pair : settings.pairs()) {
            try {
                watch(pair, clock.instant());
            } catch (DrpRefusal raced) {
                log.debug("DRP watch of {}: {}", pair.id(), raced.getMessage());
            } catch (RuntimeException e) {
                log.warn("DRP watch of {} failed: {}", pair.id(), e.getMessage());
            }
        }
    }

    void watch(DrpSettings.Pair pair, Instant now) {
        SitePairs.State state = pairs.get(pair.id());
        if (state.openRunId() != null) {
            runs.find(state.openRunId()).filter(run -> run.state() == State.PROPOSED && pair.policy() == DrpSettings.Policy.AUTOMATIC_AFTER)
                    .filter(run -> !run.proposedAt().plus(pair.automaticAfter()).isAfter(now))
                    .ifPresent(run -> runs.startUnanswered(run, pair.automaticAfter()));
            return;
        }
        if (!"active".equals(state.roleOf(pair.productionSite())) || pair.policy() == DrpSettings.Policy.MANUAL) {
            return;
        }
        Optional<Instant> lost = Optional.ofNullable(state.lostAt()).or(() -> figures.allOutSince(pair.productionSite())
                .filter(since -> !since.plus(settings.lostAfter()).isAfter(now)));
        if (lost.isEmpty()) {
            return;
        }
        pairs.declareLost(pair.id(), lost.get(), DrpRuns.CONTINGO);
        String incidentId = incidents.unresolved().stream().filter(i -> pair.productionSite().equals(i.snapshot().siteId()))
                .map(Incident::id).findFirst().orElse(null);
        log.info("The {} site is lost since {} ({} policy): proposing the failover", pair.productionSite(), lost.get(), pair.policy());
        runs.propose(pair, Kind.FAILOVER, incidentId, DrpRuns.CONTINGO);
    }
}
