package io.contingo.health.condition;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/** What a condition reads from the answer of an HTTP check, written in square brackets. */
public enum Placeholder {

    /** The HTTP status code of the final response. */
    STATUS("[STATUS]", Kind.WHOLE_NUMBER),
    /** From sending the request to the end of the response, redirects included. */
    RESPONSE_TIME("[RESPONSE_TIME]", Kind.DURATION),
    /** The response body as text; followed by a path ({@code [BODY].a.b[0]}) it is a value inside a JSON body. */
    BODY("[BODY]", Kind.TEXT),
    /** How long until the server's TLS certificate expires (https only). */
    CERTIFICATE_EXPIRATION("[CERTIFICATE_EXPIRATION]", Kind.DURATION);

    /** What the right-hand side of a condition on this placeholder must be. */
    enum Kind {
        WHOLE_NUMBER, DURATION, TEXT
    }

    private final String token;
    private final Kind kind;

    Placeholder(String token, Kind kind) {
        this.token = token;
        this.kind = kind;
    }

    public String token() {
        return token;
    }

    Kind kind() {
        return kind;
    }

    static Optional<Placeholder> ofToken(String token) {
        return Arrays.stream(values()).filter(p -> p.token.equals(token)).findFirst();
    }

    static String known() {
        return Arrays.stream(values()).map(Placeholder::token).collect(Collectors.joining(", "));
    }
}
