package io.contingo.incident.statuspage;

import java.util.LinkedHashMap;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import io.contingo.incident.drp.DrpSettings;
import io.contingo.incident.drp.SitePairs;

/**
 * Which site serves customers, and each site's role, as the public pages show them: read from the site pairs
 * every second on a thread of its own, so that a request never reads the database. {@link #now()}'s tag changes
 * when anything in it does; the status page's ETag and rendered-page cache include it, so a switch shows at once.
 */
@Component
class ServingSites {

    private static final Logger log = LoggerFactory.getLogger(ServingSites.class);

    /** @param fromContingency a pair is served from its contingency site; {@code roles}: site id → role */
    record Serving(boolean fromContingency, Map<String, String> roles) {

        static final Serving PRODUCTION = new Serving(false, Map.of());

        String tag() {
            return (fromContingency ? "c" : "p") + Integer.toHexString(roles.hashCode());
        }

        /** The site's role now, or the catalog's when no pair has one for it. */
        public String roleOf(String siteId, String catalogRole) {
            return roles.getOrDefault(siteId, catalogRole);
        }
    }

    private final SitePairs pairs;
    private final DrpSettings settings;
    private volatile Serving current;

    ServingSites(SitePairs pairs, DrpSettings settings) {
        this.pairs = pairs;
        this.settings = settings;
    }

    Serving now() {
        Serving serving = current;
        if (serving == null) {
            refresh();
            serving = current == null ? Serving.PRODUCTION : current;
        }
        return serving;
    }

    @Scheduled(fixedDelayString = "${contingo.statuspage.serving-refresh:1s}")
    void refresh() {
        try {
            boolean fromContingency = false;
            Map<String, String> roles = new LinkedHashMap<>();
            for (DrpSettings.Pair pair : settings.pairs()) {
                SitePairs.State state = pairs.get(pair.id());
                fromContingency |= state.servingSiteId() != null && !state.servingSiteId().equals(pair.productionSite());
                roles.putAll(state.roles());
            }
            current = new Serving(fromContingency, Map.copyOf(roles));
        } catch (RuntimeException e) {
            log.warn("Could not read which site serves ({}); the status page keeps what it showed", e.toString());
        }
    }
}
