package io.contingo.health.monitor;

/**
 * Makes the push token of a pushed monitor: the catalog calls it for each pushed monitor it takes (at start, and
 * on every change made here or on another instance), so that the monitor's push URL exists before a job uses it.
 */
public interface PushTokenIssuer {

    /** Makes the monitor's token, the first time it is seen; nothing when it has one. */
    void ensure(String monitorId);
}
