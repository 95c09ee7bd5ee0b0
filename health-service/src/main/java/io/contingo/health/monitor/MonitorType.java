package io.contingo.health.monitor;

/** What a monitor checks; written in lower case in the monitors file ({@code type: tcp}). */
public enum MonitorType {
    /** An HTTP(S) request, judged by its status or by conditions. */
    HTTP,
    /** A TCP connection, optionally sending a line and expecting text in the reply. */
    TCP,
    /** A DNS query, optionally expecting an answer. */
    DNS,
    /** A heartbeat: the monitored job calls the push URL at least once per period; silence is DOWN. */
    PUSH,
    /** A backup job reports each backup to the push URL; judged against the RPO and the schedule per kind. */
    BACKUP,
    /** A host's agent pushes its readings (disk, load, memory, …); judged against per-metric thresholds. */
    METRICS
}
