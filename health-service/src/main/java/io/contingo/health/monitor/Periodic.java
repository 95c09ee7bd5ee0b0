package io.contingo.health.monitor;

import java.time.Duration;

/** A pushed monitor that expects a push every period (+ grace): a heartbeat or a host's readings. */
public sealed interface Periodic extends PushedMonitor permits PushMonitor, MetricsMonitor {

    /** How often the job or agent pushes. */
    Duration period();

    /** {@code 1h + 5m grace}. */
    default String periodAndGrace() {
        return MonitorDefinition.written(period()) + (grace() == null ? "" : " + " + MonitorDefinition.written(grace()) + " grace");
    }
}
