package io.contingo.incident.incident;

import java.time.Clock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Every second, resolves the incidents whose services stayed healthy through their monitoring period. */
@Component
class QuietResolution {

    private static final Logger log = LoggerFactory.getLogger(QuietResolution.class);

    private final Incidents incidents;
    private final Clock clock;

    QuietResolution(Incidents incidents, Clock clock) {
        this.incidents = incidents;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${contingo.incidents.resolution-tick:1s}")
    void resolveQuietIncidents() {
        try {
            int resolved = incidents.resolveQuiet(clock.instant());
            if (resolved > 0) {
                log.info("Resolved {} incident(s) after their monitoring period", resolved);
            }
        } catch (RuntimeException e) {
            log.warn("Resolution pass failed, trying again on the next one: {}", e.toString());
        }
    }
}
