package io.contingo.health.probe;

import java.util.List;

/** Monitors that point at addresses the deny-list refuses: the service does not start with them. */
class DeniedTargetsException extends IllegalStateException {

    /** @param refused one line per monitor: its property, its id and why its address is refused */
    DeniedTargetsException(List<String> refused) {
        super("Monitors point at addresses that contingo.probe.deny-list refuses:\n    " + String.join("\n    ", refused));
    }
}
