package io.contingo.incident.oncall;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;

import io.contingo.incident.outbox.OutboxSource;

/** Pages go out on {@code paging-events} ({@code contingo.oncall.topic}), after the incidents' own events. */
@Configuration(proxyBeanMethods = false)
class PagingOutbox {

    @Bean
    @Order(10)
    OutboxSource agentPages(@Value("${contingo.oncall.topic:paging-events}") String topic) {
        return new OutboxSource(Page.class, topic);
    }
}
