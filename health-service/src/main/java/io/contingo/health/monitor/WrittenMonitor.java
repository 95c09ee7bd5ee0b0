package io.contingo.health.monitor;

import java.net.URI;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.bind.DefaultValue;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/**
 * A monitor as it is written: an entry of the monitors file, the API's JSON, a stored document. One flat set of
 * fields for every type, so that the file, the JSON and the documents read as they always have; each
 * {@link MonitorType} takes only the fields of its record ({@link MonitorType#fields()}), and {@link MonitorRules}
 * refuses a field of another type. The fields are documented on {@link MonitorBasics} and the type's record.
 */
@MonitorRules
@Schema(name = "MonitorDefinition") // the API document's name for it, as before the types had records of their own
public record WrittenMonitor(
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

    /** A monitor with every field left out: the defaults. */
    private static final WrittenMonitor DEFAULTS = new WrittenMonitor(null, null, null, null, null, null, null, null, false, 0,
            null, null, null, null, null, null, null, null, null, null, 0, null, null, null, null, null, null);

    /** Fields left out (of a JSON body) take the defaults the monitors file gives them. */
    public WrittenMonitor {
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

    /** A check must be over before the next one starts. */
    @AssertTrue(message = "timeout must be shorter than interval")
    public boolean isTimeoutShorterThanInterval() {
        return timeout == null || interval == null || timeout.compareTo(interval) < 0;
    }

    /** The monitor of its type, with the fields of that type; those of other types are left behind. */
    public MonitorDefinition definition() {
        MonitorBasics basics = new MonitorBasics(id, componentId, siteId, interval, timeout, retries);
        return switch (type) {
            case HTTP -> new HttpMonitor(basics, url, method, headers, body, followRedirects, expectedStatus, conditions, degradedLatency);
            case TCP -> new TcpMonitor(basics, url, host, port, send, expect, degradedLatency);
            case DNS -> new DnsMonitor(basics, queryName, queryType, server, expect, degradedLatency);
            case PUSH -> new PushMonitor(basics, period, grace);
            case BACKUP -> new BackupMonitor(basics, rpo, grace, schedule);
            case METRICS -> new MetricsMonitor(basics, period, grace, thresholds);
        };
    }

    /** The monitor written out, its type's fields set and the others at their defaults. */
    public static WrittenMonitor of(MonitorDefinition monitor) {
        MonitorBasics b = monitor.basics();
        return switch (monitor) {
            case HttpMonitor m -> new WrittenMonitor(b.id(), b.componentId(), b.siteId(), MonitorType.HTTP, m.url(), m.method(), m.headers(),
                    m.body(), m.followRedirects(), m.expectedStatus(), m.conditions(), null, null, null, null, null, null, null,
                    b.interval(), b.timeout(), b.retries(), m.degradedLatency(), null, null, null, null, null);
            case TcpMonitor m -> new WrittenMonitor(b.id(), b.componentId(), b.siteId(), MonitorType.TCP, m.url(), null, null, null, false,
                    0, null, m.host(), m.port(), m.send(), m.expect(), null, null, null,
                    b.interval(), b.timeout(), b.retries(), m.degradedLatency(), null, null, null, null, null);
            case DnsMonitor m -> new WrittenMonitor(b.id(), b.componentId(), b.siteId(), MonitorType.DNS, null, null, null, null, false,
                    0, null, null, null, null, m.expect(), m.queryName(), m.queryType(), m.server(),
                    b.interval(), b.timeout(), b.retries(), m.degradedLatency(), null, null, null, null, null);
            case PushMonitor m -> pushed(b, MonitorType.PUSH, m.period(), m.grace(), null, null, null);
            case BackupMonitor m -> pushed(b, MonitorType.BACKUP, null, m.grace(), m.rpo(), m.schedule(), null);
            case MetricsMonitor m -> pushed(b, MonitorType.METRICS, m.period(), m.grace(), null, null, m.thresholds());
        };
    }

    private static WrittenMonitor pushed(MonitorBasics b, MonitorType type, Duration period, Duration grace, Duration rpo,
            Map<String, Duration> schedule, Map<String, MetricThreshold> thresholds) {
        return new WrittenMonitor(b.id(), b.componentId(), b.siteId(), type, null, null, null, null, false, 0, null, null, null,
                null, null, null, null, null, b.interval(), b.timeout(), b.retries(), null, period, grace, rpo, schedule, thresholds);
    }

    /**
     * The fields given (a value other than their default) that the type does not take, by their JSON name, each with
     * what is wrong: a wrong type or a typo.
     */
    public Map<String, String> strays() {
        Map<String, Object> given = MonitorJson.tree(this);
        Map<String, Object> defaults = MonitorJson.tree(DEFAULTS);
        Map<String, String> strays = new LinkedHashMap<>();
        given.forEach((field, value) -> {
            if (!type.fields().contains(field) && !value.equals(defaults.get(field))) {
                strays.put(field, "is not used by " + (type == MonitorType.HTTP ? "an " : "a ") + type.written() + " monitor (monitor '"
                        + id + "' has type: " + type.written() + ")");
            }
        });
        return strays;
    }
}
