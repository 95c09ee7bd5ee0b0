package io.contingo.health.push;

/** A job pushed to a monitor's URL: the monitor can be judged again now rather than at its next check. */
public record PushReceived(String monitorId) {
}
