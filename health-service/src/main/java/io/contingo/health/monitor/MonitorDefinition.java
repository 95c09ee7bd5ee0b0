package io.contingo.health.monitor;

import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.bind.DefaultValue;

import io.contingo.health.condition.Condition;
import io.contingo.starter.address.HostAndPort;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/**
 * One check of one component, as written in the monitors file. The fields a monitor needs depend on its
 * {@code type} ({@link MonitorRules} says which, at start-up); the others stay unset.
 *
 * @param type            http (the default), tcp, dns, push, backup or metrics
 * @param url             http: the address to request; tcp: {@code tcp://host:port}, or a web address whose host
 *                        and port (80, 443 by default) to connect to
 * @param method          http: GET, HEAD, POST, PUT, PATCH, DELETE or OPTIONS
 * @param headers         http: request headers
 * @param body            http: request body
 * @param followRedirects http: follow up to five redirects (each target checked against the deny-list)
 * @param expectedStatus  http without conditions: the status that means UP; 0 accepts any 2xx
 * @param conditions      http: what the answer must meet, e.g. {@code [STATUS] == 200}, {@code [BODY].status == UP}
 * @param host            tcp: the host to connect to
 * @param port            tcp: the port to connect to
 * @param send            tcp: text to send once connected
 * @param expect          tcp: text the reply must contain; dns: one of the answers (e.g. an A record's address)
 * @param queryName       dns: the name to resolve
 * @param queryType       dns: the record type asked for (A by default)
 * @param server          dns: the DNS server, {@code host} or {@code host:port}; the system's resolver when unset
 * @param interval        how often the monitor is checked
 * @param timeout         how long one attempt may take, shorter than the interval
 * @param retries         how many more attempts a failed check makes, at once, before it reports DOWN; an
 *                        attempt is made only when it can finish before the next check is due
 * @param degradedLatency a check slower than this is DEGRADED (none when null)
 * @param period          push: how often the job pushes; metrics: how often the agent pushes its readings
 * @param grace           push, metrics: how late a push may be before the monitor is DOWN; backup: how late a
 *                        scheduled kind may be before it counts as overdue (none when null)
 * @param rpo             backup: the recovery point objective, the oldest a last good backup may be
 * @param schedule        backup: how often each kind of backup ({@code full}, {@code incremental}, {@code log})
 *                        is expected
 * @param thresholds      metrics: per {@link HostMetric} name, the readings that are DEGRADED and DOWN, e.g.
 *                        {@code disk: {degraded: 80, down: 95}}. Which way is bad: at or above the threshold
 *                        for {@code disk}, {@code inodes}, {@code cpu}, {@code memory}, {@code swap} (percent),
 *                        {@code load} (1-minute load average) and {@code replicationLag} (seconds); at or below
 *                        it for {@code uptime} (seconds: a recent reboot); at or beyond it either side of zero for
 *                        {@code clockDrift} (seconds). {@code process} takes {@code absent: degraded} or
 *                        {@code absent: down}: a process the agent reports as not running is DOWN unless it says
 *                        degraded. A metric without thresholds is kept and shown but never judged; a metric with
 *                        thresholds that the latest push left out is DEGRADED.
 */
