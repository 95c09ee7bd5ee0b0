package io.contingo.health.condition;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Optional;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One condition an HTTP answer must meet, written as in Gatus: a placeholder, an operator and a value, e.g.
 * {@code [STATUS] == 200}, {@code [RESPONSE_TIME] < 800ms}, {@code [BODY].status == UP},
 * {@code [BODY] contains "OK"}, {@code [CERTIFICATE_EXPIRATION] > 72h}. Parsed once, when the monitors are
 * read, so that a mistake stops the service at start-up instead of failing every check.
 *
 * @param text        the condition as written, for details and messages
 * @param path        for {@link Placeholder#BODY}: the path into a JSON body, or {@code null} for the whole body
 * @param expected    the value after the operator, read for the placeholder's kind
 */
public record Condition(String text, Placeholder placeholder, JsonPath path, Operator operator, Expected expected) {

    /**
     * The value a condition compares with.
     *
     * @param text     as written (without quotes)
     * @param number   the value as a number, when it is one (status codes; numbers compared with a body)
     * @param duration the value as a duration (response time, certificate expiry)
     */
    public record Expected(String text, BigDecimal number, Duration duration) {
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int SHOWN_TEXT = 60;

    /** Reads a condition, or says what is wrong with it and where ({@link ConditionSyntaxException}). */
    public static Condition parse(String text) {
        return new ConditionParser(text).parse();
    }

    /** Whether checking this condition needs the response body. */
    public boolean readsBody() {
        return placeholder == Placeholder.BODY;
    }

    /** Whether this condition needs a TLS certificate, so only makes sense for https. */
    public boolean readsCertificate() {
        return placeholder == Placeholder.CERTIFICATE_EXPIRATION;
    }

    /**
     * Judges what a check saw. Empty when the condition holds; otherwise which condition failed and what was
     * seen instead, e.g. {@code [STATUS] == 200 failed: status was 503}.
     */
    public Optional<String> failure(Reading reading) {
        String seen = switch (placeholder) {
            case STATUS -> operator.holds(Long.compare(reading.status(), expected.number().longValue()))
                    ? null : "status was " + reading.status();
            case RESPONSE_TIME -> operator.holds(reading.responseTime().compareTo(expected.duration()))
                    ? null : "response time was " + reading.responseTime().toMillis() + " ms";
            case CERTIFICATE_EXPIRATION -> certificate(reading.certificateExpiresIn());
            case BODY -> body(reading.body());
        };
        return Optional.ofNullable(seen).map(s -> text + " failed: " + s);
    }

    private String certificate(Duration expiresIn) {
        if (expiresIn == null) {
            return "there was no TLS certificate (not https)";
        }
        if (operator.holds(expiresIn.compareTo(expected.duration()))) {
            return null;
        }
        return expiresIn.isNegative() ? "certificate expired " + Durations.readable(expiresIn.negated()) + " ago"
                : "certificate expires in " + Durations.readable(expiresIn);
    }

    private String body(String body) {
        String subject;
        String actual;
        if (path == null) {
            subject = "body";
            actual = operator == Operator.CONTAINS ? body : body.strip();
        } else {
            subject = Placeholder.BODY.token() + path;
            JsonNode root;
            try {
                root = JSON.readTree(body);
            } catch (JacksonException e) {
                return "body is not JSON";
            }
            if (root == null || root.isMissingNode()) {
                return "body is not JSON";
            }
            JsonNode node = path.select(root);
            if (node.isMissingNode()) {
                return subject + " is missing";
            }
            actual = node.isNull() ? "null" : node.isValueNode() ? node.asString() : node.toString();
        }
        if (operator == Operator.CONTAINS) {
            return actual.contains(expected.text()) ? null : subject + " was " + shown(actual);
        }
        BigDecimal actualNumber = number(actual);
        if (operator.orders()) {
            if (actualNumber == null) {
                return subject + " was " + shown(actual) + ", not a number";
            }
            return operator.holds(actualNumber.compareTo(expected.number())) ? null : subject + " was " + actual;
        }
        boolean equal = actualNumber != null && expected.number() != null
                ? actualNumber.compareTo(expected.number()) == 0
                : actual.equals(expected.text());
        return equal == (operator == Operator.EQUAL) ? null : subject + " was " + shown(actual);
    }

    static BigDecimal number(String text) {
        if (text.isEmpty() || !(Character.isDigit(text.charAt(0)) || text.charAt(0) == '-')) {
            return null;
        }
        try {
            return new BigDecimal(text);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** Seen text in a detail: on one line, quoted, cut after a few words. */
    private static String shown(String text) {
        String oneLine = text.strip().replaceAll("\\s+", " ");
        return "\"" + (oneLine.length() > SHOWN_TEXT ? oneLine.substring(0, SHOWN_TEXT) + "…" : oneLine) + "\"";
    }

    @Override
    public String toString() {
        return text;
    }
}
