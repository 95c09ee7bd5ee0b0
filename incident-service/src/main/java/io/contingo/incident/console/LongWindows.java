package io.contingo.incident.console;

import java.security.Principal;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.springframework.security.core.Authentication;

import io.contingo.incident.maintenance.MaintenanceSettings;
import io.contingo.starter.text.ReadableDuration;

/**
 * A maintenance window silences detection on its services: an agent plans one up to
 * {@code contingo.maintenance.agent-max} long, a longer one needs a manager.
 */
final class LongWindows {

    private final Duration agentMax;

    LongWindows(MaintenanceSettings settings) {
        this.agentMax = settings.agentMax();
    }

    /** Why the user may not plan this window, or empty when they may. */
    Optional<String> refusal(Instant starts, Instant ends, Principal user) {
        if (isManager(user) || Duration.between(starts, ends).compareTo(agentMax) <= 0) {
            return Optional.empty();
        }
        return Optional.of("A window longer than " + ReadableDuration.of(agentMax)
                + " silences detection for that long: a manager must plan it.");
    }

    /** The hint next to the end of the window, for a user who is not a manager; null for a manager. */
    String hint(Principal user) {
        return isManager(user) ? null : "Up to " + ReadableDuration.of(agentMax) + ": a longer window needs a manager to plan it.";
    }

    private static boolean isManager(Principal user) {
        return user instanceof Authentication signedIn
                && signedIn.getAuthorities().stream().anyMatch(role -> "ROLE_MANAGER".equals(role.getAuthority()));
    }
}