@MonitorRules
public record MonitorDefinition(
        @NotBlank @Pattern(regexp = "[a-z0-9][a-z0-9-]*", message = "must be lower-case letters, digits and dashes") String id,
        @NotBlank String componentId,
        @NotBlank String siteId,
        @DefaultValue("http") @NotNull MonitorType type,
        URI url,
        @DefaultValue("GET") @Pattern(regexp = "GET|HEAD|POST|PUT|PATCH|DELETE|OPTIONS",
                message = "must be GET, HEAD, POST, PUT, PATCH, DELETE or OPTIONS") String method,
        @DefaultValue Map<String, String> headers,
        String body,
        @DefaultValue("false") boolean followRedirects,
        @DefaultValue("0") @Min(0) @Max(599) int expectedStatus,
        @DefaultValue List<String> conditions,
        String host,
        Integer port,
        String send,
        String expect,
        String queryName,
        @DefaultValue("A") @Pattern(regexp = "A|AAAA|CNAME|MX|NS|TXT|SRV|PTR|SOA|CAA",
                message = "must be A, AAAA, CNAME, MX, NS, TXT, SRV, PTR, SOA or CAA") String queryType,
        String server,
        @DefaultValue("10s") @NotNull @DurationMin(millis = 500, message = "must be at least 500 ms") Duration interval,
        @DefaultValue("3s") @NotNull @DurationMin(millis = 100, message = "must be at least 100 ms") Duration timeout,
        @DefaultValue("0") @Min(0) @Max(10) int retries,
        Duration degradedLatency,
        Duration period,
        Duration grace,
        Duration rpo,
        @DefaultValue Map<String, Duration> schedule,
        @DefaultValue Map<String, MetricThreshold> thresholds) {

    /** The kinds of backup a backup monitor knows. */
    public static final List<String> BACKUP_KINDS = List.of("full", "incremental", "log");

    /** The port of a DNS server written without one. */
    public static final int DNS_PORT = 53;

    /** Fields left out (of a JSON body) take the defaults the monitors file gives them. */
    public MonitorDefinition {
        type = type == null ? MonitorType.HTTP : type;
        method = method == null ? "GET" : method;
        queryType = queryType == null ? "A" : queryType;
        interval = interval == null ? Duration.ofSeconds(10) : interval;
        timeout = timeout == null ? Duration.ofSeconds(3) : timeout;
        headers = headers == null ? Map.of() : Map.copyOf(headers);
        conditions = conditions == null ? List.of() : List.copyOf(conditions);
        schedule = schedule == null ? Map.of() : Map.copyOf(schedule);
        thresholds = thresholds == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(thresholds));
    }

    /** Push, backup and metrics monitors are called by the job or agent they watch, through a push URL. */
    public boolean isPushed() {
        return type == MonitorType.PUSH || type == MonitorType.BACKUP || type == MonitorType.METRICS;
    }

    /** The grace given to a late push or a late scheduled backup; zero when unset. */
    public Duration graceOrNone() {
        return grace == null ? Duration.ZERO : grace;
    }

    /** A check must be over before the next one starts. */
    @AssertTrue(message = "timeout must be shorter than interval")
    public boolean isTimeoutShorterThanInterval() {
        return timeout == null || interval == null || timeout.compareTo(interval) < 0;
    }

    /** The conditions, read; {@link MonitorRules} has refused any that cannot be. */
    public List<Condition> parsedConditions() {
        return conditions.stream().map(Condition::parse).toList();
    }

    /** The DNS server to ask, when one is set. */
    public HostAndPort dnsServer() {
        return server == null ? null : HostAndPort.parse(server, DNS_PORT);
    }

    /**
     * Where a tcp monitor connects: its {@code host} and {@code port}, or those of its {@code url}. Null when
     * neither is complete ({@link MonitorRules} refuses such a monitor).
     */
    public HostAndPort tcpTarget() {
        if (url == null) {
            return host == null || port == null ? null : new HostAndPort(host, port);
        }
        int urlPort = url.getPort() != -1 ? url.getPort() : "http".equals(url.getScheme()) ? 80 : "https".equals(url.getScheme()) ? 443 : -1;
        return url.getHost() == null || urlPort == -1 ? null : new HostAndPort(url.getHost().replaceAll("^\\[|\\]$", ""), urlPort);
    }

    private static String written(Duration duration) {
        return duration == null ? "?" : MonitorJson.written(duration);
    }

    /**
     * The host this monitor connects to, as written, with the field that names it; null for pushed monitors and
     * DNS monitors that ask the system's resolver.
     */
    public Addressed addressed() {
        return switch (type) {
            case HTTP -> url == null ? null : new Addressed("url", url.getHost());
            case TCP -> tcpTarget() == null ? null : new Addressed(url == null ? "host" : "url", tcpTarget().host());
            case DNS -> server == null ? null : new Addressed("server", dnsServer().host());
            case PUSH, BACKUP, METRICS -> null;
        };
    }

    /** A host a monitor connects to, and the field that names it. */
    public record Addressed(String field, String host) {
    }

    private String periodAndGrace() {
        return written(period) + (grace == null ? "" : " + " + written(grace) + " grace");
    }

    /** What the monitor checks, in a few words: the URL, {@code host:port}, the DNS question, or what is pushed. */
    public String target() {
        return switch (type) {
            case HTTP -> String.valueOf(url);
            case TCP -> String.valueOf(tcpTarget());
            case DNS -> queryName + " " + queryType + (server == null ? "" : " @" + dnsServer());
            case PUSH -> "push every " + periodAndGrace();
            case METRICS -> "host metrics every " + periodAndGrace()
                    + (thresholds.isEmpty() ? "" : ", thresholds on " + Arrays.stream(HostMetric.values())
                            .map(HostMetric::key).filter(thresholds::containsKey).collect(Collectors.joining(", ")));
            case BACKUP -> "backups, RPO " + written(rpo) + new TreeMap<>(schedule).entrySet().stream()
                    .map(e -> ", " + e.getKey() + " every " + written(e.getValue())).collect(Collectors.joining());
        };
    }
}
