package io.contingo.health.monitor;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Monitor definitions for tests: a valid monitor of each type, changed one field at a time.
 *
 * @param <T> the record of the type built
 */
public final class MonitorBuilder<T extends MonitorDefinition> {

    private MonitorType type = MonitorType.HTTP;
    private URI url;
    private String method = "GET";
    private final Map<String, String> headers = new LinkedHashMap<>();
    private String body;
    private boolean followRedirects;
    private int expectedStatus;
    private List<String> conditions = List.of();
    private String host;
    private Integer port;
    private String send;
    private String expect;
    private String queryName;
    private String queryType = "A";
    private String server;
    private Duration timeout = Duration.ofMillis(500);
    private int retries;
    private Duration degradedLatency;
    private Duration period;
    private Duration grace;
    private Duration rpo;
    private final Map<String, Duration> schedule = new LinkedHashMap<>();
    private final Map<String, MetricThreshold> thresholds = new LinkedHashMap<>();
    private String id = "prod-api-check";

    private MonitorBuilder() {
    }

    public static MonitorBuilder<HttpMonitor> http(String url) {
        MonitorBuilder<HttpMonitor> monitor = new MonitorBuilder<>();
        monitor.url = URI.create(url);
        return monitor;
    }

    public static MonitorBuilder<TcpMonitor> tcp(String host, int port) {
        MonitorBuilder<TcpMonitor> monitor = new MonitorBuilder<>();
        monitor.type = MonitorType.TCP;
        monitor.host = host;
        monitor.port = port;
        return monitor;
    }

    public static MonitorBuilder<DnsMonitor> dns(String queryName, String server) {
        MonitorBuilder<DnsMonitor> monitor = new MonitorBuilder<>();
        monitor.type = MonitorType.DNS;
        monitor.queryName = queryName;
        monitor.server = server;
        return monitor;
    }

    public static MonitorBuilder<PushMonitor> push(Duration period) {
        MonitorBuilder<PushMonitor> monitor = new MonitorBuilder<>();
        monitor.type = MonitorType.PUSH;
        monitor.period = period;
        return monitor;
    }

    public static MonitorBuilder<BackupMonitor> backup(Duration rpo) {
        MonitorBuilder<BackupMonitor> monitor = new MonitorBuilder<>();
        monitor.type = MonitorType.BACKUP;
        monitor.rpo = rpo;
        return monitor;
    }

    public static MonitorBuilder<MetricsMonitor> metrics(Duration period) {
        MonitorBuilder<MetricsMonitor> monitor = new MonitorBuilder<>();
        monitor.type = MonitorType.METRICS;
        monitor.period = period;
        return monitor;
    }

    /** A threshold of a metrics monitor; either limit may be null. */
    public MonitorBuilder<T> threshold(String metric, Double degraded, Double down) {
        thresholds.put(metric, new MetricThreshold(degraded, down, null));
        return this;
    }

    /** What a metrics monitor's process is when it does not run. */
    public MonitorBuilder<T> processAbsent(io.contingo.events.HealthStatus status) {
        thresholds.put(HostMetric.PROCESS.key(), new MetricThreshold(null, null, status));
        return this;
    }

    public MonitorBuilder<T> id(String id) {
        this.id = id;
        return this;
    }

    public MonitorBuilder<T> grace(Duration grace) {
        this.grace = grace;
        return this;
    }

    public MonitorBuilder<T> every(String kind, Duration every) {
        schedule.put(kind, every);
        return this;
    }

    public MonitorBuilder<T> method(String method) {
        this.method = method;
        return this;
    }

    public MonitorBuilder<T> header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    public MonitorBuilder<T> body(String body) {
        this.body = body;
        return this;
    }

    public MonitorBuilder<T> followRedirects() {
        this.followRedirects = true;
        return this;
    }

    public MonitorBuilder<T> expectedStatus(int expectedStatus) {
        this.expectedStatus = expectedStatus;
        return this;
    }

    public MonitorBuilder<T> conditions(String... conditions) {
        this.conditions = List.of(conditions);
        return this;
    }

    public MonitorBuilder<T> send(String send) {
        this.send = send;
        return this;
    }

    public MonitorBuilder<T> expect(String expect) {
        this.expect = expect;
        return this;
    }

    public MonitorBuilder<T> queryType(String queryType) {
        this.queryType = queryType;
        return this;
    }

    public MonitorBuilder<T> retries(int retries) {
        this.retries = retries;
        return this;
    }

    public MonitorBuilder<T> timeout(Duration timeout) {
        this.timeout = timeout;
        return this;
    }

    public MonitorBuilder<T> degradedLatency(Duration degradedLatency) {
        this.degradedLatency = degradedLatency;
        return this;
    }

    @SuppressWarnings("unchecked")
    public T build() {
        return (T) new WrittenMonitor(id, "prod-api", "production", type, url, method, headers, body,
                followRedirects, expectedStatus, conditions, host, port, send, expect, queryName, queryType, server,
                Duration.ofSeconds(10), timeout, retries, degradedLatency, period, grace, rpo, schedule, thresholds).definition();
    }
}
