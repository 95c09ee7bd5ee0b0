package io.contingo.incident.component;

import java.time.Instant;

import io.contingo.events.HealthStatus;

/**
 * What incident-service knows of one monitor seen from one probe: the status it has confirmed, and the
 * streak of identical results that may confirm a new one. A result observed at or before the last one
 * applied is a duplicate or arrived late, and changes nothing.
 */
public final class MonitorTrack {

    private final String monitorId;
    private final String probeId;
    private final String location;
    private HealthStatus confirmed = HealthStatus.UP;
    private HealthStatus streakStatus = HealthStatus.UP;
    private int streak;
    private Instant lastObservedAt;
    private String lastDetail;

    public MonitorTrack(String monitorId, String probeId, String location) {
        this.monitorId = monitorId;
        this.probeId = probeId;
        this.location = location;
    }

    /**
     * Applies one result. Returns false (and changes nothing) when the result is not newer than the last one.
     */
    boolean apply(HealthStatus status, Instant observedAt, String detail, ThresholdSettings thresholds) {
        if (lastObservedAt != null && !observedAt.isAfter(lastObservedAt)) {
            return false;
        }
        lastObservedAt = observedAt;
        lastDetail = detail;
        if (status == streakStatus) {
            streak++;
        } else {
            streakStatus = status;
            streak = 1;
        }
        int needed = status == HealthStatus.UP ? thresholds.success() : thresholds.failure();
        if (streak >= needed) {
            confirmed = status;
        }
        return true;
    }

    /**
     * Whether a result observed at {@code observedAt} is newer than the last one and leaves the confirmed status
     * as it is (a repeat, or one more step of a streak that has not reached its threshold): applying it
     * changes nothing anyone sees.
     */
    boolean isQuiet(HealthStatus status, Instant observedAt, ThresholdSettings thresholds) {
        if (lastObservedAt == null || !observedAt.isAfter(lastObservedAt)) {
            return false;
        }
        int needed = status == HealthStatus.UP ? thresholds.success() : thresholds.failure();
        int streakAfter = status == streakStatus ? streak + 1 : 1;
        return status == confirmed || streakAfter < needed;
    }

    boolean isFor(String monitor, String probe) {
        return monitorId.equals(monitor) && probeId.equals(probe);
    }

    public String monitorId() {
        return monitorId;
    }

    public String probeId() {
        return probeId;
    }

    /** Where the probe runs; tracks stored before locations existed count their probe as its own location. */
    public String location() {
        return location == null ? probeId : location;
    }

    public HealthStatus confirmed() {
        return confirmed;
    }

    public Instant lastObservedAt() {
        return lastObservedAt;
    }

    public String lastDetail() {
        return lastDetail;
    }

    /** A copy to go back to. */
    MonitorTrack copy() {
        MonitorTrack copy = new MonitorTrack(monitorId, probeId, location);
        copy.confirmed = confirmed;
        copy.streakStatus = streakStatus;
        copy.streak = streak;
        copy.lastObservedAt = lastObservedAt;
        copy.lastDetail = lastDetail;
        return copy;
    }
}
