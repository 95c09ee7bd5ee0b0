package io.contingo.health.probe;

import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.stereotype.Component;

import io.contingo.events.HealthEvent;

/** Publishes health events to {@code health-events}, keyed by component (acks=all, idempotent producer). */
@Component
class HealthEventPublisher {

    static final String BINDING = "healthEvents-out-0";

    private final StreamBridge streamBridge;

    HealthEventPublisher(StreamBridge streamBridge) {
        this.streamBridge = streamBridge;
    }

    void publish(HealthEvent event) {
        streamBridge.send(BINDING, MessageBuilder.withPayload(event)
                .setHeader(KafkaHeaders.KEY, event.componentId())
                .build());
    }
}
