package io.contingo.incident.component;

import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.MessageBuilder;

import io.contingo.events.HealthEvent;
import io.contingo.events.Topics;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code onHealthEvent}: consumes {@code health-events}. The payload is read here rather than by the
 * framework, so that a message that is not a valid health event is parked at once on
 * {@code health-events.dlq} with the reason in its headers (retrying cannot mend it), and the consumer goes
 * on with the next one. Other failures are retried by the binder, then dead-lettered as well.
 */
@Configuration
class HealthEventsListener {

    private static final Logger log = LoggerFactory.getLogger(HealthEventsListener.class);
    static final String DEAD_LETTERS = "healthEventsDlq-out-0";

    @Bean
    Consumer<Message<byte[]>> onHealthEvent(JsonMapper json, HandlingHealthEvents handling, StreamBridge streamBridge) {
        ObjectReader reader = json.readerFor(HealthEvent.class).without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        return message -> {
            HealthEvent event;
            try {
                event = parse(reader, message.getPayload());
            } catch (MalformedHealthEvent e) {
                park(streamBridge, message, e);
                return;
            }
            handling.handle(event);
        };
    }

    static HealthEvent parse(ObjectReader reader, byte[] payload) {
        if (payload == null || payload.length == 0) {
            throw new MalformedHealthEvent("Empty message: expected a health event", null);
        }
        try {
            return reader.readValue(payload);
        } catch (JacksonException e) {
            throw new MalformedHealthEvent("Not a valid health event: " + e.getOriginalMessage(), e);
        }
    }

    private static void park(StreamBridge streamBridge, Message<byte[]> message, MalformedHealthEvent error) {
        Object key = message.getHeaders().get(KafkaHeaders.RECEIVED_KEY);
        String textKey = key instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8) : key == null ? null : key.toString();
        Object topic = message.getHeaders().getOrDefault(KafkaHeaders.RECEIVED_TOPIC, Topics.HEALTH_EVENTS);
        log.warn("Parking a message from {} partition {} offset {} on its dead-letter topic: {}", topic,
                message.getHeaders().get(KafkaHeaders.RECEIVED_PARTITION), message.getHeaders().get(KafkaHeaders.OFFSET),
                error.getMessage());
        MessageBuilder<byte[]> dead = MessageBuilder.withPayload(message.getPayload() == null ? new byte[0] : message.getPayload())
                .setHeader("x-exception-message", error.getMessage())
                .setHeader("x-exception-fqcn", error.getClass().getName())
                .setHeader("x-original-topic", String.valueOf(topic))
                .setHeader("x-original-partition", String.valueOf(message.getHeaders().get(KafkaHeaders.RECEIVED_PARTITION)))
                .setHeader("x-original-offset", String.valueOf(message.getHeaders().get(KafkaHeaders.OFFSET)));
        if (textKey != null) {
            dead.setHeader(KafkaHeaders.KEY, textKey);
        }
        if (!streamBridge.send(DEAD_LETTERS, dead.build())) {
            throw new IllegalStateException("Could not park a malformed message on " + Topics.deadLetter(Topics.HEALTH_EVENTS));
        }
    }
}
