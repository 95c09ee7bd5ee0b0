package io.contingo.health.probe;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import javax.net.ssl.SSLException;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;

import io.contingo.health.condition.Condition;
import io.contingo.health.condition.Reading;
import io.contingo.health.monitor.HttpMonitor;
import io.contingo.starter.address.DenyList;
import io.contingo.starter.address.PinnedAddresses;

/**
 * Runs one HTTP(S) check: sends the monitor's request, follows redirects when asked (checking every target
 * against the deny-list first), and judges the answer by the monitor's conditions, or by its expected status
 * when it has none (any 2xx by default).
 *
 * <p>The whole check, redirects and body included, must be over within the monitor's timeout. The client
 * must not follow redirects itself: this check does, so that no redirect reaches a denied address. While a
 * request is sent its host name is pinned to the addresses the deny-list allowed ({@link PinnedAddresses}), so
 * the client connects to one of those whatever DNS says meanwhile. A redirect to another host or port is sent
 * without the monitor's headers.
 */
final class HttpCheck {

    static final int MAX_REDIRECTS = 5;
    /** Conditions read at most this much of a body: enough for any health page, bounded for a huge one. */
    static final int BODY_LIMIT = 256 * 1024;
    private static final Set<Integer> REDIRECTS = Set.of(301, 302, 303, 307, 308);

    private final HttpClient client;
    private final DenyList denyList;
    private final Clock clock;
    private final String userAgent;

    HttpCheck(HttpClient client, DenyList denyList, Clock clock, String probeId) {
        this.client = client;
        this.denyList = denyList;
        this.clock = clock;
        this.userAgent = "Contingo-Probe/" + probeId;
    }

    CheckResult run(HttpMonitor monitor) {
        List<Condition> conditions = monitor.parsedConditions();
        boolean readBody = conditions.stream().anyMatch(Condition::readsBody);
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("url", monitor.url().toString());
        long started = System.nanoTime();
        long deadline = started + monitor.timeout().toNanos();
        URI uri = monitor.url();
        String method = monitor.method();
        String body = monitor.body();
        try {
            HttpResponse<String> response;
            for (int redirects = 0; ; redirects++) {
                try (PinnedAddresses.Pin pinned = PinnedAddresses.pin(uri.getHost(), denyList.resolve(uri.getHost()))) {
                    response = exchange(request(monitor, uri, method, body, deadline), readBody, deadline);
                }
                Optional<URI> next = monitor.followRedirects() ? redirectTarget(response) : Optional.empty();
                if (next.isEmpty()) {
                    break;
                }
                if (redirects == MAX_REDIRECTS) {
                    return CheckResult.down(elapsedMillis(started), "More than " + MAX_REDIRECTS + " redirects, the last to " + next.get(), attributes);
                }
                int code = response.statusCode();
                if (code == 303 || (code == 301 || code == 302) && "POST".equals(method)) {
                    method = "GET"; // as browsers do
                    body = null;
                }
                uri = next.get();
            }
            return judge(monitor, conditions, response, uri, elapsedMillis(started), attributes);
        } catch (UnknownHostException e) {
            return CheckResult.down(null, "Unknown host " + uri.getHost(), attributes);
        } catch (HttpConnectTimeoutException e) {
            return CheckResult.down(null, "Could not connect within " + monitor.timeout().toMillis() + " ms", attributes);
        } catch (HttpTimeoutException e) {
            return CheckResult.down(null, "No answer within " + monitor.timeout().toMillis() + " ms", attributes);
        } catch (ConnectException e) {
            return CheckResult.down(null, "Connection refused", attributes);
        } catch (SSLException e) {
            return CheckResult.down(null, "TLS failed: " + e.getMessage(), attributes);
        } catch (IOException e) {
            return CheckResult.down(null, "Request failed: " + e.getMessage(), attributes);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return CheckResult.down(null, "Check interrupted", attributes);
        }
    }

    /** UP or DOWN by the monitor's conditions, or by its status when it has none; the readings go into the attributes. */
    private CheckResult judge(HttpMonitor monitor, List<Condition> conditions, HttpResponse<String> response, URI finalUri,
            long latency, Map<String, String> attributes) {
        int code = response.statusCode();
        attributes.put("httpStatus", String.valueOf(code));
        if (!finalUri.equals(monitor.url())) {
            attributes.put("finalUrl", finalUri.toString());
        }
        Duration certificateExpiresIn = certificateExpiry(response).map(notAfter -> {
            attributes.put("certificateExpiresAt", notAfter.toString());
            return Duration.between(clock.instant(), notAfter);
        }).orElse(null);
        if (conditions.isEmpty()) {
            return statusCheck(monitor, code, latency, attributes);
        }
        Reading reading = new Reading(code, Duration.ofMillis(latency), response.body(), certificateExpiresIn);
        List<String> failures = conditions.stream().flatMap(c -> c.failure(reading).stream()).toList();
        if (!failures.isEmpty()) {
            return CheckResult.down(latency, String.join("; ", failures), attributes);
        }
        return CheckResult.up(latency, "HTTP " + code + " in " + latency + " ms", attributes);
    }

