package io.contingo.incident.drp;

import java.util.Map;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;

import io.contingo.events.DrpCommand;
import io.contingo.incident.outbox.OutboxSource;

/** A run's changes go out on {@code drp-events}, its step orders on {@code drp-commands}. */
@Configuration(proxyBeanMethods = false)
class DrpOutbox {

    @Bean
    @Order(3)
    OutboxSource drpRunEvents(DrpSettings settings) {
        return new OutboxSource(DrpRun.class, settings.eventsTopic(), Map.of(DrpCommand.class, settings.commandsTopic()));
    }
}
