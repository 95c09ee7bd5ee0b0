package io.contingo.incident.incident;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;

import io.contingo.incident.outbox.OutboxSettings;
import io.contingo.incident.outbox.OutboxSource;

/** Incidents' events go out on {@code incident-events}, first in each relay round. */
@Configuration(proxyBeanMethods = false)
class IncidentOutbox {

    @Bean
    @Order(1)
    OutboxSource incidentEvents(OutboxSettings topics) {
        return new OutboxSource(Incident.class, topics.incidentEventsTopic());
    }
}
