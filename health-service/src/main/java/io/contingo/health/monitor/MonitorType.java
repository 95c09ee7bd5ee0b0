package io.contingo.health.monitor;

/** What a monitor checks; written in lower case in the monitors file ({@code type: tcp}). */
public enum MonitorType {
    /** An HTTP(S) request, judged by its status or by conditions. */
    HTTP,
    /** A TCP connection, optionally sending a line and expecting text in the reply. */
    TCP,
    /** A DNS query, optionally expecting an answer. */
    DNS
}
