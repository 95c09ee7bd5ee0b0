package io.contingo.health.monitor;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import io.contingo.events.HealthStatus;
import io.contingo.health.condition.Condition;
import io.contingo.health.condition.ConditionSyntaxException;
import io.contingo.starter.address.HostAndPort;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;

/**
 * Checks {@link MonitorRules}: no field of another type of monitor, then the fields of the monitor's own type,
 * each mistake on its field as the monitors file writes it ({@code query-name}).
 */
class MonitorRulesValidator implements ConstraintValidator<MonitorRules, WrittenMonitor> {

    /** Headers the JDK's HTTP client sets itself and refuses to take from a request. */
    private static final Set<String> CLIENT_HEADERS = Set.of("connection", "content-length", "expect", "host", "upgrade");
    /** A token (RFC 9110, 5.6.2); a name starting with $ is refused apart. */
    private static final Pattern HEADER_NAME = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");
    /** Visible characters, spaces and tabs (RFC 9110, 5.5): no CR, LF, NUL or other control character. */
    private static final Pattern HEADER_VALUE = Pattern.compile("[^\\x00-\\x08\\x0A-\\x1F\\x7F]*");
    private static final Set<String> TCP_URL_SCHEMES = Set.of("tcp", "http", "https");
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9_.:\\[\\]-]+");

    @Override
    public boolean isValid(WrittenMonitor written, ConstraintValidatorContext context) {
        if (written.type() == null) {
            return true; // @NotNull reports it
        }
        Problems problems = new Problems(context);
        written.strays().forEach((field, problem) -> problems.add(field.replaceAll("([A-Z])", "-$1").toLowerCase(Locale.ROOT), problem));
        switch (written.definition()) {
            case HttpMonitor m -> http(m, problems);
            case TcpMonitor m -> tcp(m, problems);
            case DnsMonitor m -> dns(m, problems);
            case PushMonitor m -> periodic(m, problems);
            case MetricsMonitor m -> {
                periodic(m, problems);
                m.thresholds().forEach((name, threshold) -> threshold(name, threshold, problems));
            }
            case BackupMonitor m -> backup(m, problems);
        }
        return problems.none();
    }

    private static void http(HttpMonitor m, Problems problems) {
        URI url = m.url();
        if (url == null) {
            problems.add("url", "must be set for an http monitor");
        } else if (!("http".equals(url.getScheme()) || "https".equals(url.getScheme())) || url.getHost() == null) {
            problems.add("url", "must be an absolute http:// or https:// address");
        }
        m.headers().forEach((name, value) -> {
            if (!HEADER_NAME.matcher(name).matches()) {
                problems.add("headers", "'" + name + "' is not a header name");
            } else if (name.startsWith("$")) {
                problems.add("headers", "'" + name + "' cannot start with $");
            } else if (CLIENT_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
                problems.add("headers", name + " is set by the HTTP client and cannot be configured");
            }
            if (value != null && !HEADER_VALUE.matcher(value).matches()) {
                problems.add("headers", "the value of " + name + " holds a control character");
            }
        });
        if (m.expectedStatus() != 0 && !m.conditions().isEmpty()) {
            problems.add("expected-status", "cannot be used with conditions: write [STATUS] == " + m.expectedStatus() + " as a condition");
        }
        List<String> conditions = m.conditions();
        for (int i = 0; i < conditions.size(); i++) {
            String property = "conditions[" + i + "]";
            try {
                Condition condition = Condition.parse(conditions.get(i));
                if (condition.readsCertificate() && url != null && !"https".equals(url.getScheme())) {
                    problems.add(property, "monitor '" + m.id() + "': condition \"" + conditions.get(i)
                            + "\" reads the TLS certificate, which needs an https:// url");
                }
            } catch (ConditionSyntaxException e) {
                problems.add(property, "monitor '" + m.id() + "': condition \"" + conditions.get(i) + "\" is not valid: "
                        + e.getMessage());
            }
        }
    }

    private static void tcp(TcpMonitor m, Problems problems) {
        if (m.url() != null) {
            if (m.host() != null || m.port() != null) {
                problems.add("url", "a tcp monitor takes either url or host and port, not both");
            } else if (!m.url().isAbsolute() || !TCP_URL_SCHEMES.contains(m.url().getScheme()) || m.tcpTarget() == null) {
                problems.add("url", "must be tcp://host:port, or an http:// or https:// address whose port to connect to");
            }
        } else {
            host(m.host(), "host", "tcp", problems);
            if (m.port() == null) {
                problems.add("port", "must be set for a tcp monitor (or give a url)");
            } else if (m.port() < 1 || m.port() > 65535) {
                problems.add("port", "must be a number from 1 to 65535");
            }
        }
        if (m.expect() != null && m.expect().isEmpty()) {
            problems.add("expect", "must not be empty (leave it out to only connect)");
        }
    }

    private static void dns(DnsMonitor m, Problems problems) {
        if (m.queryName() == null || m.queryName().isBlank()) {
            problems.add("query-name", "must be set for a dns monitor");
        } else if (!m.queryName().matches("[A-Za-z0-9_.-]+") || m.queryName().contains("..")) {
            problems.add("query-name", "'" + m.queryName() + "' is not a DNS name");
        }
        if (m.server() != null) {
            try {
                host(HostAndPort.parse(m.server(), DnsMonitor.DNS_PORT).host(), "server", "dns", problems);
            } catch (IllegalArgumentException e) {
                problems.add("server", e.getMessage());
            }
        }
    }

    /** A push monitor and a metrics monitor expect a push every period (+ grace). */
    private static void periodic(Periodic m, Problems problems) {
        positive(m.period(), "period", m.type(), problems);
        notNegative(m.grace(), "grace", problems);
    }

    /** One entry of {@code thresholds}: a known metric, limits it can have, the DEGRADED one before the DOWN one. */
    private static void threshold(String name, MetricThreshold threshold, Problems problems) {
        String property = "thresholds." + name;
        HostMetric metric = HostMetric.byKey(name).orElse(null);
        if (metric == null) {
            problems.add(property, "'" + name + "' is not a metric: " + String.join(", ", HostMetric.keys()));
            return;
        }
        boolean empty = threshold == null
                || threshold.degraded() == null && threshold.down() == null && threshold.absent() == null;
        if (!metric.isNumber()) {
            if (empty || threshold.degraded() != null || threshold.down() != null) {
                problems.add(property, "process takes absent: degraded or absent: down (what a process that does not run is)");
            } else if (threshold.absent() == HealthStatus.UP) {
                problems.add(property + ".absent", "must be degraded or down");
            }
            return;
        }
        if (empty) {
            problems.add(property, "give degraded, down or both");
            return;
        }
        if (threshold.absent() != null) {
            problems.add(property + ".absent", "is only used by process");
        }
        boolean degradedOk = limit(metric, property + ".degraded", threshold.degraded(), problems);
        boolean downOk = limit(metric, property + ".down", threshold.down(), problems);
        if (threshold.degraded() == null || threshold.down() == null || !degradedOk || !downOk) {
            return;
        }
        double degraded = threshold.degraded();
        double down = threshold.down();
        boolean lowerIsWorse = metric.direction() == HostMetric.Direction.LOWER_IS_WORSE;
        if (lowerIsWorse ? degraded < down : degraded > down) {
            problems.add(property + ".degraded", "must not be " + (lowerIsWorse ? "below" : "above") + " down: " + name
                    + " is worse " + metric.direction().worse() + " (degraded " + HostMetric.number(degraded)
                    + ", down " + HostMetric.number(down) + ")");
        }
    }

    /** A threshold is never negative, and a percentage's is at most 100; true when the value is fine or unset. */
    private static boolean limit(HostMetric metric, String property, Double value, Problems problems) {
        if (value == null) {
            return true;
        }
        String problem = value < 0 ? "must not be negative" : metric.impossible(value).orElse(null);
        if (problem != null) {
            problems.add(property, problem + " (it is " + HostMetric.number(value) + ")");
        }
        return problem == null;
    }

    private static void backup(BackupMonitor m, Problems problems) {
        positive(m.rpo(), "rpo", m.type(), problems);
        notNegative(m.grace(), "grace", problems);
        m.schedule().forEach((kind, every) -> {
            if (!BackupMonitor.KINDS.contains(kind)) {
                problems.add("schedule", "'" + kind + "' is not a kind of backup: full, incremental or log");
            } else if (every == null || every.isNegative() || every.isZero()) {
                problems.add("schedule", kind + " must be a positive duration");
            }
        });
    }

    private static void positive(Duration value, String property, MonitorType type, Problems problems) {
        if (value == null) {
            problems.add(property, "must be set for a " + type.written() + " monitor");
        } else if (value.isNegative() || value.isZero()) {
            problems.add(property, "must be a positive duration");
        }
    }

    private static void notNegative(Duration value, String property, Problems problems) {
        if (value != null && value.isNegative()) {
            problems.add(property, "must not be negative");
        }
    }

    private static void host(String host, String property, String type, Problems problems) {
        if (host == null || host.isBlank()) {
            problems.add(property, "must be set for a " + type + " monitor");
        } else if (!HOST.matcher(host).matches()) {
            problems.add(property, "'" + host + "' is not a host name or IP address");
        }
    }

    /** The violations found, each on its own property, with the default message left out. */
    private static final class Problems {

        private final ConstraintValidatorContext context;
        private boolean any;

        Problems(ConstraintValidatorContext context) {
            this.context = context;
        }

        void add(String property, String message) {
            if (!any) {
                context.disableDefaultConstraintViolation();
                any = true;
            }
            context.buildConstraintViolationWithTemplate(literal(message)).addPropertyNode(property).addConstraintViolation();
        }

        boolean none() {
            return !any;
        }

        /** A message template that says exactly the text: conditions may hold braces, dollars and backslashes. */
        private static String literal(String message) {
            return message.replace("\\", "\\\\").replace("{", "\\{").replace("}", "\\}").replace("$", "\\$");
        }
    }
}
