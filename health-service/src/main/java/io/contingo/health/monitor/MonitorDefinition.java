package io.contingo.health.monitor;

import java.time.Duration;

/**
 * One check of one component: a record per {@link MonitorType}, each with {@link MonitorBasics} and only the
 * settings of its type. Monitors are written (in the monitors file, the API, the database) as one flat set of
 * fields, {@link WrittenMonitor}; {@link WrittenMonitor#definition()} and {@link WrittenMonitor#of} turn one into the other.
 */
public sealed interface MonitorDefinition permits HttpMonitor, TcpMonitor, DnsMonitor, PushedMonitor {

    /** The id, component, site and timing every monitor has. */
    MonitorBasics basics();

    default String id() {
        return basics().id();
    }

    default String componentId() {
        return basics().componentId();
    }

    default String siteId() {
        return basics().siteId();
    }

    /** How often the monitor is checked (a pushed one: judged). */
    default Duration interval() {
        return basics().interval();
    }

    /** How long one attempt may take, shorter than the interval. */
    default Duration timeout() {
        return basics().timeout();
    }

    /** How many more attempts a failed check makes, at once, before it reports DOWN. */
    default int retries() {
        return basics().retries();
    }

    default MonitorType type() {
        return switch (this) {
            case HttpMonitor m -> MonitorType.HTTP;
            case TcpMonitor m -> MonitorType.TCP;
            case DnsMonitor m -> MonitorType.DNS;
            case PushMonitor m -> MonitorType.PUSH;
            case BackupMonitor m -> MonitorType.BACKUP;
            case MetricsMonitor m -> MonitorType.METRICS;
        };
    }

    /** A check slower than this is DEGRADED; null when there is none (and for pushed monitors, which measure nothing). */
    default Duration degradedLatency() {
        return null;
    }

    /** Push, backup and metrics monitors are called by the job or agent they watch, through a push URL. */
    default boolean isPushed() {
        return this instanceof PushedMonitor;
    }

    /** What the monitor checks, in a few words: the URL, {@code host:port}, the DNS question, or what is pushed. */
    String target();

    /**
     * The host this monitor connects to, as written, with the field that names it; null for pushed monitors and
     * DNS monitors that ask the system's resolver.
     */
    default Addressed addressed() {
        return null;
    }

    /** A host a monitor connects to, and the field that names it. */
    record Addressed(String field, String host) {
    }

    /** A duration as the monitors file writes it, {@code ?} when unset. */
    static String written(Duration duration) {
        return duration == null ? "?" : MonitorJson.written(duration);
    }
}
