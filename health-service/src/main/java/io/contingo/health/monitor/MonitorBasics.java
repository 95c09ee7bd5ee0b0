package io.contingo.health.monitor;

import java.time.Duration;

/**
 * What every monitor has, whatever its type.
 *
 * @param id          lower-case letters, digits and dashes
 * @param componentId the component of incident-service's catalog the monitor reports on
 * @param siteId      the component's site
 * @param interval    how often the monitor is checked
 * @param timeout     how long one attempt may take, shorter than the interval
 * @param retries     how many more attempts a failed check makes, at once, before it reports DOWN; an attempt is
 *                    made only when it can finish before the next check is due
 */
public record MonitorBasics(String id, String componentId, String siteId, Duration interval, Duration timeout, int retries) {
}
