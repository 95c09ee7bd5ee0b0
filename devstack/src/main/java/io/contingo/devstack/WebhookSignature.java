package io.contingo.devstack;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.sun.net.httpserver.HttpExchange;

/**
 * The signature of Contingo's webhooks: a DRP runbook's, as the demo sites and the entry URL check it, and
 * notification-service's calls to the customers' webhooks (keyed with the subscriber's secret) and to the on-call
 * agents' (keyed with {@code contingo.paging.webhook-secret}), as their receivers and the tests check them. The sender puts the
 * time in {@value #TIMESTAMP_HEADER} (epoch seconds) and, in {@value #SIGNATURE_HEADER},
 * {@code sha256=} followed by the lowercase hex HMAC-SHA256, keyed with the shared secret, of the string
 * {@code "<timestamp>.<raw body>"} (the body's bytes as sent; an empty body signs {@code "<timestamp>."}).
 * A request whose timestamp is more than {@link #TOLERANCE} away from now is refused, so that a captured
 * request cannot be replayed later.
 */
public final class WebhookSignature {

    public static final String TIMESTAMP_HEADER = "X-Contingo-Timestamp";
    public static final String SIGNATURE_HEADER = "X-Contingo-Signature";
    public static final Duration TOLERANCE = Duration.ofSeconds(300);

    /** The secret the devstack uses when none is given: a LOCAL DEMO VALUE, never for a real site. */
    public static final String DEMO_SECRET = "contingo-demo-webhook-secret";

    private static final String PREFIX = "sha256=";

    private WebhookSignature() {
    }

    /** The {@value #SIGNATURE_HEADER} value for {@code body} (UTF-8) sent at {@code timestamp} (epoch seconds). */
    public static String sign(String secret, long timestamp, String body) {
        return sign(secret, timestamp, body.getBytes(StandardCharsets.UTF_8));
    }

    /** The {@value #SIGNATURE_HEADER} value for the raw {@code body} sent at {@code timestamp} (epoch seconds). */
    public static String sign(String secret, long timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update((timestamp + ".").getBytes(StandardCharsets.US_ASCII));
            return PREFIX + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }

    /**
     * Checks a request's two headers against its raw body: empty when it is signed with {@code secret} within
     * {@link #TOLERANCE} of {@code now}, else why it is refused. The signatures are compared in constant time.
     */
    public static Optional<String> verify(String secret, String timestampHeader, String signatureHeader, byte[] body, Instant now) {
        if (timestampHeader == null || signatureHeader == null) {
            return Optional.of("The request is not signed: it needs the headers " + TIMESTAMP_HEADER + " and " + SIGNATURE_HEADER);
        }
        long timestamp;
        try {
            timestamp = Long.parseLong(timestampHeader.strip());
        } catch (NumberFormatException e) {
            return Optional.of(TIMESTAMP_HEADER + " must be the time in epoch seconds");
        }
        if (Math.abs(now.getEpochSecond() - timestamp) > TOLERANCE.toSeconds()) {
            return Optional.of(TIMESTAMP_HEADER + " is more than " + TOLERANCE.toSeconds() + " s away from now");
        }
        byte[] expected = sign(secret, timestamp, body).getBytes(StandardCharsets.US_ASCII);
        byte[] given = signatureHeader.strip().getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(expected, given)) {
            return Optional.of(SIGNATURE_HEADER + " does not match the body and timestamp");
        }
        return Optional.empty();
    }

    /**
     * Answers 401 with the reason and returns {@code true} when the exchange is not signed with {@code secret};
     * a {@code null} secret asks for no signature.
     */
    static boolean refuses(HttpExchange exchange, String secret, byte[] body) throws IOException {
        if (secret == null) {
            return false;
        }
        Optional<String> problem = verify(secret, exchange.getRequestHeaders().getFirst(TIMESTAMP_HEADER),
                exchange.getRequestHeaders().getFirst(SIGNATURE_HEADER), body, Instant.now());
        if (problem.isEmpty()) {
            return false;
        }
        Http.send(exchange, 401, "text/plain; charset=utf-8", problem.get() + "; nothing was changed\n");
        return true;
    }
}
