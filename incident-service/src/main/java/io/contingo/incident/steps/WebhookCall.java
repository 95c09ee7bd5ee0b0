package io.contingo.incident.steps;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import io.contingo.starter.address.DenyList;
import io.contingo.starter.address.TargetRefusedException;

/**
 * One signed HTTP call of a runbook step. The receiver verifies it: {@code X-Contingo-Timestamp} (epoch seconds) and
 * {@code X-Contingo-Signature: sha256=<hex HMAC-SHA256 of "<timestamp>.<body>">} with the shared secret;
 * {@code X-Contingo-Order} names the run, step and attempt (the same on a retry within an attempt, so a receiver can
 * drop a repeat) and {@code X-Contingo-Drill: true} marks a drill. The host is checked against the deny-list before
 * any connection.
 */
final class WebhookCall {

    static final String TIMESTAMP = "X-Contingo-Timestamp";
    static final String SIGNATURE = "X-Contingo-Signature";

    /** What came back: the status, or why there was none, and how long it took. */
    record Answer(int status, String problem, Duration took) {

        boolean ok(Integer expected) {
            return problem == null && (expected == null ? status / 100 == 2 : status == expected);
        }

        String words() {
            return (problem != null ? problem : "HTTP " + status) + " in " + took.toMillis() + " ms";
        }
    }

    private final HttpClient client;
    private final DenyList denyList;
    private final String secret;
    private final Clock clock;

    WebhookCall(HttpClient client, DenyList denyList, String secret, Clock clock) {
        this.client = client;
        this.denyList = denyList;
        this.secret = secret;
        this.clock = clock;
    }

    Answer call(String method, String url, String body, Duration timeout, String orderKey, boolean drill) {
        Instant start = clock.instant();
        try {
            URI uri = URI.create(url);
            denyList.resolve(uri.getHost());
            String payload = body == null ? "" : body;
            long timestamp = clock.instant().getEpochSecond();
            HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(timeout)
                    .header("Content-Type", "application/json")
                    .header("User-Agent", "Contingo-DRP")
                    .header(TIMESTAMP, Long.toString(timestamp))
                    .header(SIGNATURE, sign(secret, timestamp, payload))
                    .header("X-Contingo-Order", orderKey)
                    .method(method, payload.isEmpty() && ("GET".equals(method) || "DELETE".equals(method))
                            ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(payload));
            if (drill) {
                request.header("X-Contingo-Drill", "true");
            }
            HttpResponse<Void> response = client.send(request.build(), HttpResponse.BodyHandlers.discarding());
            return new Answer(response.statusCode(), null, Duration.between(start, clock.instant()));
        } catch (TargetRefusedException e) {
            return new Answer(0, "Refused: " + e.getMessage(), Duration.between(start, clock.instant()));
        } catch (java.net.http.HttpTimeoutException e) {
            return new Answer(0, "No answer within " + timeout.toSeconds() + " s", Duration.between(start, clock.instant()));
        } catch (IOException | IllegalArgumentException e) {
            return new Answer(0, "Could not call " + url + ": " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()),
                    Duration.between(start, clock.instant()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer(0, "Interrupted", Duration.between(start, clock.instant()));
        }
    }

    /** The signature header's value: {@code sha256=} and the hex HMAC-SHA256 of {@code "<timestamp>.<body>"}. */
    static String sign(String secret, long timestamp, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return "sha256=" + HexFormat.of().formatHex(mac.doFinal((timestamp + "." + body).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }
}
