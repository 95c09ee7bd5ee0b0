package io.contingo.incident.component;

import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.Message;

import io.contingo.events.HealthEvent;
import io.contingo.events.Topics;
import io.contingo.incident.outbox.EventProducer;
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

    @Bean
    Consumer<Message<byte[]>> onHealthEvent(JsonMapper json, HandlingHealthEvents handling, EventProducer producer) {
        ObjectReader reader = json.readerFor(HealthEvent.class).without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        return message -> {
            HealthEvent event;
            try {
                event = parse(reader, message.getPayload());
            } catch (MalformedHealthEvent e) {
                park(producer, message, e);
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

    private static void park(EventProducer producer, Message<byte[]> message, MalformedHealthEvent error) {
        Object key = message.getHeaders().get(KafkaHeaders.RECEIVED_KEY);
        String textKey = key instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8) : key == null ? null : key.toString();
        String topic = String.valueOf(message.getHeaders().getOrDefault(KafkaHeaders.RECEIVED_TOPIC, Topics.HEALTH_EVENTS));
        Object partition = message.getHeaders().get(KafkaHeaders.RECEIVED_PARTITION);
        Object offset = message.getHeaders().get(KafkaHeaders.OFFSET);
        log.warn("Parking a message from {} partition {} offset {} on {}: {}", topic, partition, offset,
                Topics.deadLetter(topic), error.getMessage());
        ProducerRecord<String, byte[]> dead = new ProducerRecord<>(Topics.deadLetter(topic), textKey,
                message.getPayload() == null ? new byte[0] : message.getPayload());
        header(dead, "x-exception-message", error.getMessage());
        header(dead, "x-exception-fqcn", error.getClass().getName());
        header(dead, "x-original-topic", topic);
        header(dead, "x-original-partition", String.valueOf(partition));
        header(dead, "x-original-offset", String.valueOf(offset));
        producer.send(dead);
    }

    private static void header(ProducerRecord<String, byte[]> record, String name, String value) {
        record.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
