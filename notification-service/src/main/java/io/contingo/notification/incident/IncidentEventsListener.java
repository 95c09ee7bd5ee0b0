package io.contingo.notification.incident;

import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.contingo.events.IncidentEvent;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * {@code onIncidentEvent}: consumes {@code incident-events}. Emails to subscribers are built on this
 * consumer; until then it counts what it receives ({@code contingo.incident.events.received}).
 */
@Configuration
class IncidentEventsListener {

    private static final Logger log = LoggerFactory.getLogger(IncidentEventsListener.class);

    @Bean
    Consumer<IncidentEvent> onIncidentEvent(MeterRegistry meters) {
        return event -> {
            meters.counter("contingo.incident.events.received", "type", event.type().name()).increment();
            log.info("Incident event {} #{} for {} received", event.type(), event.sequence(), event.incidentId());
        };
    }
}
