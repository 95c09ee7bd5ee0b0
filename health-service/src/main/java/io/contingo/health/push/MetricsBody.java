package io.contingo.health.push;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.contingo.health.monitor.HostMetric;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads the JSON body a host's agent posts to {@code /api/push/{token}/metrics}: one property per reading, named
 * as in {@link HostMetric}, numbers except {@code process} (true or false), and {@code processName} (text).
 * Anything else is refused with every problem named, so that a mistake in an agent shows at its first push.
 */
final class MetricsBody {

    /** The largest body taken; a full set of readings is about 250 bytes. */
    static final int LIMIT = 4096;

    /** The longest process name taken. */
    static final int PROCESS_NAME_LIMIT = 64;

    static final String PROCESS_NAME = "processName";

    static final String EXAMPLE = "{\"disk\":42,\"inodes\":3,\"load\":0.52,\"cpu\":7.5,\"memory\":61,\"swap\":0,"
            + "\"uptime\":273600,\"process\":true,\"processName\":\"postgres\"}";

    /** A body that cannot be taken; the message says why, for the agent's operator. */
    static final class RefusedException extends RuntimeException {

        RefusedException(String message) {
            super(message);
        }
    }

    private MetricsBody() {
    }

    /** The readings in {@code body}, received at {@code at}. */
    static MetricsSample read(JsonMapper json, String monitorId, Instant at, byte[] body) {
        if (body.length == 0) {
            throw new RefusedException("a metrics monitor takes a JSON body of readings, e.g. " + EXAMPLE);
        }
        JsonNode tree;
        try {
            tree = json.reader().with(StreamReadFeature.STRICT_DUPLICATE_DETECTION).readTree(body);
        } catch (JacksonException e) {
            throw new RefusedException("the body is not valid JSON: " + PushController.plainText(e.getOriginalMessage()));
        }
        if (tree == null || !tree.isObject()) {
            throw new RefusedException("the body must be a JSON object of readings, e.g. " + EXAMPLE);
        }
        List<String> unknown = tree.propertyNames().stream()
                .filter(name -> !name.equals(PROCESS_NAME) && HostMetric.byKey(name).isEmpty()).toList();
        if (!unknown.isEmpty()) {
            throw new RefusedException("unknown readings: " + String.join(", ", unknown) + "; known: " + known());
        }
        List<String> problems = new ArrayList<>();
        Map<String, Double> values = new HashMap<>();
        Boolean process = null;
        for (HostMetric metric : HostMetric.values()) {
            JsonNode node = tree.get(metric.key());
            if (node == null) {
                continue;
            }
            if (!metric.isNumber()) {
                if (node.isBoolean()) {
                    process = node.booleanValue();
                } else {
                    problems.add(metric.key() + " must be true or false");
                }
            } else if (!node.isNumber()) {
                problems.add(metric.key() + " must be a number");
            } else {
                double value = node.doubleValue();
                metric.impossible(value).ifPresentOrElse(why -> problems.add(metric.key() + " " + why),
                        () -> values.put(metric.key(), value));
            }
        }
        String processName = null;
        JsonNode name = tree.get(PROCESS_NAME);
        if (name != null) {
            processName = name.isString() ? PushController.plainText(name.stringValue()) : null;
            if (!name.isString() || processName != null && processName.length() > PROCESS_NAME_LIMIT) {
                problems.add(PROCESS_NAME + " must be text of at most " + PROCESS_NAME_LIMIT + " characters");
            }
        }
        if (!problems.isEmpty()) {
            throw new RefusedException(String.join("; ", problems));
        }
        if (values.isEmpty() && process == null) {
            throw new RefusedException("the body has no readings; known: " + known());
        }
        return new MetricsSample(monitorId, at, values, process, processName);
    }

    private static String known() {
        return String.join(", ", HostMetric.keys()) + ", " + PROCESS_NAME;
    }
}
