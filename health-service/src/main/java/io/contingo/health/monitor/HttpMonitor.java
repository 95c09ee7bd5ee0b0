package io.contingo.health.monitor;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.contingo.health.condition.Condition;

/**
 * An HTTP(S) request, judged by its status or by conditions.
 *
 * @param url             the address to request
 * @param method          GET, HEAD, POST, PUT, PATCH, DELETE or OPTIONS
 * @param headers         request headers
 * @param body            request body
 * @param followRedirects follow up to five redirects (each target checked against the deny-list)
 * @param expectedStatus  without conditions: the status that means UP; 0 accepts any 2xx
 * @param conditions      what the answer must meet, e.g. {@code [STATUS] == 200}, {@code [BODY].status == UP}
 * @param degradedLatency an answer slower than this is DEGRADED (none when null)
 */
public record HttpMonitor(MonitorBasics basics, URI url, String method, Map<String, String> headers, String body,
        boolean followRedirects, int expectedStatus, List<String> conditions, Duration degradedLatency) implements MonitorDefinition {

    public HttpMonitor {
        method = method == null ? "GET" : method;
        headers = headers == null ? Map.of() : Map.copyOf(headers);
        conditions = conditions == null ? List.of() : List.copyOf(conditions);
    }

    /** The conditions, read; the rules have refused any that cannot be. */
    public List<Condition> parsedConditions() {
        return conditions.stream().map(Condition::parse).toList();
    }

    @Override
    public String target() {
        return String.valueOf(url);
    }

    @Override
    public Addressed addressed() {
        return url == null ? null : new Addressed("url", url.getHost());
    }
}
