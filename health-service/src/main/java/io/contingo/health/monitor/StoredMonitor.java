package io.contingo.health.monitor;

import java.time.Instant;

/**
 * A monitor as the database keeps it: its definition and what admins did to it.
 *
 * @param paused    checks stop until an admin resumes it
 * @param revision  grows with every change of any monitor: instances read what changed since the last they saw
 * @param deleted   deleted monitors stay as tombstones, so that other instances learn of the deletion and the
 *                  demo's monitors file does not bring them back
 * @param updatedAt when it last changed
 * @param updatedBy who changed it last: an admin's name, or {@code monitors file}
 */
public record StoredMonitor(MonitorDefinition definition, boolean paused, long revision, boolean deleted,
        Instant updatedAt, String updatedBy) {

    public String id() {
        return definition.id();
    }

    /** Whether this instance's probe should check it, leases aside. */
    public boolean active() {
        return !paused && !deleted;
    }
}
