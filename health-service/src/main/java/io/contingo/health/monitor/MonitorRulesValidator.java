package io.contingo.health.monitor;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import io.contingo.events.HealthStatus;
import io.contingo.health.condition.Condition;
import io.contingo.health.condition.ConditionSyntaxException;
import io.contingo.starter.address.HostAndPort;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;

/** Checks {@link MonitorRules}: the fields each monitor type needs, the ones it must not have, its conditions. */
class MonitorRulesValidator implements ConstraintValidator<MonitorRules, MonitorDefinition> {

    /** Headers the JDK's HTTP client sets itself and refuses to take from a request. */
    private static final Set<String> CLIENT_HEADERS = Set.of("connection", "content-length", "expect", "host", "upgrade");
    private static final Pattern HEADER_NAME = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");
    private static final Set<String> TCP_URL_SCHEMES = Set.of("tcp", "http", "https");
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9_.:\\[\\]-]+");

    @Override
    public boolean isValid(MonitorDefinition monitor, ConstraintValidatorContext context) {
        if (monitor.type() == null) {
            return true; // @NotNull reports it
        }
        Problems problems = new Problems(monitor, context);
        switch (monitor.type()) {
            case HTTP -> http(monitor, problems);
            case TCP -> tcp(monitor, problems);
            case DNS -> dns(monitor, problems);
            case PUSH -> push(monitor, problems);
            case BACKUP -> backup(monitor, problems);
            case METRICS -> metrics(monitor, problems);
        }
        if (monitor.type() != MonitorType.METRICS) {
            problems.unused(monitor.type().name().toLowerCase(Locale.ROOT), Map.of("thresholds", !monitor.thresholds().isEmpty()));
        }
        if (!monitor.isPushed()) {
            Map<String, Boolean> pushFields = new LinkedHashMap<>();
            pushFields.put("period", monitor.period() != null);
            pushFields.put("grace", monitor.grace() != null);
            pushFields.put("rpo", monitor.rpo() != null);
            pushFields.put("schedule", !monitor.schedule().isEmpty());
            problems.unused(monitor.type().name().toLowerCase(Locale.ROOT), pushFields);
        }
        return problems.none();
    }

    private static void http(MonitorDefinition m, Problems problems) {
        if (m.url() == null) {
            problems.add("url", "must be set for an http monitor");
        } else if (!("http".equals(m.url().getScheme()) || "https".equals(m.url().getScheme())) || m.url().getHost() == null) {
            problems.add("url", "must be an absolute http:// or https:// address");
        }
        m.headers().keySet().forEach(name -> {
            if (!HEADER_NAME.matcher(name).matches()) {
                problems.add("headers", "'" + name + "' is not a header name");
            } else if (CLIENT_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
                problems.add("headers", name + " is set by the HTTP client and cannot be configured");
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
                if (condition.readsCertificate() && m.url() != null && !"https".equals(m.url().getScheme())) {
                    problems.add(property, "monitor '" + m.id() + "': condition \"" + conditions.get(i)
                            + "\" reads the TLS certificate, which needs an https:// url");
                }
            } catch (ConditionSyntaxException e) {
                problems.add(property, "monitor '" + m.id() + "': condition \"" + conditions.get(i) + "\" is not valid: "
                        + e.getMessage());
            }
        }
        Map<String, Boolean> others = new LinkedHashMap<>();
        others.put("host", m.host() != null);
        others.put("port", m.port() != null);
        others.put("send", m.send() != null);
        others.put("expect", m.expect() != null);
        others.put("query-name", m.queryName() != null);
        others.put("server", m.server() != null);
        problems.unused("http", others);
    }

    private static void tcp(MonitorDefinition m, Problems problems) {
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
        Map<String, Boolean> others = httpFields(m);
        others.remove("url");
        others.put("query-name", m.queryName() != null);
        others.put("server", m.server() != null);
        problems.unused("tcp", others);
    }

    private static void dns(MonitorDefinition m, Problems problems) {
        if (m.queryName() == null || m.queryName().isBlank()) {
            problems.add("query-name", "must be set for a dns monitor");
        } else if (!m.queryName().matches("[A-Za-z0-9_.-]+") || m.queryName().contains("..")) {
            problems.add("query-name", "'" + m.queryName() + "' is not a DNS name");
        }
        if (m.server() != null) {
            try {
                HostAndPort server = HostAndPort.parse(m.server(), MonitorDefinition.DNS_PORT);
                host(server.host(), "server", "dns", problems);
            } catch (IllegalArgumentException e) {
                problems.add("server", e.getMessage());
            }
        }
        Map<String, Boolean> others = httpFields(m);
        others.put("host", m.host() != null);
        others.put("port", m.port() != null);
        others.put("send", m.send() != null);
        problems.unused("dns", others);
    }

    /** A push monitor and a metrics monitor expect a push every period (+ grace), and take nothing else of the others. */
    private static void periodic(MonitorDefinition m, String type, Problems problems) {
        positive(m.period(), "period", type, problems);
        notNegative(m.grace(), "grace", problems);
        Map<String, Boolean> others = checkFields(m);
        others.put("rpo", m.rpo() != null);
        others.put("schedule", !m.schedule().isEmpty());
        problems.unused(type, others);
    }

    private static void push(MonitorDefinition m, Problems problems) {
        periodic(m, "push", problems);
    }

    private static void metrics(MonitorDefinition m, Problems problems) {
        periodic(m, "metrics", problems);
        m.thresholds().forEach((name, threshold) -> threshold(name, threshold, problems));
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

    private static void backup(MonitorDefinition m, Problems problems) {
        positive(m.rpo(), "rpo", "backup", problems);
        notNegative(m.grace(), "grace", problems);
        m.schedule().forEach((kind, every) -> {
            if (!MonitorDefinition.BACKUP_KINDS.contains(kind)) {
                problems.add("schedule", "'" + kind + "' is not a kind of backup: full, incremental or log");
            } else if (every == null || every.isNegative() || every.isZero()) {
                problems.add("schedule", kind + " must be a positive duration");
            }
        });
        Map<String, Boolean> others = checkFields(m);
        others.put("period", m.period() != null);
        problems.unused("backup", others);
    }

    private static void positive(Duration value, String property, String type, Problems problems) {
        if (value == null) {
            problems.add(property, "must be set for a " + type + " monitor");
        } else if (value.isNegative() || value.isZero()) {
            problems.add(property, "must be a positive duration");
        }
    }

    private static void notNegative(Duration value, String property, Problems problems) {
        if (value != null && value.isNegative()) {
            problems.add(property, "must not be negative");
        }
    }

    /** Which of the fields of the checks this service runs itself are set: a pushed monitor uses none. */
    private static Map<String, Boolean> checkFields(MonitorDefinition m) {
        Map<String, Boolean> set = httpFields(m);
        set.put("host", m.host() != null);
        set.put("port", m.port() != null);
        set.put("send", m.send() != null);
        set.put("expect", m.expect() != null);
        set.put("query-name", m.queryName() != null);
        set.put("server", m.server() != null);
        set.put("degraded-latency", m.degradedLatency() != null);
        return set;
    }

    private static void host(String host, String property, String type, Problems problems) {
        if (host == null || host.isBlank()) {
            problems.add(property, "must be set for a " + type + " monitor");
        } else if (!HOST.matcher(host).matches()) {
            problems.add(property, "'" + host + "' is not a host name or IP address");
        }
    }

    /** Which of the http fields are set, in the order of the monitors file. */
    private static Map<String, Boolean> httpFields(MonitorDefinition m) {
        Map<String, Boolean> set = new LinkedHashMap<>();
        set.put("url", m.url() != null);
        set.put("headers", !m.headers().isEmpty());
        set.put("body", m.body() != null);
        set.put("follow-redirects", m.followRedirects());
        set.put("expected-status", m.expectedStatus() != 0);
        set.put("conditions", !m.conditions().isEmpty());
        return set;
    }

    /** The violations found, each on its own property, with the default message left out. */
    private static final class Problems {

        private final MonitorDefinition monitor;
        private final ConstraintValidatorContext context;
        private boolean any;

        Problems(MonitorDefinition monitor, ConstraintValidatorContext context) {
            this.monitor = monitor;
            this.context = context;
        }

        void add(String property, String message) {
            if (!any) {
                context.disableDefaultConstraintViolation();
                any = true;
            }
            context.buildConstraintViolationWithTemplate(literal(message)).addPropertyNode(property).addConstraintViolation();
        }

        /** Fields another type of monitor uses: set here, they are a mistake (a wrong type, a typo). */
        void unused(String type, Map<String, Boolean> set) {
            set.forEach((property, isSet) -> {
                if (isSet) {
                    add(property, "is not used by " + ("http".equals(type) ? "an " : "a ") + type + " monitor (monitor '"
                            + monitor.id() + "' has type: " + type + ")");
                }
            });
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
