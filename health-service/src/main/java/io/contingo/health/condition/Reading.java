package io.contingo.health.condition;

import java.time.Duration;
import java.util.Objects;

/**
 * What an HTTP check saw, for its conditions to judge.
 *
 * @param status               the status code of the final response
 * @param responseTime         from the first request to the end of the last response
 * @param body                 the response body as text (empty when no condition reads it)
 * @param certificateExpiresIn how long the server's certificate stays valid; {@code null} over plain http
 */
public record Reading(int status, Duration responseTime, String body, Duration certificateExpiresIn) {

    public Reading {
        Objects.requireNonNull(responseTime, "responseTime is required");
        body = body == null ? "" : body;
    }
}