    /** The legacy judgement, for monitors without conditions: the expected status, or any 2xx. */
    private static CheckResult statusCheck(HttpMonitor monitor, int code, long latency, Map<String, String> attributes) {
        boolean matches = monitor.expectedStatus() == 0 ? code >= 200 && code < 300 : code == monitor.expectedStatus();
        if (!matches) {
            String expected = monitor.expectedStatus() == 0 ? "2xx" : String.valueOf(monitor.expectedStatus());
            return CheckResult.down(latency, "HTTP " + code + ", expected " + expected, attributes);
        }
        return CheckResult.up(latency, "HTTP " + code + " in " + latency + " ms", attributes);
    }

    private HttpRequest request(HttpMonitor monitor, URI uri, String method, String body, long deadline)
            throws HttpTimeoutException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .timeout(remaining(monitor, deadline))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        Map<String, String> headers = sameServer(monitor.url(), uri) ? monitor.headers() : Map.of();
        if (headers.keySet().stream().noneMatch("User-Agent"::equalsIgnoreCase)) {
            request.header("User-Agent", userAgent);
        }
        headers.forEach(request::header);
        return request.build();
    }

    /**
     * Whether a redirect stays on the monitor's own host and port: only then does it take the monitor's headers,
     * which may hold credentials (Authorization, Cookie, an API key) meant for that server alone.
     */
    private static boolean sameServer(URI monitored, URI target) {
        return monitored.getHost().equalsIgnoreCase(target.getHost()) && port(monitored) == port(target);
    }

    private static int port(URI uri) {
        return uri.getPort() >= 0 ? uri.getPort() : "https".equals(uri.getScheme()) ? 443 : 80;
    }

    /** Sends one request and waits for the answer (and the body the conditions read) until the deadline. */
    private HttpResponse<String> exchange(HttpRequest request, boolean readBody, long deadline)
            throws IOException, InterruptedException {
        CompletableFuture<HttpResponse<String>> answer = client.sendAsync(request,
                readBody ? LimitedBody.handler(BODY_LIMIT) : HttpResponse.BodyHandlers.replacing(""));
        try {
            return answer.get(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            answer.cancel(true);
            throw new HttpTimeoutException("request timed out");
        } catch (InterruptedException e) {
            answer.cancel(true);
            throw e;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new IOException(e.getCause().getMessage(), e.getCause());
        }
    }

    /** Where a redirect leads, when it is one this check follows: to http(s), and never from https down to http. */
    private static Optional<URI> redirectTarget(HttpResponse<?> response) {
        if (!REDIRECTS.contains(response.statusCode())) {
            return Optional.empty();
        }
        URI from = response.uri();
        return response.headers().firstValue("Location").flatMap(location -> {
            try {
                URI to = from.resolve(location.strip());
                boolean web = "http".equals(to.getScheme()) || "https".equals(to.getScheme());
                boolean downgrade = "https".equals(from.getScheme()) && "http".equals(to.getScheme());
                return web && !downgrade && to.getHost() != null ? Optional.of(to) : Optional.empty();
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
        });
    }

    private static Optional<Instant> certificateExpiry(HttpResponse<?> response) {
        return response.sslSession().flatMap(HttpCheck::leaf).map(c -> c.getNotAfter().toInstant());
    }

    private static Optional<X509Certificate> leaf(SSLSession session) {
        try {
            Certificate[] chain = session.getPeerCertificates();
            return chain.length > 0 && chain[0] instanceof X509Certificate x509 ? Optional.of(x509) : Optional.empty();
        } catch (SSLPeerUnverifiedException e) {
            return Optional.empty();
        }
    }

    private static Duration remaining(HttpMonitor monitor, long deadline) throws HttpTimeoutException {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
            throw new HttpTimeoutException("no time left for " + monitor.url());
        }
        return Duration.ofNanos(left);
    }

    private static long elapsedMillis(long startedNanos) {
        return Duration.ofNanos(System.nanoTime() - startedNanos).toMillis();
    }
}
