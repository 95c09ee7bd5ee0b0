package io.contingo.health.monitor;

import java.time.Duration;

/**
 * A heartbeat: the monitored job calls the push URL at least once per period; silence is DOWN.
 *
 * @param period how often the job pushes
 * @param grace  how late a push may be before the monitor is DOWN (none when null)
 */
public record PushMonitor(MonitorBasics basics, Duration period, Duration grace) implements Periodic {

    @Override
    public String target() {
        return "push every " + periodAndGrace();
    }
}
