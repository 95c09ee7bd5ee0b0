package io.contingo.incident.component;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;

import io.contingo.incident.outbox.OutboxSettings;
import io.contingo.incident.outbox.OutboxSource;

/** Component states' status changes go out on {@code component-status}, after the incidents' events of each relay round. */
@Configuration(proxyBeanMethods = false)
class ComponentOutbox {

    @Bean
    @Order(2)
    OutboxSource componentStatusChanges(OutboxSettings topics) {
        return new OutboxSource(ComponentState.class, topics.componentStatusTopic());
    }
}
