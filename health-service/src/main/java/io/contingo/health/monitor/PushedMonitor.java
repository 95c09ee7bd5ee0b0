package io.contingo.health.monitor;

import java.time.Duration;

/** A monitor told rather than checked: its job or agent calls its push URL. */
public sealed interface PushedMonitor extends MonitorDefinition permits Periodic, BackupMonitor {

    /** How late a push (or a scheduled backup) may be; null when none is given. */
    Duration grace();

    /** The grace, zero when unset. */
    default Duration graceOrNone() {
        return grace() == null ? Duration.ZERO : grace();
    }
}
