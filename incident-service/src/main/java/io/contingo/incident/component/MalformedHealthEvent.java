package io.contingo.incident.component;

/** A message on health-events that is not a health event: never retried, parked on health-events.dlq. */
public class MalformedHealthEvent extends RuntimeException {

    MalformedHealthEvent(String message, Throwable cause) {
        super(message, cause);
    }
}
