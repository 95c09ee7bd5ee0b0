package io.contingo.incident.drp;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** What a run's own steps do to the sites: the roles, the site serving customers; and what they ask of them. */
final class DrpEffects implements RunSteps.Effects {

    private final RecoveryFigures figures;
    private final SitePairs pairs;
    private final DrpSettings settings;

    DrpEffects(RecoveryFigures figures, SitePairs pairs, DrpSettings settings) {
        this.figures = figures;
        this.pairs = pairs;
        this.settings = settings;
    }


    @Override
    public boolean componentIsUp(String componentId) {
        return figures.allUp(List.of(componentId));
    }

    @Override
    public void setRoles(DrpRun run, Map<String, String> roles, Instant at) {
        pairs.setRoles(run.pairId(), roles, DrpRuns.CONTINGO, "Step of " + run.snapshot().runbookName(), run.id());
    }

    @Override
    public void serveFrom(DrpRun run, String siteId) {
        pairs.serveFrom(run.pairId(), siteId);
    }

    @Override
    public String entryControlUrl(DrpRun run) {
        return settings.pair(run.pairId()).entryControlUrl().toString();
    }

    @Override
    public String siteName(String siteId) {
        return figures.siteName(siteId);
    }
}
