package io.contingo.events;

/** What one check of one monitor observed. */
public enum HealthStatus {
    UP, DEGRADED, DOWN
}
